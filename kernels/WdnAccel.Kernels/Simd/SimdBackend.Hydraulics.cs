using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

public sealed partial class SimdBackend
{
    /// <inheritdoc />
    public IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes) => new SimdHydraulicSession(network, lanes, Threads);

    /// <inheritdoc />
    public int HostThreads => Threads;

    /// <inheritdoc />
    public bool RunsOnHost => true;

    /// <inheritdoc />
    public IComputeBackend OnOneThread() => Threads == 1 ? this : new SimdBackend(1);

    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => HydraulicSessions.SolveOnce(this, batch);
}
