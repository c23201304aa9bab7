using BenchmarkDotNet.Attributes;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Floyd–Warshall, one graph of n nodes: blocked SIMD on 1 thread and on all cores, and on all cores
/// with the Vector&lt;T&gt; row kernels only (no 512-bit register tiles, block 64: the path machines without AVX-512
/// take) side by side (the scalar reference at n ≤ 1024 is <see cref="FloydWarshallScalarBenchmarks"/>: at 2048
/// one call takes half a minute). Each operation = copy the weight matrix in (≈ n² doubles, &lt; 1 % of the time at n ≥ 256) + solve;
/// relaxations/s = n³ / mean. Graph: random 10 %-dense, weights uniform (0.01, 10], fixed seed. <see cref="Routes"/>
/// false runs the distance-only kernels (an empty successor span, `paths --distances-only`).
/// Run: dotnet run -c Release --project benchmarks/WdnAccel.Benchmarks -- --filter '*FloydWarshallBenchmarks*'
/// </summary>
[ShortRunJob]
public class FloydWarshallBenchmarks
{
    [Params(256, 1024, 2048, 4096)]
    public int N;

    /// <summary>Successors kept (the route matrix), or distances alone.</summary>
    [Params(true, false)]
    public bool Routes;

    private double[] _weights = [];
    private double[] _dist = [];
    private int[] _next = [];
    private readonly SimdBackend _simd1 = new(1);
    private readonly SimdBackend _simdAll = new(0);

    [GlobalSetup]
    public void Setup()
    {
        _weights = RandomMatrix(N, 0.1, 42);
        _dist = new double[N * N];
        _next = Routes ? new int[N * N] : [];
    }

    internal static double[] RandomMatrix(int n, double density, int seed)
    {
        var rng = new Random(seed);
        var w = new double[n * n];
        for (int e = 0; e < w.Length; e++)
            w[e] = rng.NextDouble() < density ? rng.NextDouble() * 10 + 0.01 : double.PositiveInfinity;
        return w;
    }

    [Benchmark]
    public bool Simd1Thread()
    {
        _weights.CopyTo(_dist, 0);
        return _simd1.AllPairsShortestPaths(_dist, _next, N);
    }

    [Benchmark(Baseline = true)]
    public bool SimdAllThreads()
    {
        _weights.CopyTo(_dist, 0);
        return _simdAll.AllPairsShortestPaths(_dist, _next, N);
    }

    [Benchmark]
    public bool RowKernelsAllThreads()
    {
        _weights.CopyTo(_dist, 0);
        return FloydWarshallBlocked.Run<double>(_dist, _next, N, new ParallelOptions(), registerTile: false);
    }
}
