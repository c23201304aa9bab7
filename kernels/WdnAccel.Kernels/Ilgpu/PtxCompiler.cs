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
    /// <summary>"sm_90" → (9, 0).</summary>
    public static CudaArchitecture ParseArchitecture(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s.StartsWith("sm_", StringComparison.Ordinal) && s.Length >= 5 && int.TryParse(s[3..^1], out int major) && char.IsAsciiDigit(s[^1]))
            return new CudaArchitecture(major, s[^1] - '0');
        throw new FormatException($"'{text}' is not a CUDA architecture such as sm_90");
    }

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

    /// <summary>PTX ISA 8.0 (CUDA 12.0) from sm_90 on, where the Hopper targets appear; 7.8 below (CUDA 11.8).</summary>
    private static CudaInstructionSet InstructionSetFor(CudaArchitecture architecture) =>
        architecture.Major >= 9 ? CudaInstructionSet.ISA_80 : CudaInstructionSet.ISA_78;
}
