using System.Numerics;
using ILGPU.Runtime;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// All-pairs shortest paths (Floyd 1962) on an ILGPU accelerator (Cuda, OpenCL or CPU) with the conventions of
/// IComputeBackend.Paths: diagonal = min(self-loop, 0); next = j for an arc i→j, i on the diagonal, −1 elsewhere;
/// update on strict improvement in k order, bit for bit the scalar k-i-j reference, successors included; false /
/// negativeCycle[g] where a diagonal ends below 0. A single-graph run with an empty next keeps distances alone, on
/// kernels without successors (the same distance bits; in float, on weights without sign bits, the blocked phase 3
/// updates by the hardware minimum, which agrees with the strict rule there).
/// <para>
/// A session serves one shape, n nodes and up to <see cref="Graphs"/> graphs per batch, and owns its device
/// buffers and loaded kernels (per element type, made on first use) until disposed. The caller owns the
/// accelerator and its context. Not thread-safe: one run at a time.
/// </para>
/// </summary>
public sealed class FloydWarshallSession : IDisposable
{
    /// <summary>
    /// From this n on <see cref="FloydWarshallMode.Auto"/> runs the blocked kernels: below it the matrix is a few
    /// hundred KiB, launches dominate (3 per 32 k against 32 per-step launches is no saving to speak of) and the
    /// blocked phases 1–2 leave most of a GPU idle.
    /// </summary>
    public const int BlockedFromNodes = 256;

    /// <summary>Shared memory a blocked group needs at most: phases 1–2 with double tiles and successors (see
    /// FloydWarshallKernels.Tile). Distances-only runs need less but go by the same figure, so that
    /// <see cref="UsesBlocked"/> does not depend on the run.</summary>
    private const int BlockedSharedBytes = 2 * FloydWarshallKernels.Tile * FloydWarshallKernels.Tile * (sizeof(double) + sizeof(int));

    private readonly FloydWarshallMode mode;
    private readonly bool timePhases;
    private FloydWarshallDevice<double, FloydWarshallDoubleOps>? doubles;
    private FloydWarshallDevice<float, FloydWarshallFloatOps>? floats;
    private bool disposed;

    /// <param name="accelerator">Where the kernels run; the session neither creates nor disposes it.</param>
    /// <param name="n">Nodes per graph, 0..46,340 (n² must fit an int index).</param>
    /// <param name="graphs">Most graphs a batched run may hold (1 for single-graph runs only).</param>
    /// <param name="mode">Per-step, blocked, or by <see cref="BlockedFromNodes"/>; tests and benchmarks force either.</param>
    /// <param name="timePhases">Split the blocked kernels' time by phase in <see cref="LastRun"/> (profiling markers on
    /// the device between launches; the device check asks for it, plain runs do not pay for it).</param>
    public FloydWarshallSession(Accelerator accelerator, int n, int graphs = 1, FloydWarshallMode mode = FloydWarshallMode.Auto, bool timePhases = false)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n > 46340) throw new ArgumentOutOfRangeException(nameof(n), "n² must fit in an int index");
        ArgumentOutOfRangeException.ThrowIfLessThan(graphs, 1);
        if ((long)n * n * graphs > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(graphs), "n*n*graphs must fit in an int index");
        if (!Enum.IsDefined(mode)) throw new ArgumentOutOfRangeException(nameof(mode));
        Accelerator = accelerator;
        Nodes = n;
        Graphs = graphs;
        this.mode = mode;
        this.timePhases = timePhases;
    }

    public Accelerator Accelerator { get; }

    public int Nodes { get; }

    public int Graphs { get; }

    /// <summary>How the last run that reached the device split its time (zero before one has).</summary>
    public FloydWarshallStageTimes LastRun { get; private set; }

    /// <summary>Which kernels the last single-graph run took: by the hardware minimum for float distances alone on the
    /// blocked kernels when no weight is negative or −0 (see <see cref="FloydWarshallForm"/>).</summary>
    public FloydWarshallForm LastForm { get; private set; }

    /// <summary>Whether single-graph runs take the blocked kernels: by mode, and only where a group may hold the
    /// tiles in shared memory (otherwise per-step, same results).</summary>
    public bool UsesBlocked =>
        (mode == FloydWarshallMode.Blocked || (mode == FloydWarshallMode.Auto && Nodes >= BlockedFromNodes))
        && Accelerator.MaxSharedMemoryPerGroup >= BlockedSharedBytes;

    /// <summary>
    /// One graph of <see cref="Nodes"/> nodes: <paramref name="dist"/> holds the weights on entry (+∞ for no arc)
    /// and the distances on return; <paramref name="next"/> receives the successors, or is empty for distances alone
    /// (kernels without successor loads and stores; no successor buffer on the device).
    /// </summary>
    /// <param name="progress">Share of the steps done, rising, the last report 1. The host waits for the device
    /// about 50 times to report, only when a progress is given.</param>
    /// <returns>False when a negative cycle exists (the matrices are then not shortest paths).</returns>
    public bool Run(Span<double> dist, Span<int> next, IProgress<double>? progress = null) =>
        Run(dist, next, progress, ref doubles);

    public bool Run(Span<float> dist, Span<int> next, IProgress<double>? progress = null) =>
        Run(dist, next, progress, ref floats);

    /// <summary>
    /// <paramref name="graphs"/> (≤ <see cref="Graphs"/>) graphs in the structure-of-arrays layout
    /// <c>dist[(i*n + j) * graphs + g]</c>, same for <paramref name="next"/>; one device thread per graph.
    /// <paramref name="negativeCycle"/>[g] is set true where graph g has a negative cycle, false elsewhere.
    /// </summary>
    public void RunBatched(Span<double> dist, Span<int> next, int graphs, Span<bool> negativeCycle) =>
        RunBatched(dist, next, graphs, negativeCycle, ref doubles);

    public void RunBatched(Span<float> dist, Span<int> next, int graphs, Span<bool> negativeCycle) =>
        RunBatched(dist, next, graphs, negativeCycle, ref floats);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        doubles?.Dispose();
        floats?.Dispose();
        doubles = null;
        floats = null;
    }

    private bool Run<T, TOps>(Span<T> dist, Span<int> next, IProgress<double>? progress, ref FloydWarshallDevice<T, TOps>? device)
        where T : unmanaged, IFloatingPointIeee754<T> where TOps : struct, IFloydWarshallOps<T>
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int n = Nodes;
        if (dist.Length != n * n) throw new ArgumentException($"dist must hold n*n = {n * n} values, has {dist.Length}", nameof(dist));
        if (next.Length != n * n && next.Length != 0) throw new ArgumentException($"next must hold n*n = {n * n} values (or none, for distances alone), has {next.Length}", nameof(next));
        bool byMinimum = FloydWarshallScalar.Initialize(dist, next, n) && default(TOps).MinimumIsOneInstruction;
        if (n == 0)
        {
            progress?.Report(1.0);
            return true;
        }
        device ??= new FloydWarshallDevice<T, TOps>(Accelerator, n, Graphs);
        Action<int, int, double> report = (done, total, share) => ReportDeviceProgress(progress, done, total, share);
        bool blocked = UsesBlocked;
        LastForm = !next.IsEmpty ? FloydWarshallForm.WithRoutes
            : blocked && byMinimum ? FloydWarshallForm.DistancesByMinimum : FloydWarshallForm.DistancesOnly;
        LastRun = blocked ? device.RunBlocked(dist, next, report, timePhases, byMinimum) : device.RunStepwise(dist, next, report);
        return FloydWarshallScalar.NoNegativeCycle<T>(dist, n);
    }

    private void RunBatched<T, TOps>(Span<T> dist, Span<int> next, int graphs, Span<bool> negativeCycle, ref FloydWarshallDevice<T, TOps>? device)
        where T : unmanaged, IFloatingPointIeee754<T> where TOps : struct, IFloydWarshallOps<T>
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int n = Nodes;
        ArgumentOutOfRangeException.ThrowIfNegative(graphs);
        if (graphs > Graphs) throw new ArgumentOutOfRangeException(nameof(graphs), $"the session holds at most {Graphs} graphs");
        int cells = n * n * graphs; // fits: n*n*Graphs was checked at construction
        if (dist.Length != cells) throw new ArgumentException($"dist must hold n*n*graphs = {cells} values, has {dist.Length}", nameof(dist));
        if (next.Length != cells) throw new ArgumentException($"next must hold n*n*graphs = {cells} values, has {next.Length}", nameof(next));
        if (negativeCycle.Length < graphs) throw new ArgumentException($"negativeCycle must hold {graphs} flags, has {negativeCycle.Length}", nameof(negativeCycle));
        FloydWarshallScalar.Initialize(dist, next, n, graphs);
        negativeCycle[..graphs].Clear();
        if (cells == 0) return;
        device ??= new FloydWarshallDevice<T, TOps>(Accelerator, n, Graphs);
        LastRun = device.RunBatched(dist, next, graphs);
        for (int i = 0; i < n; i++)
            for (int g = 0; g < graphs; g++)
                if (!(dist[(i * n + i) * graphs + g] >= T.Zero)) negativeCycle[g] = true;
    }

    /// <summary>Whether this session has made successor buffers on the device (tests: distances-only runs make none).</summary>
    internal bool HoldsSuccessorBuffers => (doubles?.HoldsSuccessors ?? false) || (floats?.HoldsSuccessors ?? false);

    /// <summary>
    /// Launches only queue work, so a true share needs the device to catch up: about 50 waits per run, only when
    /// someone listens. The last step always reports 1.
    /// </summary>
    private void ReportDeviceProgress(IProgress<double>? progress, int done, int total, double share)
    {
        // Report where done·50/total reaches a new integer: min(total, 50) reports, the last at done = total.
        if (progress is null || (long)done * 50 / total == (long)(done - 1) * 50 / total) return;
        Accelerator.Synchronize();
        progress.Report(done == total ? 1.0 : share);
    }
}
