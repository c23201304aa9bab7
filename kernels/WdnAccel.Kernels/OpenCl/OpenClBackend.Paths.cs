using WdnAccel.Kernels.Scalar;
using System.Numerics;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// All-pairs shortest paths (Floyd 1962) on the device, with the conventions of IComputeBackend.Paths (paths
/// branch): diagonal = min(self-loop, 0); next = j for an arc i→j, i on the diagonal, −1 elsewhere; update on
/// strict improvement in k order; false / negativeCycle[g] where a diagonal ends below 0.
/// Device/floyd_warshall.cl (one launch per k; one work-item per graph for batches) reproduces the scalar
/// k-i-j loop bit for bit, successors included. Device/floyd_warshall_blocked.cl is the tiled variant for large n.
/// Double spans on a device without fp64 run in float (distances rounded to float).
/// </summary>
public sealed partial class OpenClBackend
{
    /// <summary>Tile edge of Device/floyd_warshall_blocked.cl (its WDN_FW_TILE default); a work-group is Tile × Tile.</summary>
    public const int FloydWarshallTile = 16;

    public bool AllPairsShortestPaths(Span<double> dist, Span<int> next, int n, IProgress<double>? progress = null) =>
        Apsp(dist, next, n, blocked: false, progress);

    public bool AllPairsShortestPaths(Span<float> dist, Span<int> next, int n, IProgress<double>? progress = null) =>
        Apsp(dist, next, n, blocked: false, progress);

    /// <summary>
    /// As <see cref="AllPairsShortestPaths(Span{double}, Span{int}, int, IProgress{double})"/> with the three-phase tiled kernels
    /// (16×16 tiles in local memory, 3 launches per 16 k). Distances are the same shortest distances but sums may
    /// associate differently (exact for integer weights), and on ties the successor may name another shortest path.
    /// Falls back to the per-k kernel where a work-group cannot hold a tile.
    /// </summary>
    public bool AllPairsShortestPathsBlocked(Span<double> dist, Span<int> next, int n, IProgress<double>? progress = null) =>
        Apsp(dist, next, n, blocked: true, progress);

    public void AllPairsShortestPathsBatched(Span<double> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) =>
        ApspBatched(dist, next, n, graphs, negativeCycle);

    public void AllPairsShortestPathsBatched(Span<float> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) =>
        ApspBatched(dist, next, n, graphs, negativeCycle);

    private bool Apsp<T>(Span<T> dist, Span<int> next, int n, bool blocked, IProgress<double>? progress) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n > 46340) throw new ArgumentOutOfRangeException(nameof(n), "n² must fit in an int index");
        if (dist.Length != n * n) throw new ArgumentException($"dist must hold n*n = {n * n} values, has {dist.Length}", nameof(dist));
        if (next.Length != n * n) throw new ArgumentException($"next must hold n*n = {n * n} values, has {next.Length}", nameof(next));
        FloydWarshallScalar.Initialize(dist, next, n);
        if (n == 0)
        {
            progress?.Report(1.0);
            return true;
        }
        bool fp64 = typeof(T) == typeof(double) && UsesFp64;
        lock (Gate)
        {
            using var d = Upload<T>(dist, fp64);
            using var s = Buffers.Lease((long)n * n * sizeof(int));
            s.Buffer.Write<int>(next);
            if (blocked && CanRunBlocked(fp64)) RunBlocked(n, d.Buffer, s.Buffer, fp64, progress);
            else RunStepwise(n, d.Buffer, s.Buffer, fp64, progress);
            Download(d.Buffer, dist, fp64);
            s.Buffer.Read(next);
        }
        for (int i = 0; i < n; i++)
            if (!(dist[i * n + i] >= T.Zero)) return false;
        return true;
    }

    private void ApspBatched<T>(Span<T> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(graphs);
        long cells = (long)n * n * graphs;
        if (cells > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(graphs), "n*n*graphs must fit in an int index");
        if (dist.Length != cells) throw new ArgumentException($"dist must hold n*n*graphs = {cells} values, has {dist.Length}", nameof(dist));
        if (next.Length != cells) throw new ArgumentException($"next must hold n*n*graphs = {cells} values, has {next.Length}", nameof(next));
        if (negativeCycle.Length < graphs) throw new ArgumentException($"negativeCycle must hold {graphs} flags, has {negativeCycle.Length}", nameof(negativeCycle));
        FloydWarshallScalar.Initialize(dist, next, n, graphs);
        negativeCycle[..graphs].Clear();
        if (cells == 0) return;
        bool fp64 = typeof(T) == typeof(double) && UsesFp64;
        lock (Gate)
        {
            var kernel = Kernel("floyd_warshall.cl", "fw_batched", fp64);
            using var d = Upload<T>(dist, fp64);
            using var s = Buffers.Lease(cells * sizeof(int));
            s.Buffer.Write<int>(next);
            kernel.SetArg(0, n).SetArg(1, graphs).SetArg(2, d.Buffer).SetArg(3, s.Buffer);
            kernel.Launch(graphs, LocalSize1D);
            Download(d.Buffer, dist, fp64);
            s.Buffer.Read(next);
        }
        for (int i = 0; i < n; i++)
            for (int g = 0; g < graphs; g++)
                if (!(dist[(i * n + i) * graphs + g] >= T.Zero)) negativeCycle[g] = true;
    }

    private void RunStepwise(int n, ClBuffer dist, ClBuffer next, bool fp64, IProgress<double>? progress)
    {
        var kernel = Kernel("floyd_warshall.cl", "fw_step", fp64);
        kernel.SetArg(0, n).SetArg(2, dist).SetArg(3, next);
        for (int k = 0; k < n; k++)
        {
            kernel.SetArg(1, k);
            kernel.Launch(n, n, 16, 16);
            ReportDeviceProgress(progress, k + 1, n);
        }
    }

    /// <summary>
    /// Launches only queue work, so a true share needs the device to catch up: about 50 waits per run, only when
    /// someone listens. The last step always reports 1.
    /// </summary>
    private void ReportDeviceProgress(IProgress<double>? progress, int done, int total)
    {
        if (progress is null || (done != total && done % Math.Max(1, total / 50) != 0)) return;
        Context.Finish();
        progress.Report((double)done / total);
    }

    private void RunBlocked(int n, ClBuffer dist, ClBuffer next, bool fp64, IProgress<double>? progress)
    {
        const int t = FloydWarshallTile;
        int tiles = (n + t - 1) / t;
        var phase1 = Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase1", fp64);
        var phase2 = Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase2", fp64);
        var phase3 = Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase3", fp64);
        foreach (var kernel in new[] { phase1, phase2, phase3 }) kernel.SetArg(0, n).SetArg(2, dist).SetArg(3, next);
        for (int kb = 0; kb < tiles; kb++)
        {
            phase1.SetArg(1, kb).Launch(t, t, t, t);
            if (tiles > 1)
            {
                phase2.SetArg(1, kb).Launch((long)tiles * t, 2 * t, t, t);
                phase3.SetArg(1, kb).Launch((long)tiles * t, (long)tiles * t, t, t);
            }
            ReportDeviceProgress(progress, kb + 1, tiles);
        }
    }

    private bool CanRunBlocked(bool fp64)
    {
        const int groupSize = FloydWarshallTile * FloydWarshallTile;
        return Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase1", fp64).MaxWorkGroupSize >= groupSize
            && Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase2", fp64).MaxWorkGroupSize >= groupSize
            && Kernel("floyd_warshall_blocked.cl", "fw_blocked_phase3", fp64).MaxWorkGroupSize >= groupSize;
    }

    /// <summary>A pooled buffer holding <paramref name="values"/> in the kernel's real type (double → float conversion when !fp64).</summary>
    private ClBufferLease Upload<T>(ReadOnlySpan<T> values, bool fp64) where T : unmanaged
    {
        if (typeof(T) == typeof(double) && !fp64)
        {
            var single = new float[values.Length];
            var source = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(values);
            for (int i = 0; i < single.Length; i++) single[i] = (float)source[i];
            var converted = Buffers.Lease(Math.Max(single.Length, 1) * sizeof(float));
            converted.Buffer.Write<float>(single);
            return converted;
        }
        var lease = Buffers.Lease(Math.Max((long)values.Length, 1) * System.Runtime.CompilerServices.Unsafe.SizeOf<T>());
        lease.Buffer.Write(values);
        return lease;
    }

    private static void Download<T>(ClBuffer buffer, Span<T> destination, bool fp64) where T : unmanaged
    {
        if (typeof(T) == typeof(double) && !fp64)
        {
            var single = new float[destination.Length];
            buffer.Read<float>(single);
            var target = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(destination);
            for (int i = 0; i < single.Length; i++) target[i] = single[i];
            return;
        }
        buffer.Read(destination);
    }
}
