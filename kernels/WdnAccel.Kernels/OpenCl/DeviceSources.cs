using System.Reflection;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// Kernel sources embedded from kernels/WdnAccel.Kernels/Device (resource names WdnAccel.Kernels.Device.&lt;file&gt;).
/// A program is prelude.h followed by one .cl file, so the same text can later go to NVRTC as CUDA C.
/// </summary>
public static class DeviceSources
{
    public const string PreludeFile = "prelude.h";
    private const string ResourcePrefix = "WdnAccel.Kernels.Device.";

    /// <summary>The embedded file's text; throws <see cref="FileNotFoundException"/> naming it when absent.</summary>
    public static string Read(string file)
    {
        using var stream = typeof(DeviceSources).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new FileNotFoundException($"embedded kernel source '{file}' not found", file);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Names of the embedded device files (e.g. "head_loss.cl").</summary>
    public static IReadOnlyList<string> Files() =>
        typeof(DeviceSources).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The program text of <paramref name="file"/>: the prelude, then a #line marker so compiler messages name the .cl file's own lines.</summary>
    public static string Compose(string file) =>
        Read(PreludeFile) + "\n#line 1 \"" + file + "\"\n" + Read(file);

    /// <summary>
    /// Build options selecting the device real type: WDN_REAL=double with WDN_FP64 (enables cl_khr_fp64 in the
    /// prelude), else WDN_REAL=float. Kernels are written against real_t so one source serves both.
    /// </summary>
    public static string PrecisionOptions(bool fp64) => fp64 ? "-D WDN_FP64=1" : "-D WDN_FP32=1";

    /// <summary>The program built from <paramref name="file"/> for <paramref name="context"/>'s device, cached per context and options.</summary>
    public static ClProgram GetProgram(ClContext context, string file, string options = "") =>
        context.GetOrBuildProgram(file, options, () => Compose(file));
}
