using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Reports;

/// <summary>
/// The analyses the three 11-node layouts study reports, computed by this engine on the reconstructed layouts (docs/layouts-study.md):
/// (1) head loss vs diameter of the pipe carrying the whole inflow over the catalog, with a 2nd-degree fit;
/// (2) Reynolds number and regime (laminar &lt; 2000 ≤ transitional &lt; 4000 ≤ turbulent) per pipe of every
/// optimized design; (3) pressure at the branched layout's critical node against the velocity in the pipe that
/// feeds it, as that pipe's diameter and the inflow vary, with the exponential vs polynomial comparison;
/// (4) least cost per layout by each optimizer, refined by the split-pipe LP.
/// </summary>
public static class LayoutsStudy
{
    /// <summary>The layout names, in the paper's order (Figures 3–5).</summary>
    public static IReadOnlyList<string> Layouts { get; } = ["branched", "looped", "hybrid"];

    /// <summary>
    /// Runs every analysis. <paramref name="layouts"/> pairs a layout name with its design scenario; the first one
    /// (the branched layout) supplies analyses 1 and 3.
    /// </summary>
    public static LayoutsStudyResult Run(IReadOnlyList<(string Layout, Scenario Scenario)> layouts, IComputeBackend backend, LayoutsStudyOptions options, IProgress<string>? progress = null)
    {
        if (layouts.Count == 0) throw new ArgumentException("no layouts given");
        var compiled = layouts.Select(l => (l.Layout, l.Scenario, Net: PipeSizingRun.Compile(l.Scenario, l.Layout))).ToList();

        // (4) least cost per layout; (2) regimes of each optimized design.
        var costs = new List<LayoutsStudyCostRow>();
        var regimes = new List<LayoutsStudyRegimeRow>();
        foreach (var (layout, scenario, net) in compiled)
        {
            foreach (var algorithm in options.Algorithms)
            {
                progress?.Report($"{layout}: {algorithm}, {options.Evaluations:N0} evaluations");
                var settings = new OptimizerSettings { Seed = options.Seed, MaxEvaluations = options.Evaluations };
                var outcome = PipeSizingRun.Execute(net, scenario.Design!, backend, algorithm, settings, refine: true);
                costs.Add(CostRow(layout, algorithm, net, outcome));
                if (outcome.BestSolved is { } solved) regimes.AddRange(RegimeRows(layout, algorithm, net, solved));
            }
        }

        // (1) head loss vs diameter: the branched layout's first pipe carries the whole inflow (paper, section 2.1).
        var (firstLayout, firstScenario, firstNet) = compiled[0];
        var design = firstScenario.Design!;
        int pipe = firstNet.DecisionPipes[0];
        double inflow = firstNet.CaseDemand[0].Sum();
        var headLoss = HeadLoss(firstNet, design, pipe, inflow);
        var headLossFit = LayoutsStudyFit.Polynomial(headLoss.Select(r => r.Diameter).ToArray(), headLoss.Select(r => r.HeadLoss).ToArray(), 2);

        // (3) pressure vs velocity at the critical node of the branched layout's first optimized design.
        var baseRun = costs.First(c => c.Layout == firstLayout);
        var (node, feeder, pressure) = PressureSweep(firstNet, design, backend, baseRun, options.Multipliers);
        var fits = new List<LayoutsStudyPressureFit>();
        foreach (var group in pressure.Where(p => p.Converged).GroupBy(p => p.Diameter))
        {
            var v = group.Select(p => p.Velocity).ToArray();
            var pr = group.Select(p => p.Pressure).ToArray();
            if (v.Length < 3 || pr.Count(p => p > 0) < 2) continue;
            fits.Add(new LayoutsStudyPressureFit(group.Key, LayoutsStudyFit.Polynomial(v, pr, 2), LayoutsStudyFit.Exponential(v, pr)));
        }

        return new LayoutsStudyResult(options, firstLayout, firstNet.LinkIds[pipe], headLoss, headLossFit, regimes,
            firstLayout, firstNet.NodeIds[node], firstNet.LinkIds[feeder], pressure, fits, costs);
    }

    /// <summary>Hazen–Williams head loss of one pipe at a fixed flow for every catalog size (LinkFormulas).</summary>
    public static IReadOnlyList<LayoutsStudyHeadLossRow> HeadLoss(CompiledNetwork net, DesignSpec design, int pipe, double flow)
    {
        var rows = new List<LayoutsStudyHeadLossRow>();
        foreach (var entry in design.Catalog.Where(e => e.IsLaid))
        {
            double c = entry.Roughness ?? net.BaseRoughness[pipe];
            rows.Add(new LayoutsStudyHeadLossRow(entry.Label ?? entry.Diameter.ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
                entry.Diameter, flow, net.Length[pipe], LinkFormulas.Velocity(flow, entry.Diameter),
                LinkFormulas.HazenWilliamsHeadLoss(net.Omega, net.Length[pipe], entry.Diameter, c, flow),
                LinkFormulas.Reynolds(flow, entry.Diameter)));
        }
        return rows;
    }

    private static LayoutsStudyCostRow CostRow(string layout, string algorithm, CompiledNetwork net, PipeSizingOutcome outcome)
    {
        var r = outcome.Result;
        double minP = double.NaN;
        string minNode = "";
        if (outcome.BestSolved is { } solved)
        {
            minP = double.PositiveInfinity;
            for (int lane = 0; lane < solved.Count; lane++)
            {
                for (int j = 0; j < net.JunctionCount; j++)
                {
                    double p = solved.Pressure(j, lane);
                    if (p < minP) { minP = p; minNode = net.NodeIds[j]; }
                }
            }
        }
        var lp = outcome.Refinement;
        return new LayoutsStudyCostRow(layout, algorithm, r.FoundFeasible, r.FoundFeasible ? r.Best.Cost : double.NaN, minP, minNode,
            // On a branched layout the unrestricted LP optimum is the proven lower bound the study reports; on a looped
            // one the buildable split (no segment under the minimum length) is the refinement.
            (lp?.IsLowerBound == true ? lp.Bound : lp?.Cost)?.ToDouble(), lp?.Lp.Certified ?? false, lp?.IsLowerBound ?? false, r.Evaluations, r.WallTime.TotalSeconds,
            r.History, outcome.Design, outcome);
    }

    private static IEnumerable<LayoutsStudyRegimeRow> RegimeRows(string layout, string algorithm, CompiledNetwork net, HydraulicBatch solved)
    {
        for (int pipe = 0; pipe < net.PipeCount; pipe++)
        {
            double d = solved.Diameter[pipe * solved.Count];
            double q = solved.Flow[pipe * solved.Count];
            double re = PipeDiameter.IsLaid(d) ? LinkFormulas.Reynolds(q, d) : 0;
            yield return new LayoutsStudyRegimeRow(layout, algorithm, net.LinkIds[pipe], d, q, PipeDiameter.IsLaid(d) ? LinkFormulas.Velocity(q, d) : 0, re, LinkFormulas.Regime(re));
        }
    }

    /// <summary>
    /// Holds the optimized design, picks its lowest-pressure demand node and the pipe feeding it, and solves one
    /// batch: every catalog diameter of that pipe × every demand multiplier.
    /// </summary>
    private static (int Node, int Feeder, IReadOnlyList<LayoutsStudyPressureRow> Rows) PressureSweep(
        CompiledNetwork net, DesignSpec design, IComputeBackend backend, LayoutsStudyCostRow run, IReadOnlyList<double> multipliers)
    {
        var solved = run.Outcome.BestSolved ?? throw new InvalidOperationException($"{run.Layout}: the {run.Algorithm} run found no valid design to sweep");
        int node = -1;
        for (int j = 0; j < net.JunctionCount; j++)
        {
            if (net.CaseDemand[0][j] <= 0) continue;
            if (node < 0 || solved.Pressure(j, 0) < solved.Pressure(node, 0)) node = j;
        }
        int feeder = -1;
        double inflowToNode = 0;
        for (int link = 0; link < net.PipeCount; link++)
        {
            double q = solved.Flow[link * solved.Count];
            double into = net.To[link] == node ? q : net.From[link] == node ? -q : 0;
            if (into > inflowToNode) { inflowToNode = into; feeder = link; }
        }
        if (node < 0 || feeder < 0) throw new InvalidOperationException($"{run.Layout}: no demand node with an inflowing pipe");

        var sizes = design.Catalog.Where(e => e.IsLaid).ToArray();
        int k = sizes.Length * multipliers.Count;
        var batch = new HydraulicBatch(net, k);
        for (int s = 0; s < sizes.Length; s++)
        {
            for (int m = 0; m < multipliers.Count; m++)
            {
                int lane = s * multipliers.Count + m;
                for (int p = 0; p < net.PipeCount; p++) batch.SetPipe(lane, p, solved.Diameter[p * solved.Count], solved.Roughness[p * solved.Count]);
                batch.SetPipe(lane, feeder, sizes[s].Diameter, sizes[s].Roughness ?? net.BaseRoughness[feeder]);
                for (int j = 0; j < net.JunctionCount; j++) batch.Demand[j * k + lane] = multipliers[m] * net.CaseDemand[0][j];
            }
        }
        backend.SolveHydraulics(batch);
        var rows = new List<LayoutsStudyPressureRow>();
        double total = net.CaseDemand[0].Sum();
        for (int s = 0; s < sizes.Length; s++)
        {
            for (int m = 0; m < multipliers.Count; m++)
            {
                int lane = s * multipliers.Count + m;
                double q = batch.Flow[feeder * k + lane];
                rows.Add(new LayoutsStudyPressureRow(sizes[s].Diameter, multipliers[m], multipliers[m] * total,
                    Math.Abs(LinkFormulas.Velocity(q, sizes[s].Diameter)), batch.Pressure(node, lane), batch.Status[lane] == LaneStatus.Converged));
            }
        }
        return (node, feeder, rows);
    }
}
