using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

public sealed partial class SimdBackend
{
    /// <inheritdoc />
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation) =>
        DesignLimitsKernel.Evaluate(batch, limits, caseOfLane, margin, violation);
}
