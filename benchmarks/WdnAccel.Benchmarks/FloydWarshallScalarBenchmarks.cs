using BenchmarkDotNet.Attributes;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Benchmarks;

/// <summary>
/// The scalar k-i-j reference against blocked SIMD (all cores) on the graphs of <see cref="FloydWarshallBenchmarks"/>,
/// n ≤ 1024 only (the reference is too slow beyond). relaxations/s = n³ / mean.
/// </summary>
[ShortRunJob]
public class FloydWarshallScalarBenchmarks
{
    [Params(256, 1024)]
    public int N;

    private double[] _weights = [];
    private double[] _dist = [];
    private int[] _next = [];
    private readonly ScalarBackend _scalar = new();
    private readonly SimdBackend _simdAll = new(0);

    [GlobalSetup]
    public void Setup()
    {
        _weights = FloydWarshallBenchmarks.RandomMatrix(N, 0.1, 42);
        _dist = new double[N * N];
        _next = new int[N * N];
    }

    [Benchmark(Baseline = true)]
    public bool Scalar()
    {
        _weights.CopyTo(_dist, 0);
        return _scalar.AllPairsShortestPaths(_dist, _next, N);
    }

    [Benchmark]
    public bool SimdAllThreads()
    {
        _weights.CopyTo(_dist, 0);
        return _simdAll.AllPairsShortestPaths(_dist, _next, N);
    }
}
