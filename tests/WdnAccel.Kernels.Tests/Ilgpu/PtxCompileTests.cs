using ILGPU.Runtime.Cuda;
using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// Every GPU kernel compiles to PTX for a Hopper card (sm_90) without a GPU: catches C# that ILGPU cannot translate
/// for CUDA even where the CPU accelerator, which runs the IL itself, accepts it. Each must declare its entry point.
/// </summary>
public class PtxCompileTests
{
    public static TheoryData<string> Kernels() => [.. IlgpuKernel.All.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Compiles_to_ptx_with_an_entry_point(string name)
    {
        string ptx = PtxCompiler.Compile(IlgpuKernel.All.Single(k => k.Name == name), CudaArchitecture.SM_90);
        Assert.Contains(".entry", ptx);
        Assert.Contains(".address_size 64", ptx);
        if (name.StartsWith("fw_blocked_phase3", StringComparison.Ordinal)) Assert.DoesNotContain(".local", ptx); // the micro-tile stays in registers
        if (name == "gga_solve_loops_shared")
        {
            // The lane's scratch is addressed as shared memory, not through generic pointers that a card resolves per access.
            Assert.Contains("ld.shared.f64", ptx);
            Assert.Contains("st.shared.f64", ptx);
        }
    }

    [Fact]
    public void The_catalog_names_every_kernel_family_once()
    {
        var names = IlgpuKernel.All.Select(k => k.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("gga_solve", names);
        Assert.Contains("design_limits", names);
        foreach (var fw in new[] { "fw_step", "fw_batched", "fw_blocked_phase1", "fw_blocked_phase2", "fw_blocked_phase3" })
        {
            Assert.Contains(fw + "_f64", names);
            Assert.Contains(fw + "_f32", names);
        }
    }

    [Theory]
    [InlineData("sm_90", 9, 0)]
    [InlineData("SM_86", 8, 6)]
    public void Architectures_parse(string text, int major, int minor)
    {
        var arch = PtxCompiler.ParseArchitecture(text);
        Assert.Equal(major, arch.Major);
        Assert.Equal(minor, arch.Minor);
        Assert.Throws<FormatException>(() => PtxCompiler.ParseArchitecture("hopper"));
    }
}
