using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Compiles kernels to PTX without a GPU (ILGPU's PTX backend needs no driver): how CI proves that every kernel
/// builds for CUDA, and what `devices --ptx` writes so users can read what runs on their card. ILGPU.Algorithms is
/// enabled, as in every backend context, for XMath's pow, exp and log.
/// </summary>
public static class PtxCompiler
{
    /// <summary>
    /// The targets `--arch` accepts: the CUDA architectures ILGPU 1.5.3 names, from sm_50 on (CUDA 12's ptxas and
    /// drivers compile nothing older), so that a typo such as sm_999 is refused instead of written into a .target
    /// line no driver loads.
    /// </summary>
    public static IReadOnlyList<CudaArchitecture> Architectures { get; } =
        typeof(CudaArchitecture).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(CudaArchitecture))
            .Select(f => (CudaArchitecture)f.GetValue(null)!)
            .Where(a => a.Major >= 5)
            .Distinct()
            .OrderBy(a => a.Major).ThenBy(a => a.Minor)
            .ToList();

    /// <summary>"sm_90" → (9, 0); an architecture outside <see cref="Architectures"/> is a FormatException that lists them.</summary>
    public static CudaArchitecture ParseArchitecture(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s.StartsWith("sm_", StringComparison.Ordinal) && s.Length >= 5 && int.TryParse(s[3..^1], System.Globalization.NumberStyles.None, null, out int major) && char.IsAsciiDigit(s[^1]))
        {
            var arch = new CudaArchitecture(major, s[^1] - '0');
            if (Architectures.Contains(arch)) return arch;
        }
        throw new FormatException($"'{text}' is not a CUDA architecture ILGPU compiles for; expected one of {string.Join(", ", Architectures.Select(Name))}");
    }

    /// <summary>(9, 0) → "sm_90".</summary>
    public static string Name(CudaArchitecture architecture) => $"sm_{architecture.Major}{architecture.Minor}";

    /// <summary>PTX of every kernel in <see cref="IlgpuKernel.All"/> for <paramref name="architecture"/>, by kernel name.</summary>
    public static IReadOnlyList<(string Name, string Ptx)> CompileAll(CudaArchitecture architecture)
    {
        using var context = Context.Create(b => b.CPU(CPUDeviceKind.Default).EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(architecture), architecture, InstructionSetFor(architecture), null!);
        return IlgpuKernel.All.Select(kernel => (kernel.Name, Compile(backend, kernel))).ToList();
    }

    /// <summary>PTX of one kernel for <paramref name="architecture"/>.</summary>
    public static string Compile(IlgpuKernel kernel, CudaArchitecture architecture)
    {
        using var context = Context.Create(b => b.CPU(CPUDeviceKind.Default).EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(architecture), architecture, InstructionSetFor(architecture), null!);
        return Compile(backend, kernel);
    }

    private static string Compile(PTXBackend backend, IlgpuKernel kernel)
    {
        var entry = kernel.Grouped
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel.Method)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel.Method);
        return ((PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty)).PTXAssembly;
    }

    /// <summary>
    /// The architecture a compiled kernel's `.target` line names. ILGPU 1.5.3 writes `.target sm_80` for every
    /// architecture above sm_80 (sm_86, sm_89, sm_90, Blackwell): what a user reads in the file, and what the driver
    /// compiles for the card it runs on, so reports name it rather than the requested one.
    /// </summary>
    public static string TargetOf(string ptx)
    {
        var m = System.Text.RegularExpressions.Regex.Match(ptx, @"^\.target\s+(sm_\w+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        return m.Success ? m.Groups[1].Value : "unknown";
    }

    /// <summary>PTX ISA 8.0 (CUDA 12.0) from sm_90 on, where the Hopper targets appear; 7.8 below (CUDA 11.8).</summary>
    private static CudaInstructionSet InstructionSetFor(CudaArchitecture architecture) =>
        architecture.Major >= 9 ? CudaInstructionSet.ISA_80 : CudaInstructionSet.ISA_78;
}
