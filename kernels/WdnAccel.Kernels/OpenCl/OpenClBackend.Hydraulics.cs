using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.OpenCl;

public sealed partial class OpenClBackend
{
    /// <summary>
    /// Not ported to a device kernel yet: the batched GGA solve runs on the host SIMD path
    /// (<see cref="Simd.SimdBackend.SolveHydraulics"/>), so `--backend opencl` gives the SIMD backend's results.
    /// The device port (one work-item per candidate, shared symbolic factor) is issue 7's next step.
    /// </summary>
    public void SolveHydraulics(HydraulicBatch batch) => Host.SolveHydraulics(batch);
}
