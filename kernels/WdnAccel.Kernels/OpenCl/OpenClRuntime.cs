using WdnAccel.Core.Compute;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>Entry point of the binding: which OpenCL platforms and devices this machine has.</summary>
public static class OpenClRuntime
{
    /// <summary>Environment variable naming the OpenCL library to load instead of the defaults (tests use it to simulate a missing runtime).</summary>
    public const string LibraryVariable = ClLibrary.OverrideVariable;

    /// <summary>What to install when no runtime or device is found.</summary>
    public const string InstallHint = ClLibrary.InstallHint;

    /// <summary>
    /// All platforms with their devices. Throws <see cref="BackendUnavailableException"/> when no OpenCL library loads;
    /// an installed loader with no ICD (CL_PLATFORM_NOT_FOUND_KHR) gives an empty list.
    /// </summary>
    public static unsafe IReadOnlyList<ClPlatform> GetPlatforms()
    {
        ClLibrary.EnsureLoaded();
        uint count;
        int status = ClNative.clGetPlatformIDs(0, null, &count);
        if (status == ClNative.CL_PLATFORM_NOT_FOUND_KHR || (status == ClNative.CL_SUCCESS && count == 0)) return [];
        ClErrors.Check(status, "clGetPlatformIDs");
        var ids = new nint[count];
        fixed (nint* p = ids) ClErrors.Check(ClNative.clGetPlatformIDs(count, p, null), "clGetPlatformIDs");
        int nextDevice = 0;
        var platforms = new List<ClPlatform>(ids.Length);
        foreach (var id in ids) platforms.Add(new ClPlatform(id, ref nextDevice));
        return platforms;
    }

    /// <summary>Every device of every platform, in <see cref="ClDevice.Index"/> order.</summary>
    public static IReadOnlyList<ClDevice> GetDevices() => GetPlatforms().SelectMany(p => p.Devices).ToList();

    /// <summary>Devices, or an empty list with the reason when no runtime is installed (never throws for a missing runtime).</summary>
    public static IReadOnlyList<ClDevice> TryGetDevices(out string? reason)
    {
        try
        {
            var devices = GetDevices();
            reason = devices.Count == 0 ? "the OpenCL runtime reports no platform or device" : null;
            return devices;
        }
        catch (Exception e) when (e is BackendUnavailableException or OpenClException)
        {
            reason = e.Message;
            return [];
        }
    }
}
