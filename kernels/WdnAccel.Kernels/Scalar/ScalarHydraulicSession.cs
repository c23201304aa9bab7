using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Scalar;

/// <summary>The reference backend's session: one lane's scratch, reused lane after lane.</summary>
public sealed class ScalarHydraulicSession(CompiledNetwork network, int lanes) : IHydraulicSession
{
    private readonly HostGgaScratch _scratch = new(network);

    public CompiledNetwork Network { get; } = network;
    public int Lanes { get; } = lanes;

    public void Solve(HydraulicBatch batch)
    {
        HydraulicSessions.RequireShape(this, batch);
        for (int lane = 0; lane < batch.ActiveLanes; lane++) GgaScalarSolver.SolveLane(batch, lane, _scratch);
    }

    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation)
    {
        HydraulicSessions.RequireShape(this, batch);
        limits.Evaluate(batch, caseOfLane, margin, violation);
    }

    public void Dispose() { }
}
