using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// One ILGPU CPU-accelerator backend shared by the ILGPU tests: it runs the very kernels a GPU runs, on host threads,
/// so CI (no GPU) checks them against the scalar oracle. Tests that use it sit in <see cref="IlgpuCollection"/>
/// and so never launch on it from two threads at once.
/// </summary>
public static class IlgpuTestDevice
{
    private static readonly Lazy<IlgpuBackend> Shared = new(() => new IlgpuBackend(IlgpuDeviceKind.Cpu));

    public static IlgpuBackend Backend => Shared.Value;
}
