using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Simd;

public sealed partial class SimdBackend
{
    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch)
    {
        if (batch.Network.HeadLoss == HeadLossModel.DarcyWeisbach)
        {
            // The vector kernel is Hazen–Williams only: Darcy–Weisbach lanes run the scalar GGA, threads over lanes.
            Parallel.For(0, batch.ActiveLanes, Parallelism, () => new HostGgaScratch(batch.Network), (lane, _, scratch) => { GgaScalarSolver.SolveLane(batch, lane, scratch); return scratch; }, _ => { });
            return;
        }
        GgaBatchSolver.Solve(batch, Threads);
    }
}
