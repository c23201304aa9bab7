using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// One optimization of a design scenario, shared by `optimize` and `bench`: compile the network once, run the
/// chosen optimizer on a <see cref="PipeSizingProblem"/>, re-solve the best design for the report.
/// </summary>
public static class PipeSizingRun
{
    /// <summary>Compiles <paramref name="scenario"/>'s network for its design block; a missing block or a broken network is bad input.</summary>
    public static CompiledNetwork Compile(Scenario scenario, string? file)
    {
        var design = scenario.Design
            ?? throw new InvalidInputException("the scenario has no design block (catalog, decision pipes, limits); see docs/scenario-format.md", file, field: "design");
        var problems = ScenarioValidator.Validate(scenario, null, file);
        if (problems.Count > 0)
        {
            throw new InvalidInputException($"{problems.Count} problem(s), first: {problems[0]} (run `wdnaccel validate` for all)", file);
        }
        return CompiledNetwork.Compile(scenario.Network, design, file);
    }

    public static PipeSizingOutcome Execute(
        CompiledNetwork network, DesignSpec design, IComputeBackend backend, string algorithm, OptimizerSettings settings,
        IProgress<ProgressReport>? progress = null, bool refine = false, CancellationToken cancellationToken = default,
        double minSegmentLength = SplitPipeLp.DefaultMinSegmentLength)
    {
        IOptimizer optimizer;
        try
        {
            optimizer = OptimizerCatalog.Create(algorithm);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(Reason(e), field: "algorithm");
        }
        using var problem = new PipeSizingProblem(network, design, backend);
        OptimizerResult result;
        try
        {
            result = optimizer.Run(problem, settings, progress, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(Reason(e), field: "solver.parameters");
        }
        if (result.BestGenome.Length == 0)
        {
            return new PipeSizingOutcome(result, new Dictionary<string, double>(), null, double.NegativeInfinity, double.PositiveInfinity, problem.Solves);
        }
        var solved = problem.Solve(result.BestGenome);
        var refinement = refine && result.FoundFeasible ? SplitPipeLp.Refine(network, design, solved, result.BestGenome, minSegmentLength) : null;
        var (margin, violation) = problem.Check(solved);
        return new PipeSizingOutcome(result, problem.Decode(result.BestGenome), solved,
            margin, violation, problem.Solves + network.CaseNames.Length, refinement);
    }

    /// <summary>An ArgumentException's message without .NET's " (Parameter 'x')" tail: the field is named already.</summary>
    private static string Reason(ArgumentException e) =>
        e.ParamName is { } p ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
}
