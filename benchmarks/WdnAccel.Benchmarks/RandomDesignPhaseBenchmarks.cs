using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Benchmarks;

/// <summary>
/// The phases of `simulate --random-designs` / `bench --hydraulics` on one thread, per design (Op/s = designs/s):
/// drawing a batch of random catalog designs, the batched GGA solve alone on lanes already loaded (loop-flow form where
/// it pays, and over the junctions for comparison), a whole
/// evaluation (load diameters and roughness into lanes, solve, pressure/head/velocity limits, cost), and the whole
/// pipeline as the CLI runs it (16 batches per call). Evaluate − Solve is the load + limits share; Pipeline − Evaluate − Draw the driver's.
/// </summary>
[ShortRunJob]
public class RandomDesignPhaseBenchmarks
{
    [Params("HAN", "NYT", "TLN")]
    public string Network { get; set; } = "HAN";

    /// <summary>One batch per thread, the CPU default of `simulate --random-designs`.</summary>
    private const int Designs = 1024;

    private CompiledNetwork _net = null!;
    private DesignSpec _design = null!;
    private SimdBackend _backend = null!;
    private PipeSizingProblem _problem = null!;
    private HydraulicBatch _loaded = null!;
    private int[] _options = null!, _genomes = null!;
    private Evaluation[] _results = null!;
    private GgaBatchSolver.Workspaces _workspaces = null!, _junctionWorkspaces = null!;

    [GlobalSetup]
    public void Prepare()
    {
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", Network + ".wdn")).Scenario;
        _design = scenario.Design!;
        _net = CompiledNetwork.Compile(scenario.Network, _design);
        _backend = new SimdBackend(1);
        _problem = new PipeSizingProblem(_net, _design, _backend);
        _options = Enumerable.Range(0, _problem.Dimensions).Select(_problem.Options).ToArray();
        _genomes = new int[Designs * _options.Length];
        _results = new Evaluation[Designs];
        RandomDesignDraw.Draw(1, 0, Designs, _options, _genomes);
        _loaded = _problem.EvaluateSolved(_genomes, Designs, _results, new double[Designs], new double[Designs]);
        _workspaces = new GgaBatchSolver.Workspaces(_net);
        _junctionWorkspaces = new GgaBatchSolver.Workspaces(_net, LoopFlowMode.Never);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _problem.Dispose();
        _backend.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Designs)]
    public void Draw() => RandomDesignDraw.Draw(1, 0, Designs, _options, _genomes);

    /// <summary>The same designs one at a time (the definition the eight-lane draw must equal).</summary>
    [Benchmark(OperationsPerInvoke = Designs)]
    public void DrawOneByOne()
    {
        int d = _options.Length;
        for (int g = 0; g < Designs; g++) RandomDesignThroughput.DrawDesign(1, g, _options, _genomes.AsSpan(g * d, d));
    }

    /// <summary>The solver alone, on workspaces held across calls (as a session holds them): loop-flow form where it pays.</summary>
    [Benchmark(OperationsPerInvoke = Designs)]
    public void Solve() => GgaBatchSolver.Solve(_loaded, 1, _workspaces);

    /// <summary>The same lanes with every Newton step over the junctions (sparse Cholesky), for the loop-flow form's ratio.</summary>
    [Benchmark(OperationsPerInvoke = Designs)]
    public void SolveOverJunctions() => GgaBatchSolver.Solve(_loaded, 1, _junctionWorkspaces);

    [Benchmark(OperationsPerInvoke = Designs)]
    public void Evaluate() => _problem.Evaluate(_genomes, Designs, _results);

    /// <summary>16 batches per call, so the pipeline's setup (its problem, lanes and workspace) is spread as in a long run.</summary>
    private const int PipelineDesigns = 16 * Designs;

    [Benchmark(OperationsPerInvoke = PipelineDesigns)]
    public RandomDesignThroughput.Outcome Pipeline() => RandomDesignThroughput.Run(_net, _design, PipelineDesigns, 1, Designs, _backend);
}
