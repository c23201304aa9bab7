using System.Collections.Concurrent;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The SIMD backend's session: per-thread lane-block workspaces of <see cref="GgaBatchSolver"/> (Hazen–Williams and
/// Chezy–Manning), or per-thread scalar scratch for Darcy–Weisbach networks, whose lanes run the one-source scalar GGA
/// with threads over lanes (the vector kernel has no friction factor).
/// </summary>
public sealed class SimdHydraulicSession(CompiledNetwork network, int lanes, int threads, LoopFlowMode loopFlows = LoopFlowMode.Auto) : IHydraulicSession
{
    private readonly GgaBatchSolver.Workspaces _workspaces = new(network, loopFlows);
    private readonly ConcurrentBag<HostGgaScratch> _scratch = [];

    public CompiledNetwork Network { get; } = network;
    public int Lanes { get; } = lanes;

    public void Solve(HydraulicBatch batch)
    {
        HydraulicSessions.RequireShape(this, batch);
        if (Network.HeadLoss != HeadLossModel.DarcyWeisbach)
        {
            GgaBatchSolver.Solve(batch, threads, _workspaces);
            return;
        }
        Parallel.For(0, batch.ActiveLanes, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => _scratch.TryTake(out var s) ? s : new HostGgaScratch(Network),
            (lane, _, scratch) => { GgaScalarSolver.SolveLane(batch, lane, scratch); return scratch; },
            _scratch.Add);
    }

    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation)
    {
        HydraulicSessions.RequireShape(this, batch);
        DesignLimitsKernel.Evaluate(batch, limits, caseOfLane, margin, violation);
    }

    public void Dispose() { }
}
