using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>Every Floyd–Warshall kernel compiles to PTX (no GPU needed): catches C# that ILGPU cannot translate
/// for CUDA even where the CPU accelerator, which runs the IL itself, accepts it.</summary>
public class FloydWarshallPtxTests(IlgpuCpuFixture fixture) : IClassFixture<IlgpuCpuFixture>
{
    public static TheoryData<string> Kernels() => [.. FloydWarshallKernels.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Compiles_to_ptx(string name)
    {
        var (_, method, grouped) = FloydWarshallKernels.All.Single(k => k.Name == name);
        using var backend = new PTXBackend(fixture.Context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null!);
        var entry = grouped ? EntryPointDescription.FromExplicitlyGroupedKernel(method) : EntryPointDescription.FromImplicitlyGroupedKernel(method);
        var kernel = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
        Assert.Contains(".entry", kernel.PTXAssembly);
    }

    [Fact]
    public void Lists_every_kernel_once_per_element_type()
    {
        Assert.Equal(10, FloydWarshallKernels.All.Count);
        Assert.Equal(FloydWarshallKernels.All.Count, FloydWarshallKernels.All.Select(k => k.Name).Distinct().Count());
    }
}
