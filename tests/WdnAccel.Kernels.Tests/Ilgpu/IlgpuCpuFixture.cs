using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>One ILGPU context and CPU accelerator per test class (creating them costs seconds); no GPU needed.</summary>
public sealed class IlgpuCpuFixture : IDisposable
{
    public IlgpuCpuFixture()
    {
        Context = Context.Create(b => b.CPU().EnableAlgorithms());
        Accelerator = Context.CreateCPUAccelerator(0);
    }

    public Context Context { get; }

    public Accelerator Accelerator { get; }

    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}
