using BenchmarkDotNet.Attributes;
using Google.OrTools.LinearSolver;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Tests.Lp;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Our solver (exact, certified) against Google OR-Tools (GLOP for the LPs, SCIP for the MILPs; uncertified
/// floating answers) on the same generated instances (<see cref="RandomLpInstances"/>, the cross-check tests'
/// generator with its features fixed: feasible, bounded). Transportation: 3 sources → n plants → n zones
/// (n×n plant→zone arcs + 3n source arcs + n bounded storage adjustments). Fixed charge: 2 sources, p plants
/// each with an on/off binary and a minimum throughput, p×z arcs each with a build binary.
/// Both sides include building their own form of the model (our standard form; OR-Tools' MPSolver model from
/// the exact data) and solve from scratch each time. The target: ours ≤ 3× OR-Tools.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class OrToolsLpComparisonBenchmarks
{
    private LpModel _model = null!;

    [Params("transport-10x10", "transport-30x30", "transport-60x60")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _model = OrToolsComparison.Checked(Case);

    [Benchmark(Baseline = true)]
    public double OrToolsGlop() => OrToolsComparison.SolveWithOrTools(_model);

    [Benchmark]
    public bool OursExactCertified() => LpSolver.Solve(_model, new LpSolveOptions { Exact = true }).Certified;

    [Benchmark]
    public LpStatus OursFloatOnly() => LpSolver.Solve(_model, new LpSolveOptions { Exact = false }).Status;
}

/// <summary>
/// The MILP half of the comparison (MILPs always run exact on our side: no floating-only variant). One solve per
/// iteration, one warm-up and three measured iterations: our 50-binary solve takes tens of seconds, and
/// ShortRun's pilot and warm-ups would spend minutes on it.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
[MemoryDiagnoser]
public class OrToolsMilpComparisonBenchmarks
{
    private LpModel _model = null!;

    [Params("supply-seasons", "fixedcharge-20", "fixedcharge-50", "fixedcharge-200", "fixedcharge-500")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _model = OrToolsComparison.Checked(Case);

    [Benchmark(Baseline = true)]
    public double OrToolsScip() => OrToolsComparison.SolveWithOrTools(_model);

    [Benchmark]
    public bool OursExactCertified() => LpSolver.Solve(_model, new LpSolveOptions { Exact = true }).Certified;
}

/// <summary>The benchmark instances by name, checked to agree before anything is timed.</summary>
public static class OrToolsComparison
{
    public static LpModel Instance(string name) => name switch
    {
        "transport-10x10" => RandomLpInstances.Transportation(1, 3, 10, 10).Model,
        "transport-30x30" => RandomLpInstances.Transportation(1, 3, 30, 30).Model,
        "transport-60x60" => RandomLpInstances.Transportation(1, 3, 60, 60).Model,
        "fixedcharge-20" => RandomLpInstances.FixedCharge(1, 2, 4, 4).Model,   // 4 plants + 16 arcs
        "fixedcharge-50" => RandomLpInstances.FixedCharge(1, 2, 5, 9).Model,   // 5 plants + 45 arcs
        "fixedcharge-100" => RandomLpInstances.FixedCharge(1, 3, 10, 9).Model,  // 10 plants + 90 arcs
        "fixedcharge-200" => RandomLpInstances.FixedCharge(1, 3, 10, 19).Model, // 10 plants + 190 arcs
        "fixedcharge-500" => RandomLpInstances.FixedCharge(1, 4, 20, 24).Model, // 20 plants + 480 arcs
        "fixedcharge-1000" => RandomLpInstances.FixedCharge(1, 4, 25, 39).Model, // 25 plants + 975 arcs
        // The bundled four-season planning scenario's MILP (what `allocate` solves for it).
        "supply-seasons" => WdnAccel.Core.Problems.SupplyPlanningMilp.Build(
            WdnAccel.Core.Io.ScenarioFile.Load(RepoPaths.Data("scenarios", "supply-seasons.json")).Scenario.Supply!).Model,
        _ when name.StartsWith("random-fixedcharge-", StringComparison.Ordinal) =>
            RandomLpInstances.Next(LpShape.FixedCharge, int.Parse(name["random-fixedcharge-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Model,
        _ => throw new ArgumentException($"unknown case {name}"),
    };

    public static LpModel Checked(string name)
    {
        var model = Instance(name);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ours = LpSolver.Solve(model, new LpSolveOptions { Exact = true });
        double oursSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var theirs = OrToolsReference.Solve(model);
        double theirsSeconds = clock.Elapsed.TotalSeconds;
        if (ours.Status != LpStatus.Optimal || !ours.Certified || theirs.Status != LpStatus.Optimal
            || Math.Abs(ours.ObjectiveExact!.Value.ToDouble() - theirs.Objective) > 1e-6 * Math.Max(1, Math.Abs(theirs.Objective)))
            throw new InvalidOperationException($"{name}: ours {ours.StatusName} {ours.ObjectiveValue} (certified {ours.Certified}, {ours.Nodes} nodes, " +
                $"{oursSeconds:F1} s), OR-Tools {theirs.Status} {theirs.Objective} ({theirsSeconds:F1} s)");
        Console.WriteLine($"// {name}: {model.Variables.Count} variables ({model.Variables.Count(v => v.IsInteger)} integer), {model.Constraints.Count} rows, " +
            $"optimum {ours.ObjectiveExact} = {theirs.Objective:R}; ours {ours.Iterations} iterations, {ours.ExactPivots} exact pivots, {ours.Nodes} nodes, " +
            $"float {ours.FloatTime.TotalMilliseconds:F1} ms, exact {ours.ExactTime.TotalMilliseconds:F1} ms");
        return model;
    }

    /// <summary>OR-Tools' unit of work: build its model from ours and solve it.</summary>
    public static double SolveWithOrTools(LpModel model)
    {
        using Solver solver = OrToolsReference.Build(model);
        return OrToolsReference.SolveBuilt(solver).Objective;
    }
}
