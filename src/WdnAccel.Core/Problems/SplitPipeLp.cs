using WdnAccel.Core.Io;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// The split-pipe LP of Alperovits &amp; Shamir (1977), the refinement step of the three 11-node layouts study: with the
/// flows of a solved design held fixed, choose lengths x_{i,d} ≥ 0 of every catalog diameter on each decision pipe,
/// Σ_d x_{i,d} = L_i, so that every node keeps its limits, at least Σ c_d·x_{i,d}.
/// Heads are variables H_{n,c} per demand case; each open link carries H_u − H_v = head loss, which is linear in x
/// (per unit length j_{i,d} at the fixed Q by the network's formula, e.g. Hazen–Williams ω·Q|Q|^0.852 / (C^1.852·D_d^4.871)), constant for
/// non-decision pipes and pumps. This form handles loops as well as trees. The LP is solved and certified exactly
/// (coefficients are the doubles' exact values). For a branched network the flows are fixed by the demands, so the
/// optimum is a lower bound on every discrete design; for a looped one, or one with emitters or pressure-driven demand
/// (whose outflows depend on the pressures), it is only a local refinement at these flows.
/// Each link's equation also carries the hydraulic solution's own residual (its head change minus the head loss the
/// discrete choice gives at the fixed flow), so the discrete design is exactly a feasible point of the LP and the
/// optimum never exceeds its cost; that residual also carries any minor loss at the discrete diameter.
/// A vertex optimum can hold segments of a few micrometres where a loop closes: segments shorter than a minimum
/// length are forbidden and the LP solved again, until none is left (nobody lays 6e-7 m of pipe).
/// </summary>
public static class SplitPipeLp
{
    /// <summary>Default shortest segment worth building, in metres.</summary>
    public const double DefaultMinSegmentLength = 1.0;

    /// <summary>Rounds of forbidding short segments before the discrete design is kept instead.</summary>
    private const int MaxRounds = 20;

    public static SplitPipeResult Refine(CompiledNetwork net, DesignSpec design, HydraulicBatch solved, IReadOnlyList<int> genome,
        double minSegmentLength = DefaultMinSegmentLength)
    {
        if (!(minSegmentLength >= 0) || !double.IsFinite(minSegmentLength))
            throw new InvalidInputException($"the shortest split-pipe segment must be a finite length ≥ 0 m, got {minSegmentLength}", field: "min_segment");
        int cases = net.CaseNames.Length;
        var model = new LpModel { Name = "split-pipe", Sense = LpSense.Minimize };
        var decision = net.DecisionPipes.Select((pipe, i) => (pipe, i)).ToDictionary(t => t.pipe, t => t.i);
        var segments = new List<(int Pipe, int Option, int Variable)>();

        // Length variables per decision pipe and option; a pipe without flow in every case keeps its chosen option.
        var omitted = new HashSet<int>();
        foreach (var pipe in net.DecisionPipes)
        {
            bool flowing = Enumerable.Range(0, cases).Any(c => solved.Flow[pipe * solved.Count + c] != 0 && solved.Closed[pipe * solved.Count + c] == 0);
            string id = net.LinkIds[pipe];
            if (!flowing)
            {
                omitted.Add(pipe);
                continue;
            }
            var terms = new List<LpTerm>();
            for (int o = 0; o < design.Catalog.Count; o++)
            {
                if (!design.Catalog[o].IsLaid) continue; // "no pipe" cannot carry the fixed flow
                int v = model.AddVariable($"x_{id}_{o}", Rational.Zero, null, Rational.FromDouble(design.Catalog[o].UnitCost));
                segments.Add((pipe, o, v));
                terms.Add(new LpTerm(v, Rational.One));
            }
            model.AddConstraint($"length_{id}", terms, LpRowSense.Equal, Rational.FromDouble(net.Length[pipe]));
        }

        var segmentsOf = segments.ToLookup(seg => seg.Pipe); // each decision pipe's length variables, built once
        var feasibility = new DesignFeasibility(net, design);
        for (int c = 0; c < cases; c++)
        {
            int[] head = new int[net.NodeCount];
            for (int n = 0; n < net.NodeCount; n++)
            {
                bool isFixed = n >= net.JunctionCount;
                Rational? lower = null, upper = null;
                if (isFixed)
                {
                    lower = upper = Rational.FromDouble(solved.FixedHead[(n - net.JunctionCount) * solved.Count + c]);
                }
                else
                {
                    var (minHead, maxHead) = feasibility.HeadLimits(n, c);
                    if (double.IsFinite(minHead)) lower = Rational.FromDouble(minHead);
                    if (double.IsFinite(maxHead)) upper = Rational.FromDouble(maxHead);
                }
                head[n] = model.AddVariable($"H_{net.NodeIds[n]}_{c}", lower, upper);
            }
            for (int link = 0; link < net.LinkCount; link++)
            {
                int at = link * solved.Count + c;
                if (solved.Closed[at] != 0 || omitted.Contains(link)) continue;
                double q = solved.Flow[at];
                var terms = new List<LpTerm> { new(head[net.From[link]], Rational.One), new(head[net.To[link]], Rational.MinusOne) };
                // The head change the solved design produced: for fixed links (pipe loss incl. minor loss, or pump
                // gain) the whole right-hand side; for decision pipes what the discrete choice's friction leaves over.
                Rational constant = Rational.FromDouble(solved.Head[net.From[link] * solved.Count + c]) - Rational.FromDouble(solved.Head[net.To[link] * solved.Count + c]);
                if (link < net.PipeCount && decision.TryGetValue(link, out int gene))
                {
                    foreach (var seg in segmentsOf[link])
                    {
                        var perMetre = Rational.FromDouble(HeadLossPerMetre(net, design, link, seg.Option, q));
                        terms.Add(new LpTerm(seg.Variable, -perMetre));
                        if (seg.Option == genome[gene]) constant -= perMetre * Rational.FromDouble(net.Length[link]);
                    }
                }
                model.AddConstraint($"link_{net.LinkIds[link]}_{c}", terms, LpRowSense.Equal, constant);
            }
        }

        Rational Cost(int i) => Rational.FromDouble(design.Catalog[genome[i]].UnitCost) * Rational.FromDouble(net.Length[net.DecisionPipes[i]]);
        var discrete = Enumerable.Range(0, genome.Count).Aggregate(Rational.Zero, (sum, i) => sum + Cost(i));
        var fixedPart = Enumerable.Range(0, genome.Count).Where(i => omitted.Contains(net.DecisionPipes[i])).Aggregate(Rational.Zero, (sum, i) => sum + Cost(i));
        // A forest with one fixed-head node per tree has its flows fixed by the demands, unless emitters or pressure-driven
        // demands make the outflows, and so the flows, depend on the pressures the diameters give; and valves, whose head
        // changes (a PRV's or PSV's held pressure, an FCV's or PBV's state) move with the heads the diameters give.
        bool branched = net.LinkCount == net.JunctionCount && !net.OutflowsDependOnPressure && net.ValveCount == 0;

        var first = LpSolver.Solve(model, exact: true);
        Rational? bound = Optimum(first) is { } b ? b + fixedPart : null;
        var last = first;
        int removed = 0;
        for (int round = 0; round < MaxRounds && Optimum(last) is not null; round++)
        {
            var shortOnes = ShortSegments(last, segments, net, minSegmentLength);
            if (shortOnes.Length == 0) break;
            foreach (var s in shortOnes) model.SetBounds(s.Variable, Rational.Zero, Rational.Zero);
            removed += shortOnes.Length;
            last = LpSolver.Solve(model, exact: true);
        }

        var split = new Dictionary<string, IReadOnlyList<(double Diameter, double Length)>>(StringComparer.Ordinal);
        bool buildable = Optimum(last) is { } practical && practical + fixedPart <= discrete && ShortSegments(last, segments, net, minSegmentLength).Length == 0;
        if (buildable)
        {
            foreach (var group in segmentsOf)
            {
                split[net.LinkIds[group.Key]] = group
                    .Select(s => (design.Catalog[s.Option].Diameter, last.SolutionExact![s.Variable]))
                    .Where(s => s.Item2 > Rational.Zero)
                    .Select(s => (s.Diameter, s.Item2.ToDouble()))
                    .ToArray();
            }
        }
        else
        {
            foreach (var group in segmentsOf)
            {
                int option = genome[decision[group.Key]];
                split[net.LinkIds[group.Key]] = [(design.Catalog[option].Diameter, net.Length[group.Key])];
            }
        }
        Rational? cost = buildable ? Optimum(last)!.Value + fixedPart : Optimum(first) is null ? null : discrete;
        return new SplitPipeResult(first, discrete, fixedPart, bound, cost, split, branched, minSegmentLength, removed, !buildable && cost is not null);
    }

    /// <summary>The exact optimum of a certified optimal LP, else null.</summary>
    private static Rational? Optimum(LpResult lp) =>
        lp.Status == LpStatus.Optimal && lp.Certified && lp.ObjectiveExact is { } obj && lp.SolutionExact is not null ? obj : null;

    /// <summary>Segments of a solved LP that are laid (length &gt; 0) but shorter than the minimum or their whole pipe.</summary>
    private static (int Pipe, int Option, int Variable)[] ShortSegments(LpResult lp, List<(int Pipe, int Option, int Variable)> segments, CompiledNetwork net, double minSegmentLength) =>
        segments.Where(s => lp.SolutionExact![s.Variable] > Rational.Zero
            && lp.SolutionExact[s.Variable] < Rational.FromDouble(Math.Min(minSegmentLength, net.Length[s.Pipe]))).ToArray();

    /// <summary>
    /// Friction loss per metre of catalog option <paramref name="option"/> at flow <paramref name="q"/>, by the network's
    /// own formula (Darcy–Weisbach's friction factor at this flow and diameter); a catalog that overflows it is bad input.
    /// </summary>
    private static double HeadLossPerMetre(CompiledNetwork net, DesignSpec design, int link, int option, double q)
    {
        var entry = design.Catalog[option];
        double roughness = entry.Roughness ?? net.BaseRoughness[link];
        double perMetre = LinkFormulas.PipeHeadLoss(net.HeadLoss, net.Omega, 1.0, entry.Diameter, roughness, q, net.Viscosity);
        if (!double.IsFinite(perMetre))
            throw new InvalidInputException($"diameter {entry.Diameter:G4} m with roughness {roughness:G4} gives a head loss of {perMetre} per metre", field: $"design.catalog[{option}]");
        return perMetre;
    }
}
