using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Compute;
using WdnAccel.Kernels;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Floyd–Warshall through the ILGPU kernels on every backend available here, beside SIMD in the same run: one random
/// graph of 512 nodes (with successors and distances alone), and a batch of 1,000 graphs of 16 nodes. A class of its own so that the hydraulic benchmarks'
/// lane counts and Newton-step forms (<see cref="IlgpuBenchmarks"/>) do not repeat these runs. Backends as there
/// (WDNACCEL_ILGPU_BACKENDS).
/// </summary>
[ShortRunJob]
public class IlgpuFloydWarshallBenchmarks
{
    public static IEnumerable<string> Backends() => IlgpuBenchmarks.Backends();

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "simd";

    private IComputeBackend _backend = null!;
    private double[] _graph = [], _dist = [];
    private int[] _next = [];
    private double[] _small = [], _smallDist = [];
    private int[] _smallNext = [];
    private readonly bool[] _cycles = new bool[1000];
    private const int Nodes = 512;

    [GlobalSetup]
    public void Setup()
    {
        _backend = BackendFactory.Create(Backend, 0, out _);
        var rng = new Random(42);
        _graph = new double[Nodes * Nodes];
        for (int i = 0; i < _graph.Length; i++) _graph[i] = rng.NextDouble() < 0.05 ? 0.1 + 10 * rng.NextDouble() : double.PositiveInfinity;
        _dist = new double[_graph.Length];
        _next = new int[_graph.Length];
        FloydWarshall(); // compiles the kernels outside the measurement
        FloydWarshallDistances();

        _small = new double[16 * 16 * 1000];
        for (int i = 0; i < _small.Length; i++) _small[i] = rng.NextDouble() < 0.2 ? 0.1 + 10 * rng.NextDouble() : double.PositiveInfinity;
        _smallDist = new double[_small.Length];
        _smallNext = new int[_small.Length];
        FloydWarshallBatched();
    }

    [GlobalCleanup]
    public void Cleanup() => _backend.Dispose();

    [Benchmark(Description = "Floyd–Warshall batched, 1,000 graphs of 16 nodes (one call)")]
    public bool FloydWarshallBatched()
    {
        _small.CopyTo(_smallDist, 0);
        _backend.AllPairsShortestPathsBatched(_smallDist, _smallNext, 16, 1000, _cycles);
        return _cycles[0];
    }

    [Benchmark(Description = "Floyd–Warshall n=512 double (per call)")]
    public bool FloydWarshall()
    {
        _graph.CopyTo(_dist, 0);
        return _backend.AllPairsShortestPaths(_dist, _next, Nodes);
    }

    /// <summary>The same graph without successors (`paths --distances-only`: the _dist kernels on ILGPU).</summary>
    [Benchmark(Description = "Floyd–Warshall n=512 double, distances alone (per call)")]
    public bool FloydWarshallDistances()
    {
        _graph.CopyTo(_dist, 0);
        return _backend.AllPairsShortestPaths(_dist, [], Nodes);
    }
}
