using System.Globalization;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Solves a <see cref="SupplyPlanningMilp"/> exactly and explains the answer the way a planner reads it: what to build
/// and what each decision is worth (the plan re-solved with the decision reversed), which capacities are
/// bottlenecks (exact duals of the final LP with the integer decisions fixed, labelled as such, with the range over
/// which each value holds found by exact re-solves), and for an infeasible plan which zone in which period cannot
/// be served.
/// </summary>
public static class SupplyPlanning
{
    public sealed record Decision(string Candidate, bool Built, double AnnualCapital, double? Worth, string Meaning);

    public sealed record Bottleneck(string Kind, string Id, double SavingPerUnit, double? HoldsUpTo, string Meaning);

    public sealed record Outcome(SupplyPlanningMilp Milp, LpResult Result, LpResult? FixedLp, IReadOnlyList<Decision> Decisions,
        IReadOnlyList<Bottleneck> Bottlenecks, IReadOnlyList<string> Unservable);

    /// <param name="rangeTop">How many of the top bottlenecks get a ranging interval (each costs ~20 exact LP solves).</param>
    public static Outcome Solve(SupplySpec spec, string? file = null, bool exact = true, int rangeTop = 3) =>
        Solve(spec, file, new LpSolveOptions { Exact = exact }, rangeTop);

    /// <param name="options">Certification and the branch-and-bound limits of the plan's MILP and of each decision's re-solve.</param>
    public static Outcome Solve(SupplySpec spec, string? file, LpSolveOptions options, int rangeTop = 3)
    {
        bool exact = options.Exact;
        var milp = SupplyPlanningMilp.Build(spec, file);
        var result = LpSolver.Solve(milp.Model, options);
        if (result.Status != LpStatus.Optimal)
            return new Outcome(milp, result, null, [], [], result.Status == LpStatus.Infeasible ? Diagnose(spec, file) : []);
        var integers = Enumerable.Range(0, milp.Model.Variables.Count).Where(v => milp.Model.Variables[v].IsInteger).ToArray();
        var values = Value(result);
        var fixedLp = integers.Length == 0 ? result : LpSolver.Solve(Fixed(milp.Model, integers, values), new LpSolveOptions { Exact = exact });
        double objective = Objective(result);

        var decisions = new List<Decision>();
        for (int c = 0; c < spec.Candidates.Count; c++)
        {
            var k = spec.Candidates[c];
            bool built = values[milp.BuildVariable[c]] > 0.5;
            var reversed = milp.Model.Clone();
            reversed.SetBounds(milp.BuildVariable[c], built ? Rational.Zero : Rational.One, built ? Rational.Zero : Rational.One);
            var other = LpSolver.Solve(reversed, options);
            double? worth = other.Status == LpStatus.Optimal ? Objective(other) - objective : null;
            double annual = milp.CapitalRecoveryFactor * k.CapitalCost;
            string meaning = built
                ? worth is { } w ? string.Format(CultureInfo.InvariantCulture, "build: without it the plan costs {0:N2} {1} more, capital included ({2:N2} a year)", w, milp.ObjectiveUnit, annual)
                    : "build: the plan is infeasible without it"
                : worth is { } v
                    ? annual - v > 0
                        ? string.Format(CultureInfo.InvariantCulture, "do not build: building it would cost {0:N2} {1} more; it pays once its annual capital is below {2:N2}", v, milp.ObjectiveUnit, annual - v)
                        : string.Format(CultureInfo.InvariantCulture, "do not build: building it would cost {0:N2} {1} more; it would not pay even at no capital cost", v, milp.ObjectiveUnit)
                    : "do not build";
            decisions.Add(new Decision(k.Id, built, annual, worth, meaning));
        }

        var bottlenecks = Bottlenecks(milp, fixedLp);
        var ranged = bottlenecks.OrderByDescending(b => b.SavingPerUnit).ToList();
        double fixedObjective = Objective(fixedLp);
        for (int b = 0; b < ranged.Count && b < rangeTop; b++)
        {
            if (ranged[b].SavingPerUnit <= 0) break;
            ranged[b] = ranged[b] with { HoldsUpTo = Range(spec, file, integers, values, ranged[b], fixedObjective, exact) };
            ranged[b] = ranged[b] with { Meaning = Describe(ranged[b], milp) };
        }
        return new Outcome(milp, result, fixedLp, decisions, ranged, []);
    }

    private static double Objective(LpResult r) => r.ObjectiveExact?.ToDouble() ?? r.ObjectiveValue;

    private static double[] Value(LpResult r) => r.SolutionExact?.Select(x => x.ToDouble()).ToArray() ?? r.Solution;

    /// <summary>The model with every integer variable fixed at its value: the "final LP" whose duals a MILP answer reports.</summary>
    private static LpModel Fixed(LpModel model, int[] integers, double[] values)
    {
        var lp = model.Clone();
        foreach (int v in integers)
        {
            var x = new Rational((long)Math.Round(values[v]));
            lp.SetBounds(v, x, x);
            lp.SetInteger(v, false);
        }
        return lp;
    }

    /// <summary>Saving per year (or day) from one more unit of each plant's and source's capacity in every period: −Σ_t dual.</summary>
    private static List<Bottleneck> Bottlenecks(SupplyPlanningMilp milp, LpResult fixedLp)
    {
        var list = new List<Bottleneck>();
        var duals = fixedLp.DualsExact?.Select(d => d.ToDouble()).ToArray() ?? fixedLp.Duals;
        if (duals is null) return list;
        int T = milp.Periods.Count;
        for (int p = 0; p < milp.Spec.Plants.Count; p++)
            list.Add(new Bottleneck("plant", milp.Spec.Plants[p].Id, -Enumerable.Range(0, T).Sum(t => duals[milp.PlantRow[t, p]]), null, ""));
        for (int s = 0; s < milp.Spec.Sources.Count; s++)
            list.Add(new Bottleneck("source", milp.Spec.Sources[s].Id, -Enumerable.Range(0, T).Sum(t => duals[milp.SourceRow[t, s]] * milp.SourceRowScale[t, s]), null, ""));
        return list.Select(b => b with { Meaning = Describe(b, milp) }).ToList();
    }

    private static string Describe(Bottleneck b, SupplyPlanningMilp milp) =>
        b.SavingPerUnit <= 0
            ? $"{b.Kind} {b.Id}: not binding"
            : string.Format(CultureInfo.InvariantCulture, "+1 {0} at {1} {2} saves {3:N4} {4}{5}", milp.Spec.FlowUnit, b.Kind, b.Id, b.SavingPerUnit, milp.ObjectiveUnit,
                b.HoldsUpTo is { } up ? string.Format(CultureInfo.InvariantCulture, " up to +{0:G6} {1}", up, milp.Spec.FlowUnit) : "");

    /// <summary>
    /// How far the capacity may grow before its value per unit changes: the objective of the fixed-integer LP must
    /// fall by exactly SavingPerUnit·Δ; doubling, then bisecting to 0.1 %, then the breakpoint where the next linear
    /// piece begins, each probe an exact re-solve (the bisection's end when the pieces do not meet in the bracket).
    /// </summary>
    private static double? Range(SupplySpec spec, string? file, int[] integers, double[] values, Bottleneck b, double baseObjective, bool exact)
    {
        double Probe(double delta)
        {
            var widened = b.Kind == "plant"
                ? spec with { Plants = spec.Plants.Select(p => p.Id == b.Id ? p with { Capacity = p.Capacity + delta } : p).ToList() }
                : spec with
                {
                    Sources = spec.Sources.Select(s => s.Id == b.Id ? s with { Capacity = s.Capacity + delta } : s).ToList(),
                    Periods = spec.Periods.Select(t => t.SourceCapacity.TryGetValue(b.Id, out var c)
                        ? t with { SourceCapacity = t.SourceCapacity.ToDictionary(kv => kv.Key, kv => kv.Key == b.Id ? c + delta : kv.Value) } : t).ToList(),
                };
            var lp = LpSolver.Solve(Fixed(SupplyPlanningMilp.Build(widened, file).Model, integers, values), new LpSolveOptions { Exact = exact });
            return lp.Status == LpStatus.Optimal ? Objective(lp) : double.NaN;
        }
        bool Holds(double delta)
        {
            double o = Probe(delta);
            return double.IsFinite(o) && Math.Abs(baseObjective - b.SavingPerUnit * delta - o) <= 1e-9 * Math.Max(1, Math.Abs(baseObjective));
        }
        double good = 0, step = 1, total = spec.Zones.Sum(z => z.Demand) * Math.Max(1, spec.Periods.Select(t => t.DemandFactor).DefaultIfEmpty(1).Max()) + 1;
        while (step <= total && Holds(step)) { good = step; step *= 2; }
        if (step > total) return null; // holds as far as demand could use it
        double bad = step;
        while (bad - good > 1e-3 * Math.Max(1, good)) { double mid = (good + bad) / 2; if (Holds(mid)) good = mid; else bad = mid; }
        // The value function is piecewise linear: intersect this segment's line with the next one's (its slope from two
        // probes past the bracket) for the exact breakpoint, and keep it only if a re-solve confirms it.
        double h = bad - good, at = Probe(bad), after = Probe(bad + h);
        if (double.IsFinite(at) && double.IsFinite(after))
        {
            double slope = (after - at) / h, rate = -b.SavingPerUnit;
            if (slope != rate)
            {
                double x = (at - slope * bad - baseObjective) / (rate - slope);
                if (x >= good && x <= bad && Holds(x)) return x;
            }
        }
        return good;
    }

    /// <summary>For an infeasible plan: each period alone, and within it each zone, to name what cannot be served.</summary>
    private static List<string> Diagnose(SupplySpec spec, string? file)
    {
        var found = new List<string>();
        var periods = spec.Periods.Count > 0 ? spec.Periods : [new SupplyPeriod("day", 1)];
        foreach (var period in periods)
        {
            var alone = spec with { Periods = [period] };
            if (Feasible(alone, file)) continue;
            bool named = false;
            foreach (var zone in spec.Zones)
            {
                var without = alone with { Periods = [period with { Demand = new Dictionary<string, double>(period.Demand) { [zone.Id] = 0 } }] };
                if (Feasible(without, file)) { found.Add($"zone {zone.Id} cannot be served in period {period.Id}"); named = true; }
            }
            if (!named) found.Add($"period {period.Id} cannot be served: the zones' demand together exceeds what the sources and plants can deliver");
        }
        return found;
    }

    private static bool Feasible(SupplySpec spec, string? file) =>
        LpSolver.Solve(SupplyPlanningMilp.Build(spec, file).Model, new LpSolveOptions { Exact = false }).Status != LpStatus.Infeasible;
}
