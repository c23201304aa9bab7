using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

public sealed partial class SimdBackend
{
    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => GgaBatchSolver.Solve(batch, Threads);
}
