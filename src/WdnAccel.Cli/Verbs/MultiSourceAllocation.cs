using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Reports;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Cli.Verbs;

/// <summary>`allocate` on a graph_allocation block: price a --plan, or optimize (metaheuristic, then the exact bound).</summary>
internal static class MultiSourceAllocation
{
    /// <param name="solver">The scenario's solver block: algorithm, budget and seed where the options give none.</param>
    public static MultiSourceAllocationReport Run(AllocateVerb options, CommandContext context, GraphAllocationSpec graph, SolverSettings? solver)
    {
        string file = options.Scenario;
        var planFile = options.Plan is { } path ? AllocationPlanFile.Load(path) : null;
        var spec = planFile?.Apply(graph, options.Plan!) ?? graph;
        using var backend = new ScalarBackend(); // 20-odd nodes: Floyd–Warshall is instant on the reference backend
        var model = MultiSourceModel.Compile(spec, backend, file);
        foreach (var route in model.Routes)
        {
            if (route.Feasible && route.RechlorinatedAt is { } at)
                context.Warn($"{route.Plant} → {route.Unit}: re-chlorinated at pumping station {at} ({route.Chlorine:G3} mg/L at the unit)", "rechlorinated", $"{route.Plant}->{route.Unit}");
        }
        for (int j = 0; j < model.Units.Count; j++)
        {
            bool reachable = Enumerable.Range(0, model.Plants.Count).Any(i => model.Routes[i, j].Feasible);
            if (!reachable && model.DemandMin[j] > 0)
                throw new InvalidInputException($"demand unit '{model.Units[j].Id}' cannot be served by any plant: {string.Join("; ", Enumerable.Range(0, model.Plants.Count).Select(i => $"{model.Plants[i].Id}: {model.Routes[i, j].Reason}"))}",
                    file, field: "graph_allocation");
        }
        string settings = $"annuity {spec.Annuity} ({model.AnnuityFactor:F5}), cost exponent {model.Parameters.CostExponent}, version {ProductVersion.Text}";
        MultiSourceAllocationReport report;
        if (planFile is not null)
        {
            var plan = planFile.ToPlan(model, options.Plan!);
            report = new MultiSourceAllocationReport(model, plan, AllocationCostModel.Evaluate(model, plan), $"plan {options.Plan} priced", null, settings);
        }
        else
        {
            string algorithm = options.AlgorithmName(solver);
            ulong seed = options.Seed ?? solver?.Seed ?? 1;
            long evaluations = options.Evaluations ?? solver?.Evaluations ?? 20_000;
            var result = MultiSourceOptimization.Run(model, algorithm, seed, evaluations);
            report = new MultiSourceAllocationReport(model, result.Plan, result.Cost, result.Source, result.Bound,
                settings + $", {algorithm} seed {seed}, {evaluations} evaluations") { MetaheuristicCost = result.MetaheuristicCost, Search = (algorithm, seed, evaluations) };
            if (!result.Bound.Certified) context.Warn("the lower bound was not confirmed in exact arithmetic", "not_certified");
        }
        return report;
    }
}
