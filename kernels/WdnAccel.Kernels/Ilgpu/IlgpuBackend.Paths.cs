namespace WdnAccel.Kernels.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <summary>
    /// Floyd–Warshall in a session of its own (<see cref="FloydWarshallSession"/>: per-k kernels below
    /// <see cref="FloydWarshallSession.BlockedFromNodes"/> nodes, the exact blocked kernels from there); bit for bit the
    /// scalar k-i-j reference, successors included. An empty <paramref name="next"/> runs the distances-only kernels.
    /// Callers that route many graphs of one size hold a session instead.
    /// </summary>
    public bool AllPairsShortestPaths(Span<double> dist, Span<int> next, int n, IProgress<double>? progress = null)
    {
        using var session = new FloydWarshallSession(Accelerator, n);
        return session.Run(dist, next, progress);
    }

    public bool AllPairsShortestPaths(Span<float> dist, Span<int> next, int n, IProgress<double>? progress = null)
    {
        using var session = new FloydWarshallSession(Accelerator, n);
        return session.Run(dist, next, progress);
    }

    /// <summary>Many small graphs, one device thread per graph (<see cref="FloydWarshallSession.RunBatched(Span{double}, Span{int}, int, Span{bool})"/>).</summary>
    public void AllPairsShortestPathsBatched(Span<double> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle)
    {
        using var session = new FloydWarshallSession(Accelerator, n, Math.Max(graphs, 1));
        session.RunBatched(dist, next, graphs, negativeCycle);
    }

    public void AllPairsShortestPathsBatched(Span<float> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle)
    {
        using var session = new FloydWarshallSession(Accelerator, n, Math.Max(graphs, 1));
        session.RunBatched(dist, next, graphs, negativeCycle);
    }
}
