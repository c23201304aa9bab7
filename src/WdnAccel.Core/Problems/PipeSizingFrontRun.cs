using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// One cost–resilience (or cost–surplus) front of a design scenario, for `wdnaccel front`: NSGA-II on a
/// <see cref="PipeSizingFrontProblem"/>, every front design re-solved alone for its margin, and the hypervolume from a
/// reference point fixed by the problem, not the run: the cost of laying every decision pipe at the dearest catalog
/// size, and 0 for the second objective (no feasible design has a negative index or surplus). Runs of any seed or
/// budget on one scenario are therefore compared on the same scale.
/// </summary>
public static class PipeSizingFrontRun
{
    public static FrontOutcome Execute(
        CompiledNetwork network, DesignSpec design, IComputeBackend backend, FrontObjective objective, OptimizerSettings settings,
        IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        using var problem = new PipeSizingFrontProblem(network, design, backend, objective);
        Nsga2Result result;
        try
        {
            result = new Nsga2().Run(problem, settings, progress, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message, field: "parameters");
        }
        var sizing = problem.Sizing;
        var points = new List<FrontDesign>(result.Front.Count);
        foreach (var point in result.Front)
        {
            HydraulicBatch solved = sizing.Solve(point.Genome);
            var (margin, _) = sizing.Check(solved);
            points.Add(new FrontDesign(point.Objectives[0], -point.Objectives[1], margin, sizing.Decode(point.Genome)));
        }
        double referenceCost = ReferenceCost(sizing);
        const double referenceValue = 0;
        double hypervolume = ParetoFront.Hypervolume2D(points.Select(p => (p.Cost, -p.Value)), (referenceCost, -referenceValue));
        return new FrontOutcome(result, objective, points, hypervolume, referenceCost, referenceValue, sizing.Solves + (long)points.Count * network.CaseNames.Length);
    }

    /// <summary>The dearest design's cost: every decision pipe at its most expensive catalog size.</summary>
    public static double ReferenceCost(PipeSizingProblem sizing)
    {
        double cost = 0;
        for (int d = 0; d < sizing.Dimensions; d++)
        {
            double most = double.NegativeInfinity;
            for (int o = 0; o < sizing.Options(d); o++) most = Math.Max(most, sizing.OptionCost(d, o));
            cost += most;
        }
        return cost;
    }
}
