using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

public sealed partial class SimdBackend
{
    /// <inheritdoc />
    public IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes) => new SimdHydraulicSession(network, lanes, Threads, LoopFlows);

    /// <inheritdoc />
    public int HostThreads => Threads;

    /// <inheritdoc />
    public bool RunsOnHost => true;

    /// <inheritdoc />
    public IComputeBackend OnOneThread() => Threads == 1 ? this : new SimdBackend(1, LoopFlows);

    /// <inheritdoc />
    public string HydraulicMethod(CompiledNetwork network) =>
        network.ValveCount > 0 ? "GGA over the junctions, lane by lane on the threads (valves have no vector form yet)"
        : LoopBasis.WherePaying(network, LoopFlows) is { } loops ? $"GGA steps in loop-flow form ({loops.LoopCount} loops)"
        : "GGA over the junctions";

    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => HydraulicSessions.SolveOnce(this, batch);
}
