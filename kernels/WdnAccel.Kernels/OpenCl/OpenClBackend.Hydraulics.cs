using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// The batched GGA on the device (Device/gga.cl, one work-item per lane), same decisions as
/// <see cref="Scalar.GgaScalarSolver"/>. The topology is uploaded once per <see cref="CompiledNetwork"/>; the
/// per-lane buffers are kept for the batch last solved, so an optimizer's generations allocate nothing and move only
/// the inputs that changed plus the results. Needs fp64: on a device without it (or with ForceSinglePrecision)
/// the solve runs on <see cref="Host"/> and <see cref="Description"/> says so. A batch whose largest per-lane
/// array (factor values × K) exceeds the kernel's int index range also runs on the host.
/// </summary>
public sealed partial class OpenClBackend
{
    private ClGgaTopology? _ggaTopology;
    private ClGgaLaneBuffers? _ggaLanes;
    private WeakReference<HydraulicBatch>? _ggaBatch;
    /// <summary>True while the last solve of the batch in <see cref="_ggaBatch"/> ran on the device (its outputs live in <see cref="_ggaLanes"/>).</summary>
    private bool _ggaOnDevice;

    /// <summary>True when <see cref="SolveHydraulics"/> runs Device/gga.cl (fp64 in use), false when it runs on host SIMD.</summary>
    public bool SolvesHydraulicsOnDevice => UsesFp64;

    /// <summary>Input arrays uploaded by the GGA for the current batch (diagnostics: unchanged inputs are not re-sent).</summary>
    public int HydraulicInputUploads => _ggaLanes?.InputUploads ?? 0;

    private string HydraulicsDescription => SolvesHydraulicsOnDevice
        ? "GGA on the device"
        : "hydraulic solve on host SIMD (the GGA kernel needs fp64)";

    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var shape = batch.Network;
        long largest = (long)Math.Max(Math.Max(shape.FactorSize, shape.NodeCount), shape.LinkCount) * batch.Count;
        // gga.cl indexes element*K + lane in int; beyond that (a huge grid at a huge K) the host path solves it.
        // gga.cl implements Hazen–Williams pipes only: Darcy–Weisbach networks are solved on the host too.
        if (!SolvesHydraulicsOnDevice || largest > int.MaxValue || shape.HeadLoss != Core.Model.HeadLossModel.HazenWilliams)
        {
            lock (Gate) _ggaOnDevice = false;
            Host.SolveHydraulics(batch);
            return;
        }
        var net = batch.Network;
        int K = batch.Count;
        lock (Gate)
        {
            if (_ggaTopology?.Network != net)
            {
                _ggaTopology?.Dispose();
                _ggaTopology = new ClGgaTopology(Context, net);
            }
            if (_ggaLanes is null || _ggaBatch is null || !_ggaBatch.TryGetTarget(out var last) || last != batch
                || _ggaLanes.Network != net || _ggaLanes.Count != K)
            {
                _ggaLanes?.Dispose();
                _ggaLanes = new ClGgaLaneBuffers(Buffers, net, K);
                _ggaBatch = new WeakReference<HydraulicBatch>(batch);
            }
            var lanes = _ggaLanes;
            lanes.UploadInputs(batch);

            var kernel = Kernel("gga.cl", "gga_solve", fp64: true);
            kernel.SetArg(0, K).SetArg(1, net.JunctionCount).SetArg(2, net.FixedCount).SetArg(3, net.PipeCount)
                .SetArg(4, net.LinkCount).SetArg(5, net.FactorSize).SetArg(6, net.MaxTrials).SetArg(7, _ggaTopology.StatusLinkCount);
            _ggaTopology.Bind(kernel);
            lanes.Bind(kernel);
            if (batch.ActiveLanes > 0) kernel.Launch(batch.ActiveLanes, LocalSize1D); // K stays the stride; gga.cl skips lanes ≥ K

            _ggaOnDevice = true;
            if (batch.OutputsToHost) ReadOutputs(lanes, batch);
            lanes.Iterations.Read<int>(batch.Iterations);
            lanes.Status.Read<int>(lanes.StatusScratch);
            for (int lane = 0; lane < K; lane++) batch.Status[lane] = (LaneStatus)lanes.StatusScratch[lane];
        }
    }

    private static void ReadOutputs(ClGgaLaneBuffers lanes, HydraulicBatch batch)
    {
        lanes.Head.Read<double>(batch.Head);
        lanes.Flow.Read<double>(batch.Flow);
        lanes.Closed.Read<byte>(batch.Closed);
        lanes.RelativeError.Read<double>(batch.RelativeError);
    }

    /// <summary>The device lane buffers holding <paramref name="batch"/>'s latest solve, or null when it was solved on the host. Call under <see cref="Gate"/>.</summary>
    private ClGgaLaneBuffers? DeviceSolution(HydraulicBatch batch) =>
        _ggaOnDevice && _ggaLanes is { } lanes && _ggaBatch is not null && _ggaBatch.TryGetTarget(out var last) && last == batch ? lanes : null;

    private void DisposeHydraulics()
    {
        _ggaLanes?.Dispose();
        _ggaLanes = null;
        _ggaTopology?.Dispose();
        _ggaTopology = null;
    }
}
