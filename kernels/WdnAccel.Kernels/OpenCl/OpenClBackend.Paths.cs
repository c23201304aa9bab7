namespace WdnAccel.Kernels.OpenCl;

public sealed partial class OpenClBackend
{
    /// <summary>Tile edge of Device/floyd_warshall_blocked.cl (its WDN_FW_TILE default); a work-group is Tile × Tile.</summary>
    public const int FloydWarshallTile = 16;

    /// <summary>
    /// All-pairs shortest paths on one n×n row-major matrix.
    /// In: <paramref name="dist"/> edge weights, +∞ where no edge, 0 on the diagonal, no negative cycle.
    /// Out: shortest distances; <paramref name="next"/>[i*n+j] = successor of i on a shortest i→j path, −1
    /// where j is unreachable or i == j. <paramref name="blocked"/>: the three-phase tiled kernels
    /// (Device/floyd_warshall_blocked.cl; 3 launches per 16 k instead of 1 per k, tiles in local memory);
    /// false, or a device whose work-groups cannot hold a 16×16 tile: one launch per k (Device/floyd_warshall.cl),
    /// which reproduces the sequential loop bit for bit.
    /// </summary>
    public void FloydWarshall(int n, Span<double> dist, Span<int> next, bool blocked = true)
    {
        if (blocked && n > 0 && CanRunBlocked())
        {
            FloydWarshallBlocked(n, dist, next);
            return;
        }
        FloydWarshallStepwise(n, dist, next);
    }

    private bool CanRunBlocked()
    {
        lock (Gate)
        {
            const int groupSize = FloydWarshallTile * FloydWarshallTile;
            return Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase1").MaxWorkGroupSize >= groupSize
                && Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase2").MaxWorkGroupSize >= groupSize
                && Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase3").MaxWorkGroupSize >= groupSize;
        }
    }

    private void FloydWarshallBlocked(int n, Span<double> dist, Span<int> next)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        long cells = (long)n * n;
        RequireLength<double>(dist, cells, nameof(dist));
        RequireLength<int>(next, cells, nameof(next));
        InitialSuccessors(n, 1, dist, next);
        const int t = FloydWarshallTile;
        int tiles = (n + t - 1) / t;
        lock (Gate)
        {
            var phase1 = Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase1");
            var phase2 = Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase2");
            var phase3 = Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase3");
            using var d = UploadReal(dist[..(int)cells]);
            using var s = Buffers.Lease(cells * sizeof(int));
            s.Buffer.Write<int>(next[..(int)cells]);
            foreach (var kernel in new[] { phase1, phase2, phase3 }) kernel.SetArg(0, n).SetArg(2, d.Buffer).SetArg(3, s.Buffer);
            for (int kb = 0; kb < tiles; kb++)
            {
                phase1.SetArg(1, kb).Launch(t, t, t, t);
                if (tiles > 1)
                {
                    phase2.SetArg(1, kb).Launch((long)tiles * t, 2 * t, t, t);
                    phase3.SetArg(1, kb).Launch((long)tiles * t, (long)tiles * t, t, t);
                }
            }
            DownloadReal(d.Buffer, dist[..(int)cells]);
            s.Buffer.Read(next[..(int)cells]);
        }
    }

    /// <summary>One launch of Device/floyd_warshall.cl's fw_step per k: the sequential loop's result bit for bit.</summary>
    private void FloydWarshallStepwise(int n, Span<double> dist, Span<int> next)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        long cells = (long)n * n;
        RequireLength<double>(dist, cells, nameof(dist));
        RequireLength<int>(next, cells, nameof(next));
        if (n == 0) return;
        InitialSuccessors(n, 1, dist, next);
        lock (Gate)
        {
            var kernel = Kernel("floyd_warshall.cl", "fw_step");
            using var d = UploadReal(dist[..(int)cells]);
            using var s = Buffers.Lease(cells * sizeof(int));
            s.Buffer.Write<int>(next[..(int)cells]);
            kernel.SetArg(0, n).SetArg(2, d.Buffer).SetArg(3, s.Buffer);
            for (int k = 0; k < n; k++)
            {
                kernel.SetArg(1, k);
                kernel.Launch(n, n, 16, 16);
            }
            DownloadReal(d.Buffer, dist[..(int)cells]);
            s.Buffer.Read(next[..(int)cells]);
        }
    }

    /// <summary>
    /// Floyd–Warshall on <paramref name="graphs"/> graphs of <paramref name="n"/> nodes at once, one work-item per
    /// graph, SoA layout <c>dist[(i*n + j) * graphs + g]</c> (and the same for <paramref name="next"/>).
    /// Conventions as <see cref="FloydWarshall"/>.
    /// </summary>
    public void FloydWarshallBatch(int n, int graphs, Span<double> dist, Span<int> next)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(graphs);
        long cells = (long)n * n * graphs;
        if (cells > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(graphs), "n² × graphs exceeds the kernel's int index range");
        RequireLength<double>(dist, cells, nameof(dist));
        RequireLength<int>(next, cells, nameof(next));
        if (cells == 0) return;
        InitialSuccessors(n, graphs, dist, next);
        lock (Gate)
        {
            var kernel = Kernel("floyd_warshall.cl", "fw_batched");
            using var d = UploadReal(dist[..(int)cells]);
            using var s = Buffers.Lease(cells * sizeof(int));
            s.Buffer.Write<int>(next[..(int)cells]);
            kernel.SetArg(0, n).SetArg(1, graphs).SetArg(2, d.Buffer).SetArg(3, s.Buffer);
            kernel.Launch(graphs, LocalSize1D);
            DownloadReal(d.Buffer, dist[..(int)cells]);
            s.Buffer.Read(next[..(int)cells]);
        }
    }

    /// <summary>next = j where an edge i→j exists (finite weight, i ≠ j), else −1; SoA over <paramref name="graphs"/>.</summary>
    private static void InitialSuccessors(int n, int graphs, ReadOnlySpan<double> dist, Span<int> next)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int baseIndex = (i * n + j) * graphs;
                for (int g = 0; g < graphs; g++)
                    next[baseIndex + g] = i != j && double.IsFinite(dist[baseIndex + g]) ? j : -1;
            }
        }
    }
}
