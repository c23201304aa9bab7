namespace WdnAccel.Kernels.Simd;

public sealed partial class SimdBackend
{
    public bool AllPairsShortestPaths(Span<double> dist, Span<int> next, int n, IProgress<double>? progress = null) =>
        FloydWarshallBlocked.Run(dist, next, n, Parallelism, progress: progress);

    public bool AllPairsShortestPaths(Span<float> dist, Span<int> next, int n, IProgress<double>? progress = null) =>
        FloydWarshallBlocked.Run(dist, next, n, Parallelism, progress: progress);

    public void AllPairsShortestPathsBatched(Span<double> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) =>
        FloydWarshallBatched.Run(dist, next, n, graphs, negativeCycle, Parallelism);

    public void AllPairsShortestPathsBatched(Span<float> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) =>
        FloydWarshallBatched.Run(dist, next, n, graphs, negativeCycle, Parallelism);
}
