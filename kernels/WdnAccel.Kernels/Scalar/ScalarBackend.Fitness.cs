using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Scalar;

public sealed partial class ScalarBackend
{
    /// <inheritdoc />
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation) =>
        limits.Evaluate(batch, caseOfLane, margin, violation);
}
