using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The SIMD backend's session: per-thread lane-block workspaces of <see cref="GgaBatchSolver"/>, which takes every
/// head-loss formula (Hazen–Williams, Chezy–Manning, Darcy–Weisbach).
/// </summary>
public sealed class SimdHydraulicSession(CompiledNetwork network, int lanes, int threads, LoopFlowMode loopFlows = LoopFlowMode.Auto) : IHydraulicSession
{
    private readonly GgaBatchSolver.Workspaces _workspaces = new(network, loopFlows);

    public CompiledNetwork Network { get; } = network;
    public int Lanes { get; } = lanes;

    public void Solve(HydraulicBatch batch)
    {
        HydraulicSessions.RequireShape(this, batch);
        GgaBatchSolver.Solve(batch, threads, _workspaces);
    }

    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation)
    {
        HydraulicSessions.RequireShape(this, batch);
        DesignLimitsKernel.Evaluate(batch, limits, caseOfLane, margin, violation);
    }

    public void Dispose() { }
}
