using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Scalar;

public sealed partial class ScalarBackend
{
    /// <inheritdoc />
    public IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes) => new ScalarHydraulicSession(network, lanes);

    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => HydraulicSessions.SolveOnce(this, batch);
}
