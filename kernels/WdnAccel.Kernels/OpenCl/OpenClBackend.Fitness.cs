using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.OpenCl;

public sealed partial class OpenClBackend
{
    /// <summary>
    /// The limits pass runs on the host SIMD kernel: the heads are on the host already (the GGA kernel reads them
    /// back), and the pass is one sweep over them. A device kernel belongs with a solve that keeps heads on the device.
    /// </summary>
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation) =>
        Host.EvaluateDesignLimits(batch, limits, caseOfLane, margin, violation);
}
