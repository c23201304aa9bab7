using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Scalar;

public sealed partial class ScalarBackend
{
    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => GgaScalarSolver.Solve(batch);
}
