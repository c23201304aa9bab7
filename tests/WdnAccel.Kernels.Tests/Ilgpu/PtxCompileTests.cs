using System.Text.RegularExpressions;
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
        // Distances alone: every single-graph kernel, not the batched one (batched runs always keep successors).
        foreach (var fw in new[] { "fw_step", "fw_blocked_phase1", "fw_blocked_phase2", "fw_blocked_phase3" })
        {
            Assert.Contains(fw + "_dist_f64", names);
            Assert.Contains(fw + "_dist_f32", names);
        }
        Assert.DoesNotContain(names, n => n.StartsWith("fw_batched_dist", StringComparison.Ordinal));
        // Phase 3 by the hardware minimum: float only (double's min is no single instruction on current cards).
        Assert.Contains("fw_blocked_phase3_min_f32", names);
        Assert.DoesNotContain("fw_blocked_phase3_min_f64", names);
        Assert.Equal(19, names.Count(n => n.StartsWith("fw_", StringComparison.Ordinal)));
    }

    private static readonly Regex FloatCompare = new(@"\bsetp\.\w+\.f32\b");

    [Fact]
    public void Float_phase_3_by_minimum_takes_min_where_the_distances_only_kernel_compares()
    {
        string strict = PtxCompiler.Compile(IlgpuKernel.All.Single(k => k.Name == "fw_blocked_phase3_dist_f32"), CudaArchitecture.SM_90);
        string minimum = PtxCompiler.Compile(IlgpuKernel.All.Single(k => k.Name == "fw_blocked_phase3_min_f32"), CudaArchitecture.SM_90);
        int cells = FloydWarshallKernels.MicroRows * FloydWarshallKernels.MicroColumns;
        Assert.Equal(cells, FloatCompare.Matches(strict).Count);   // one compare per cell of the micro-tile
        Assert.Equal(cells, Regex.Matches(minimum, @"\bmin\.f32\b").Count);
        Assert.DoesNotMatch(FloatCompare, minimum);
        Assert.DoesNotContain("min.f32", strict);
    }

    /// <summary>A load or store of 32-bit integers other than a parameter: only successors are 32-bit in these kernels
    /// (indices stay in registers, float distances are .f32).</summary>
    private static readonly Regex SuccessorAccess = new(@"^\s*(ld|st)(\.(global|shared|local))?\.[bsu]32\b", RegexOptions.Multiline);

    private static readonly Regex SharedArray = new(@"^\s*\.shared\s+\.align\s+\d+\s+\.b8\s+\w+\[(\d+)\]", RegexOptions.Multiline);

    [Theory]
    [InlineData("fw_step", 0)]
    [InlineData("fw_blocked_phase1", FloydWarshallKernels.Tile * FloydWarshallKernels.Tile * sizeof(int))]
    [InlineData("fw_blocked_phase2", 2 * FloydWarshallKernels.Tile * FloydWarshallKernels.Tile * sizeof(int))] // the tile's and the pivot's
    [InlineData("fw_blocked_phase3", FloydWarshallKernels.Tile * FloydWarshallKernels.PaddedTile * sizeof(int))] // no `an`
    public void Distances_only_kernels_load_store_and_share_no_successor(string family, int successorSharedBytes)
    {
        foreach (var suffix in new[] { "f64", "f32" })
        {
            string with = PtxCompiler.Compile(IlgpuKernel.All.Single(k => k.Name == $"{family}_{suffix}"), CudaArchitecture.SM_90);
            string alone = PtxCompiler.Compile(IlgpuKernel.All.Single(k => k.Name == $"{family}_dist_{suffix}"), CudaArchitecture.SM_90);
            Assert.Matches(SuccessorAccess, with); // the pattern finds the successors where they are
            Assert.DoesNotMatch(SuccessorAccess, alone);
            Assert.Equal(SharedBytes(with) - successorSharedBytes, SharedBytes(alone));
            Assert.DoesNotContain(".local", alone);
        }
    }

    private static int SharedBytes(string ptx) => SharedArray.Matches(ptx).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

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

    [Theory]
    [InlineData("sm_999")] // parses as (99, 9): no such card
    [InlineData("sm_95")]
    [InlineData("sm_35")] // Kepler: no current CUDA compiles for it
    [InlineData("sm_+90")]
    public void Architectures_no_card_has_are_refused(string text)
    {
        var e = Assert.Throws<FormatException>(() => PtxCompiler.ParseArchitecture(text));
        Assert.Contains("sm_90", e.Message); // the message lists what is accepted
    }

    [Theory]
    [InlineData("sm_61", "sm_61")]
    [InlineData("sm_80", "sm_80")]
    [InlineData("sm_90", "sm_80")] // ILGPU 1.5.3 writes sm_80 code for every newer card
    [InlineData("sm_120", "sm_80")]
    public void The_target_a_file_names_is_read_back(string requested, string target)
    {
        string ptx = PtxCompiler.Compile(IlgpuKernel.All[0], PtxCompiler.ParseArchitecture(requested));
        Assert.Equal(target, PtxCompiler.TargetOf(ptx));
    }
}
