using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>Embedded kernel sources: present, composed with the prelude, built once per context and options.</summary>
public sealed class DeviceSourcesTests
{
    [Fact]
    public void The_prelude_and_kernels_are_embedded()
    {
        var files = DeviceSources.Files();
        Assert.Contains("prelude.h", files);
        Assert.Contains("head_loss.cl", files);
        Assert.Contains("floyd_warshall.cl", files);
        Assert.Throws<FileNotFoundException>(() => DeviceSources.Read("missing.cl"));
    }

    [Fact]
    public void A_composed_program_starts_with_the_prelude_and_keeps_kernel_line_numbers()
    {
        string text = DeviceSources.Compose("head_loss.cl");
        Assert.StartsWith(DeviceSources.Read("prelude.h"), text);
        Assert.Contains("#line 1 \"head_loss.cl\"", text);
        Assert.EndsWith(DeviceSources.Read("head_loss.cl"), text);
    }

    [Fact]
    public void The_prelude_has_a_CUDA_branch_for_every_OpenCL_macro()
    {
        // The same kernel text must compile as CUDA C later: every macro the OpenCL branch defines, the CUDA branch defines too.
        string prelude = DeviceSources.Read("prelude.h");
        int cuda = prelude.IndexOf("WDN_IS_CUDA", StringComparison.Ordinal);
        int opencl = prelude.IndexOf("WDN_IS_OPENCL", StringComparison.Ordinal);
        int common = prelude.IndexOf("/* The real type", StringComparison.Ordinal);
        Assert.True(cuda > 0 && opencl > cuda && common > opencl);
        string cudaPart = prelude[cuda..opencl], openclPart = prelude[opencl..common];
        var defined = System.Text.RegularExpressions.Regex.Matches(openclPart, @"#define (\w+)").Select(m => m.Groups[1].Value)
            .Where(name => name is not "WDN_IS_OPENCL");
        foreach (var name in defined) Assert.Contains($"#define {name}", cudaPart);
    }

    [OpenClFact]
    public void Programs_are_cached_per_context_and_options()
    {
        using var context = new ClContext(OpenClTestDevice.Backend.Device);
        var a = DeviceSources.GetProgram(context, "floyd_warshall.cl", DeviceSources.PrecisionOptions(fp64: false));
        var b = DeviceSources.GetProgram(context, "floyd_warshall.cl", DeviceSources.PrecisionOptions(fp64: false));
        Assert.Same(a, b);
        Assert.Equal(1, context.CachedProgramCount);
        if (context.Device.SupportsFp64)
        {
            var c = DeviceSources.GetProgram(context, "floyd_warshall.cl", DeviceSources.PrecisionOptions(fp64: true));
            Assert.NotSame(a, c);
            Assert.Equal(2, context.CachedProgramCount);
        }
    }

    [OpenClFact]
    public void Every_embedded_kernel_compiles_in_both_precisions()
    {
        using var context = new ClContext(OpenClTestDevice.Backend.Device);
        foreach (var file in DeviceSources.Files().Where(f => f.EndsWith(".cl", StringComparison.Ordinal)))
        {
            DeviceSources.GetProgram(context, file, DeviceSources.PrecisionOptions(fp64: false));
            if (context.Device.SupportsFp64) DeviceSources.GetProgram(context, file, DeviceSources.PrecisionOptions(fp64: true));
        }
    }
}
