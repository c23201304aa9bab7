using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;
using WdnAccel.Kernels;
using WdnAccel.Kernels.Ilgpu;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Benchmarks;

/// <summary>
/// The ILGPU hydraulic kernels on every backend available here, beside SIMD in the same run: a Hanoi generation
/// through a hydraulic session (GGA + limits kernel, K random catalog designs; one operation = one lane's solve, so
/// Op/s is solves/s) with the Newton steps in loop-flow form and over the junctions, and the limits kernel alone
/// (Floyd–Warshall: <see cref="IlgpuFloydWarshallBenchmarks"/>). Backends: simd always; cuda and opencl where ILGPU
/// finds such a device; ilgpu-cpu only for small sizes (it runs the GPU kernels on host threads, for parity checks:
/// its numbers measure overhead, not speed). Select with WDNACCEL_ILGPU_BACKENDS (comma-separated, e.g.
/// "cuda,simd"). On a GPU machine tools/device-check gives the same figures without .NET.
/// </summary>
[ShortRunJob]
public class IlgpuBenchmarks
{
    public static IEnumerable<string> Backends()
    {
        var wanted = Environment.GetEnvironmentVariable("WDNACCEL_ILGPU_BACKENDS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var found = IlgpuDevices.List().Select(d => d.BackendName).Distinct().Prepend("simd");
        return wanted is { Length: > 0 } ? found.Where(wanted.Contains) : found;
    }

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "simd";

    [Params(1024, 65536)]
    public int Lanes { get; set; }

    /// <summary>How the GGA takes its Newton steps (`--newton-steps`): Hanoi's 3 loops by default, or its 31 junctions.</summary>
    [Params(LoopFlowMode.Auto, LoopFlowMode.Never)]
    public LoopFlowMode NewtonSteps { get; set; }

    /// <summary>
    /// Where a GPU backend's loop-flow kernel keeps its per-trial scratch: device memory or the group's shared memory.
    /// The SIMD backend and the junction form have no such choice: their Shared rows repeat the Device ones.
    /// </summary>
    [Params(GgaScratchMemory.Device, GgaScratchMemory.Shared)]
    public GgaScratchMemory Scratch { get; set; }

    private IComputeBackend _backend = null!;
    private IHydraulicSession? _session;
    private HydraulicBatch _batch = null!;
    private DesignFeasibility _limits = null!;
    private int[] _cases = [];
    private double[] _margin = [], _violation = [];
    private RandomDesignCatalog _catalog = null!;
    private long _nextDesign;

    [GlobalSetup]
    public void Setup()
    {
        _backend = BackendFactory.Create(Backend, 0, out _, NewtonSteps);
        string root = FindRoot();
        var scenario = ScenarioFile.Load(Path.Combine(root, "data", "scenarios", "HAN.wdn")).Scenario;
        var design = scenario.Design!;
        var net = CompiledNetwork.Compile(scenario.Network, design);
        int lanes = Backend == "ilgpu-cpu" ? Math.Min(Lanes, 1024) : Lanes;
        var rng = new Random(42);
        _batch = new HydraulicBatch(net, lanes) { OutputsToHost = false };
        foreach (int pipe in net.DecisionPipes)
            for (int lane = 0; lane < lanes; lane++) _batch.SetPipe(lane, pipe, design.Catalog[rng.Next(design.Catalog.Count)].Diameter);
        _limits = new DesignFeasibility(net, design);
        _catalog = RandomDesignCatalog.Of(net, design);
        _cases = new int[lanes];
        _margin = new double[lanes];
        _violation = new double[lanes];
        _session = _backend is IlgpuBackend gpu ? gpu.OpenHydraulicSession(net, lanes, NewtonSteps, Scratch) : _backend.OpenHydraulicSession(net, lanes);
        Generation(); // compiles the kernels outside the measurement
    }

    /// <summary>For <see cref="RandomDesigns"/>: a device session loads the lanes' other inputs and the catalog once.</summary>
    [GlobalSetup(Target = nameof(RandomDesigns))]
    public void SetupRandomDesigns()
    {
        Setup();
        if (_session is IRandomDesignSession drawing) drawing.LoadRandomDesignLanes(new HydraulicBatch(_batch.Network, _batch.Count), 1, _catalog, _limits);
        RandomDesigns(); // compiles the draw and resistance kernels outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session?.Dispose();
        _backend.Dispose();
    }

    private static string FindRoot() => RepoPaths.Root;

    [Benchmark(Description = "Hanoi generation: GGA + limits (one call, Lanes solves)")]
    public double Generation()
    {
        _session!.Solve(_batch);
        _session.EvaluateDesignLimits(_batch, _limits, _cases, _margin, _violation);
        return _margin[0];
    }

    /// <summary>
    /// One call of `simulate --random-designs`' work: on a GPU backend the designs are drawn on the device (their
    /// resistances looked up per catalog option), solved and checked, margins back; on simd the host draws them into
    /// the lanes, then the GGA and limits. Fresh designs every call.
    /// </summary>
    [Benchmark(Description = "Hanoi random designs: draw + GGA + limits (one call, Lanes solves)")]
    public double RandomDesigns()
    {
        int lanes = _batch.Count;
        if (_session is IRandomDesignSession drawing) drawing.SolveRandomDesigns(1, _nextDesign, lanes, _margin, _violation);
        else
        {
            _catalog.WriteDesigns(_batch, 1, _nextDesign, lanes, 1);
            Generation();
        }
        _nextDesign += lanes;
        return _margin[0];
    }

    [Benchmark(Description = "Hanoi limits kernel alone, on the last solve (one call)")]
    public double Limits()
    {
        _session!.EvaluateDesignLimits(_batch, _limits, _cases, _margin, _violation);
        return _margin[0];
    }
}
