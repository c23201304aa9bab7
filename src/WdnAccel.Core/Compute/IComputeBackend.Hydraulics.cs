using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Compute;

public partial interface IComputeBackend
{
    /// <summary>
    /// Opens a session that solves batches of <paramref name="lanes"/> lanes of <paramref name="network"/> (see
    /// <see cref="IHydraulicSession"/>). Callers that solve repeatedly (optimizers, random-design runs) hold one.
    /// </summary>
    IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes);

    /// <summary>
    /// Steady-state GGA snapshot of every lane of <paramref name="batch"/> (EPANET 2.2 semantics):
    /// reads Diameter/Roughness/Demand/FixedHead, writes Head/Flow/Closed/Status/Iterations/RelativeError.
    /// A lane that is singular or does not converge is flagged in <see cref="HydraulicBatch.Status"/>, never thrown.
    /// A one-off solve in a session of its own: every output comes back to the host.
    /// </summary>
    void SolveHydraulics(HydraulicBatch batch);
}
