using WdnAccel.Core.Compute;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;
using WdnAccel.Kernels.Tests.Ilgpu;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>The backends a hydraulic test runs on when no GPU is present: the scalar oracle, SIMD and ILGPU's CPU accelerator.</summary>
public static class EveryBackend
{
    public static TheoryData<string> Names() => ["scalar", "simd", "ilgpu-cpu"];

    /// <summary>The backend called <paramref name="name"/>; the ILGPU one is shared (tests using it join <see cref="IlgpuCollection"/>).</summary>
    public static IComputeBackend Create(string name) => name switch
    {
        "scalar" => new ScalarBackend(),
        "simd" => new SimdBackend(2),
        _ => IlgpuTestDevice.Backend,
    };
}
