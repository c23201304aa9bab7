using System.Reflection;
using System.Runtime.InteropServices;
using WdnAccel.Core.Compute;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// Finds the OpenCL ICD loader. <see cref="ClNative"/>'s "OpenCL" resolves, in order, to the library named by
/// WDNACCEL_OPENCL_LIBRARY (when set, only that one), else libOpenCL.so.1, libOpenCL.so, OpenCL.dll.
/// Every entry point calls <see cref="EnsureLoaded"/> first, so a missing runtime is a
/// <see cref="BackendUnavailableException"/> (exit 4) with install advice, never a DllNotFoundException.
/// </summary>
internal static class ClLibrary
{
    public const string OverrideVariable = "WDNACCEL_OPENCL_LIBRARY";

    public const string InstallHint =
        "install an OpenCL runtime: `apt-get install pocl-opencl-icd ocl-icd-libopencl1` (CPU, PoCL) or your GPU vendor's OpenCL driver, "
        + "or set " + OverrideVariable + " to the path of libOpenCL";

    private static readonly string[] DefaultCandidates = ["libOpenCL.so.1", "libOpenCL.so", "OpenCL.dll"];

    static ClLibrary()
    {
        // One resolver per assembly is allowed; this assembly's only native library is OpenCL.
        NativeLibrary.SetDllImportResolver(typeof(ClLibrary).Assembly, Resolve);
    }

    /// <summary>The names tried, in order: the override alone when set, else the defaults.</summary>
    public static IReadOnlyList<string> Candidates()
    {
        var custom = Environment.GetEnvironmentVariable(OverrideVariable);
        return string.IsNullOrWhiteSpace(custom) ? DefaultCandidates : [custom.Trim()];
    }

    /// <summary>Tries each candidate; true with the loaded handle and its name on success.</summary>
    public static bool TryLoad(IReadOnlyList<string> candidates, out nint handle, out string? loadedName)
    {
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, typeof(ClLibrary).Assembly, DllImportSearchPath.SafeDirectories | DllImportSearchPath.AssemblyDirectory, out handle)
                || NativeLibrary.TryLoad(candidate, out handle))
            {
                loadedName = candidate;
                return true;
            }
        }
        handle = 0;
        loadedName = null;
        return false;
    }

    /// <summary>Throws <see cref="BackendUnavailableException"/> unless a candidate library loads. Returns the name that loaded.</summary>
    public static string EnsureLoaded() => EnsureLoaded(Candidates());

    /// <inheritdoc cref="EnsureLoaded()"/>
    public static string EnsureLoaded(IReadOnlyList<string> candidates)
    {
        if (TryLoad(candidates, out _, out var name)) return name!;
        throw new BackendUnavailableException($"no OpenCL runtime: could not load {string.Join(", ", candidates)}; {InstallHint}");
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == ClNative.Library && TryLoad(Candidates(), out var handle, out _) ? handle : 0;
}
