using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The device half of a <see cref="FloydWarshallSession"/> for one element type: its buffers (allocated on first
/// use, sized for the session's shape) and its loaded kernels (compiled on first use). Inputs arrive validated
/// and initialized; this class only moves data and launches. An empty successor span runs the distances-only kernels
/// (<see cref="DistancesOnly"/>), which take empty successor views: the successor buffers are allocated by the first
/// run that keeps routes, so a distances-only session never holds them.
/// </summary>
internal sealed class FloydWarshallDevice<T, TOps> : IDisposable
    where T : unmanaged where TOps : struct, IFloydWarshallOps<T>
{
    private readonly Accelerator accelerator;
    private readonly int n;
    private readonly long cells;
    private MemoryBuffer1D<T, Stride1D.Dense>? dist;
    private MemoryBuffer1D<int, Stride1D.Dense>? next;
    private MemoryBuffer1D<T, Stride1D.Dense>? colSnap;
    private MemoryBuffer1D<int, Stride1D.Dense>? colNext;
    private MemoryBuffer1D<T, Stride1D.Dense>? rowSnap;
    private Action<Index2D, int, int, ArrayView<T>, ArrayView<int>>? step, stepDistances;
    private Action<Index1D, int, int, ArrayView<T>, ArrayView<int>>? batched;
    private BlockedPhases? blocked, blockedDistances, blockedMinimum;

    /// <summary>The three blocked launches of one form (with successors, or distances only), loaded together.</summary>
    private sealed record BlockedPhases(
        Action<KernelConfig, int, int, ArrayView<T>, ArrayView<int>, ArrayView<T>, ArrayView<int>, ArrayView<T>> Pivot,
        Action<KernelConfig, int, int, ArrayView<T>, ArrayView<int>, ArrayView<T>, ArrayView<int>, ArrayView<T>> Cross,
        Action<KernelConfig, int, int, ArrayView<T>, ArrayView<int>, ArrayView<T>, ArrayView<int>, ArrayView<T>> Rest);

    public FloydWarshallDevice(Accelerator accelerator, int n, int graphs)
    {
        this.accelerator = accelerator;
        this.n = n;
        cells = (long)n * n * graphs;
    }

    /// <summary>Per-step kernel, one launch per k; reports through <paramref name="report"/> after each k. An empty
    /// <paramref name="s"/>: distances only.</summary>
    public FloydWarshallStageTimes RunStepwise(Span<T> d, Span<int> s, Action<int, int, double> report)
    {
        var clock = Stopwatch.StartNew();
        Upload(d, s, out var dv, out var sv);
        var upload = clock.Elapsed;
        var kernel = s.IsEmpty
            ? stepDistances ??= accelerator.LoadAutoGroupedStreamKernel<Index2D, int, int, ArrayView<T>, ArrayView<int>>(FloydWarshallKernels.Step<T, TOps, DistancesOnly>)
            : step ??= accelerator.LoadAutoGroupedStreamKernel<Index2D, int, int, ArrayView<T>, ArrayView<int>>(FloydWarshallKernels.Step<T, TOps, WithRoutes>);
        var extent = new Index2D(n, n);
        for (int k = 0; k < n; k++)
        {
            kernel(extent, n, k, dv, sv);
            report(k + 1, n, (k + 1.0) / n);
        }
        return Finish(clock, upload, dv, sv, d, s);
    }

    /// <summary>Blocked kernels, three launches per block of <see cref="FloydWarshallKernels.Tile"/> k; with
    /// <paramref name="timePhases"/> (and a context with profiling on) the device's time is split by phase. An empty
    /// <paramref name="s"/>: distances only, phase 3 by the hardware minimum where <paramref name="byMinimum"/> (the
    /// caller checked that it is exact and cheap, see <see cref="DistancesByMinimum"/>).</summary>
    public FloydWarshallStageTimes RunBlocked(Span<T> d, Span<int> s, Action<int, int, double> report, bool timePhases, bool byMinimum)
    {
        const int tile = FloydWarshallKernels.Tile;
        int tiles = (n + tile - 1) / tile;
        long snapCells = (long)tiles * tile * tile;
        bool routes = !s.IsEmpty;
        colSnap ??= accelerator.Allocate1D<T>(snapCells);
        rowSnap ??= accelerator.Allocate1D<T>(snapCells);
        if (routes) colNext ??= accelerator.Allocate1D<int>(snapCells);
        var phases = routes ? blocked ??= LoadBlocked<WithRoutes>()
            : byMinimum ? blockedMinimum ??= (blockedDistances ??= LoadBlocked<DistancesOnly>()) with { Rest = LoadRest<DistancesByMinimum>() }
            : blockedDistances ??= LoadBlocked<DistancesOnly>();
        var clock = Stopwatch.StartNew();
        Upload(d, s, out var dv, out var sv);
        var upload = clock.Elapsed;

        // Phases 1-2 step through k with a barrier each, so more threads per tile mean fewer cells per thread;
        // phase 3 needs one thread per register micro-tile. Fewer threads also work (the CPU accelerator's first
        // device allows 16): the kernels stride over their cells.
        int maxGroup = accelerator.MaxNumThreadsPerGroup;
        int wideGroup = Math.Min(maxGroup, 256);
        int restGroup = Math.Min(maxGroup, FloydWarshallKernels.MicroTiles);
        ArrayView<T> cv = colSnap.View, rv = rowSnap.View;
        ArrayView<int> cn = routes ? colNext!.View : ArrayView<int>.Empty;
        // Four markers per block: before phase 1, after phases 1, 2 and 3 (2 and 3 absent on a single tile).
        var markers = timePhases && accelerator.Context.Properties.EnableProfiling ? new List<ProfilingMarker>(4 * tiles) : null;
        try
        {
            for (int kb = 0; kb < tiles; kb++)
            {
                markers?.Add(accelerator.DefaultStream.AddProfilingMarker());
                phases.Pivot(new KernelConfig(1, wideGroup), n, kb, dv, sv, cv, cn, rv);
                markers?.Add(accelerator.DefaultStream.AddProfilingMarker());
                if (tiles > 1) phases.Cross(new KernelConfig(new Index2D(tiles - 1, 2), new Index2D(wideGroup, 1)), n, kb, dv, sv, cv, cn, rv);
                markers?.Add(accelerator.DefaultStream.AddProfilingMarker());
                if (tiles > 1) phases.Rest(new KernelConfig(new Index2D(tiles - 1, tiles - 1), new Index2D(restGroup, 1)), n, kb, dv, sv, cv, cn, rv);
                markers?.Add(accelerator.DefaultStream.AddProfilingMarker());
                report(kb + 1, tiles, Math.Min(n, (kb + 1) * tile) / (double)n);
            }
            var times = Finish(clock, upload, dv, sv, d, s);
            return markers is null ? times : times with { Phases = SumPhases(markers) };
        }
        finally
        {
            markers?.ForEach(m => m.Dispose());
        }
    }

    /// <summary>The three blocked kernels for <typeparamref name="TRoutes"/>.</summary>
    private BlockedPhases LoadBlocked<TRoutes>() where TRoutes : struct, IRouteTracking => new(
        accelerator.LoadStreamKernel<int, int, ArrayView<T>, ArrayView<int>, ArrayView<T>, ArrayView<int>, ArrayView<T>>(FloydWarshallKernels.BlockedPivot<T, TOps, TRoutes>),
        accelerator.LoadStreamKernel<int, int, ArrayView<T>, ArrayView<int>, ArrayView<T>, ArrayView<int>, ArrayView<T>>(FloydWarshallKernels.BlockedCross<T, TOps, TRoutes>),
        LoadRest<TRoutes>());

    private Action<KernelConfig, int, int, ArrayView<T>, ArrayView<int>, ArrayView<T>, ArrayView<int>, ArrayView<T>> LoadRest<TRoutes>() where TRoutes : struct, IRouteTracking =>
        accelerator.LoadStreamKernel<int, int, ArrayView<T>, ArrayView<int>, ArrayView<T>, ArrayView<int>, ArrayView<T>>(FloydWarshallKernels.BlockedRest<T, TOps, TRoutes>);

    /// <summary>Sums the three gaps of each block's four markers (the device has finished, so each is final).</summary>
    private static FloydWarshallPhaseTimes SumPhases(List<ProfilingMarker> markers)
    {
        TimeSpan pivot = TimeSpan.Zero, cross = TimeSpan.Zero, rest = TimeSpan.Zero;
        for (int m = 0; m + 3 < markers.Count; m += 4)
        {
            pivot += markers[m + 1].MeasureFrom(markers[m]);
            cross += markers[m + 2].MeasureFrom(markers[m + 1]);
            rest += markers[m + 3].MeasureFrom(markers[m + 2]);
        }
        return new FloydWarshallPhaseTimes(pivot, cross, rest);
    }

    /// <summary>One thread per graph; <paramref name="graphs"/> is the layout stride (at most the session's).</summary>
    public FloydWarshallStageTimes RunBatched(Span<T> d, Span<int> s, int graphs)
    {
        batched ??= accelerator.LoadAutoGroupedStreamKernel<Index1D, int, int, ArrayView<T>, ArrayView<int>>(FloydWarshallKernels.Batched<T, TOps>);
        var clock = Stopwatch.StartNew();
        Upload(d, s, out var dv, out var sv);
        var upload = clock.Elapsed;
        batched(graphs, n, graphs, dv, sv);
        return Finish(clock, upload, dv, sv, d, s);
    }

    /// <summary>Waits for the kernels, copies the results out (successors only where kept), and splits the run's time
    /// at the two waits.</summary>
    private FloydWarshallStageTimes Finish(Stopwatch clock, TimeSpan upload, ArrayView<T> dv, ArrayView<int> sv, Span<T> d, Span<int> s)
    {
        accelerator.Synchronize();
        var kernels = clock.Elapsed;
        dv.CopyToCPU(d);
        if (!s.IsEmpty) sv.CopyToCPU(s);
        return new FloydWarshallStageTimes(upload, kernels - upload, clock.Elapsed - kernels);
    }

    /// <summary>Copies the matrices in and waits for the copies, so that the kernels' time starts after them. An empty
    /// <paramref name="s"/> gives an empty <paramref name="sv"/> and leaves the successor buffer unallocated.</summary>
    private void Upload(ReadOnlySpan<T> d, ReadOnlySpan<int> s, out ArrayView<T> dv, out ArrayView<int> sv)
    {
        dist ??= accelerator.Allocate1D<T>(Math.Max(1, cells));
        ArrayView<T> whole = dist.View;
        dv = whole.SubView(0, d.Length);
        dv.CopyFromCPU(d);
        sv = ArrayView<int>.Empty;
        if (!s.IsEmpty)
        {
            next ??= accelerator.Allocate1D<int>(Math.Max(1, cells));
            ArrayView<int> wholeNext = next.View;
            sv = wholeNext.SubView(0, s.Length);
            sv.CopyFromCPU(s);
        }
        accelerator.Synchronize();
    }

    /// <summary>Whether the successor buffers exist on the device (tests: a distances-only session never makes them).</summary>
    internal bool HoldsSuccessors => next is not null || colNext is not null;

    public void Dispose()
    {
        dist?.Dispose();
        next?.Dispose();
        colSnap?.Dispose();
        colNext?.Dispose();
        rowSnap?.Dispose();
    }
}
