namespace WdnAccel.Kernels.Simd;

public sealed partial class SimdBackend
{
    public bool AllPairsShortestPaths(Span<double> dist, Span<int> next, int n, IProgress<double>? progress = null) =>
        FloydWarshallBlocked.Run(dist, next, n, Parallelism, progress: progress);

    public bool AllPairsShortestPaths(Span<float> dist, Span<int> next, int n, IProgress<double>? progress = null) =>
        FloydWarshallBlocked.Run(dist, next, n, Parallelism, progress: progress);

    /// <summary>
    /// Solves a small graph that takes every path of the blocked kernel (three blocks, register tiles, panels, ragged
    /// edges): the JIT compiles the kernels and the thread pool starts its workers, ~45 ms on the first call of a
    /// process, in a few milliseconds of work.
    /// </summary>
    public void PrepareAllPairs(bool singlePrecision, bool routes = true)
    {
        const int n = 2 * FloydWarshallBlocked.RegisterTileDefault + 3;
        var next = routes ? new int[n * n] : [];
        if (singlePrecision) FloydWarshallBlocked.Run(WarmUpGraph<float>(n), next, n, Parallelism);
        else FloydWarshallBlocked.Run(WarmUpGraph<double>(n), next, n, Parallelism);
    }

    /// <summary>A ring with chords: every pair reachable, some relaxations improve.</summary>
    private static T[] WarmUpGraph<T>(int n) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var d = new T[n * n];
        Array.Fill(d, T.PositiveInfinity);
        for (int i = 0; i < n; i++)
        {
            d[i * n + (i + 1) % n] = T.One;
            d[i * n + (i * 7 + 3) % n] = T.CreateTruncating(5);
        }
        return d;
    }

    public void AllPairsShortestPathsBatched(Span<double> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) =>
        FloydWarshallBatched.Run(dist, next, n, graphs, negativeCycle, Parallelism);

    public void AllPairsShortestPathsBatched(Span<float> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) =>
        FloydWarshallBatched.Run(dist, next, n, graphs, negativeCycle, Parallelism);
}
