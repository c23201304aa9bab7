using BenchmarkDotNet.Attributes;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Floyd–Warshall over G = 10,000 graphs of n = 32: the batched lane kernel (graph index as SIMD lane)
/// vs looping the single-graph path over the graphs (sequentially, and Parallel.For over graphs), and the scalar
/// batched reference. graphs/s = G / mean; relaxations/s = G·n³ / mean. Each graph 30 %-dense, own seed.
/// </summary>
[ShortRunJob]
public class FloydWarshallBatchedBenchmarks
{
    public const int Graphs = 10_000;
    public const int N = 32;

    private double[] _soa = [];
    private double[] _soaWork = [];
    private int[] _soaNext = [];
    private bool[] _flags = [];
    private double[][] _single = [];
    private double[][] _singleWork = [];
    private int[][] _singleNext = [];
    private readonly ScalarBackend _scalar = new();
    private readonly SimdBackend _simd1 = new(1);
    private readonly SimdBackend _simdAll = new(0);

    [GlobalSetup]
    public void Setup()
    {
        int nn = N * N;
        _single = Enumerable.Range(0, Graphs).Select(g => FloydWarshallBenchmarks.RandomMatrix(N, 0.3, 1000 + g)).ToArray();
        _singleWork = _single.Select(w => new double[nn]).ToArray();
        _singleNext = _single.Select(w => new int[nn]).ToArray();
        _soa = new double[nn * Graphs];
        for (int g = 0; g < Graphs; g++)
            for (int e = 0; e < nn; e++) _soa[e * Graphs + g] = _single[g][e];
        _soaWork = new double[_soa.Length];
        _soaNext = new int[_soa.Length];
        _flags = new bool[Graphs];
    }

    [Benchmark(Baseline = true)]
    public void BatchedSimdAllThreads()
    {
        _soa.CopyTo(_soaWork, 0);
        _simdAll.AllPairsShortestPathsBatched(_soaWork, _soaNext, N, Graphs, _flags);
    }

    [Benchmark]
    public void BatchedSimd1Thread()
    {
        _soa.CopyTo(_soaWork, 0);
        _simd1.AllPairsShortestPathsBatched(_soaWork, _soaNext, N, Graphs, _flags);
    }

    [Benchmark]
    public void BatchedScalarReference()
    {
        _soa.CopyTo(_soaWork, 0);
        _scalar.AllPairsShortestPathsBatched(_soaWork, _soaNext, N, Graphs, _flags);
    }

    [Benchmark]
    public void LoopedSingleGraphSimd1Thread()
    {
        for (int g = 0; g < Graphs; g++)
        {
            _single[g].CopyTo(_singleWork[g], 0);
            _simd1.AllPairsShortestPaths(_singleWork[g], _singleNext[g], N);
        }
    }

    [Benchmark]
    public void LoopedSingleGraphSimdParallelOverGraphs()
    {
        Parallel.For(0, Graphs, g =>
        {
            _single[g].CopyTo(_singleWork[g], 0);
            _simd1.AllPairsShortestPaths(_singleWork[g], _singleNext[g], N);
        });
    }
}
