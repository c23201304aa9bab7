using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Compute;

public partial interface IComputeBackend
{
    /// <summary>
    /// Steady-state GGA snapshot of every lane of <paramref name="batch"/> (EPANET 2.2 semantics, DESIGN.md section 5):
    /// reads Diameter/Roughness/Demand/FixedHead, writes Head/Flow/Closed/Status/Iterations/RelativeError.
    /// A lane that is singular or does not converge is flagged in <see cref="HydraulicBatch.Status"/>, never thrown.
    /// </summary>
    void SolveHydraulics(HydraulicBatch batch);
}
