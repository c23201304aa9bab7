using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Optimizes the Lishui case's allocation twice: the paper's way (a population metaheuristic, GA-COA-SA by default,
/// whole generations priced at once) and exactly (<see cref="MultiSourceBranchAndBound"/>, seeded with the
/// metaheuristic's plan), and reports the better plan with the proven bound and the metaheuristic's gap to it.
/// </summary>
public static class MultiSourceOptimization
{
    public sealed record Outcome(AllocationPlan Plan, AllocationCost Cost, MultiSourceBound Bound, string Source, double MetaheuristicCost, long Evaluations);

    public static Outcome Run(MultiSourceModel model, string algorithm, ulong seed, long evaluations)
    {
        var problem = new MultiSourceAllocationProblem(model);
        IOptimizer optimizer;
        try
        {
            optimizer = OptimizerCatalog.Create(algorithm);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(e.Message, field: "--algorithm");
        }
        var run = optimizer.Run(problem, new OptimizerSettings { Seed = seed, MaxEvaluations = evaluations });
        var heuristicPlan = problem.Decode(run.BestGenome) with { Name = $"optimized ({algorithm})" };
        var heuristic = AllocationCostModel.Evaluate(model, heuristicPlan);
        var exact = MultiSourceBranchAndBound.Solve(model, heuristic.Feasible ? heuristicPlan : null);
        bool exactWins = exact.Cost.Feasible && (!heuristic.Feasible || exact.Cost.Annual < heuristic.Annual);
        var plan = exactWins ? exact.Plan with { Name = "optimized (branch and bound)" } : heuristicPlan;
        var cost = exactWins ? exact.Cost : heuristic;
        string source = exact.Bound.NoFeasibleAllocation
            ? $"no feasible allocation exists (branch and bound, {exact.Bound.Nodes} nodes); the {algorithm} plan below is the least violating it found"
            : exactWins
            ? $"branch and bound improved the {algorithm} plan ({heuristic.Annual:F2}) to the proven optimum within {exact.Bound.Gap(exact.Cost.Annual):P4}"
            : $"{algorithm} plan, proven within {exact.Bound.Gap(heuristic.Annual):P4} of the optimum";
        return new Outcome(plan, cost, exact.Bound, source, heuristic.Feasible ? heuristic.Annual : double.NaN, run.Evaluations);
    }
}
