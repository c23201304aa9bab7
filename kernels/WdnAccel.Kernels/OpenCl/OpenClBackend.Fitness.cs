using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.OpenCl;

public sealed partial class OpenClBackend
{
    /// <summary>
    /// The limits kernel (Device/design_limits.cl) on the heads, flows and statuses the GGA kernel left on the device:
    /// only margin and violation come back. When the batch was solved on the host, or its limits depend on the demand
    /// case, the host SIMD kernel runs instead (after fetching any outputs still on the device).
    /// </summary>
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation)
    {
        lock (Gate)
        {
            var lanes = DeviceSolution(batch);
            if (lanes is not null && limits.CaseIndependent)
            {
                RunLimitsKernel(lanes, batch, limits, margin, violation);
                return;
            }
            if (lanes is not null && !batch.OutputsToHost) ReadOutputs(lanes, batch);
        }
        Host.EvaluateDesignLimits(batch, limits, caseOfLane, margin, violation);
    }

    private void RunLimitsKernel(ClGgaLaneBuffers lanes, HydraulicBatch batch, DesignFeasibility limits, Span<double> margin, Span<double> violation)
    {
        var net = batch.Network;
        int K = batch.Count;
        using var elevation = UploadReal(net.Elevation);
        using var minPressure = UploadReal(limits.MinPressure[0]);
        using var maxPressure = UploadReal(limits.MaxPressure);
        using var minHead = UploadReal(limits.MinHead);
        using var marginOut = RentReal(K);
        using var violationOut = RentReal(K);
        bool velocity = limits.MinVelocity is not null || limits.MaxVelocity is not null;
        var kernel = Kernel("design_limits.cl", "design_limits", fp64: true);
        kernel.SetArg(0, K).SetArg(1, net.JunctionCount).SetArg(2, net.PipeCount).SetArg(3, velocity ? 1 : 0)
            .SetArg(4, limits.MinVelocity ?? 0.0).SetArg(5, limits.MaxVelocity ?? double.PositiveInfinity)
            .SetArg(6, elevation.Buffer).SetArg(7, minPressure.Buffer).SetArg(8, maxPressure.Buffer).SetArg(9, minHead.Buffer)
            .SetArg(10, lanes.Head).SetArg(11, lanes.Diameter).SetArg(12, lanes.Flow).SetArg(13, lanes.Closed).SetArg(14, lanes.Status)
            .SetArg(15, marginOut.Buffer).SetArg(16, violationOut.Buffer);
        kernel.Launch(K, LocalSize1D);
        marginOut.Buffer.Read(margin[..K]);
        violationOut.Buffer.Read(violation[..K]);
    }
}
