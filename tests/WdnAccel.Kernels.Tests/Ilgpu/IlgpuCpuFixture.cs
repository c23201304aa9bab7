using ILGPU.Runtime;
using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// A CPU-accelerator backend of its own per test class (creating one costs seconds), for classes that may run beside
/// those sharing <see cref="IlgpuTestDevice"/>; no GPU needed.
/// </summary>
public sealed class IlgpuCpuFixture : IDisposable
{
    private readonly IlgpuBackend _backend = new(IlgpuDeviceKind.Cpu, profiling: true); // the phase-timing tests record markers

    public Accelerator Accelerator => _backend.Accelerator;

    public void Dispose() => _backend.Dispose();
}
