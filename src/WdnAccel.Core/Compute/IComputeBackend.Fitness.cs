using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Compute;

public partial interface IComputeBackend
{
    /// <summary>
    /// The pipe-sizing fitness kernel: per lane of a solved batch, the smallest pressure/head margin (m) and the
    /// summed violation of <paramref name="limits"/> (see <see cref="DesignFeasibility.Evaluate"/>, the scalar
    /// reference). <paramref name="caseOfLane"/> gives each lane's demand case.
    /// </summary>
    void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation);
}
