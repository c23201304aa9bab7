using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

public sealed partial class SimdBackend
{
    /// <inheritdoc />
    public IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes) => new SimdHydraulicSession(network, lanes, Threads);

    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => HydraulicSessions.SolveOnce(this, batch);
}
