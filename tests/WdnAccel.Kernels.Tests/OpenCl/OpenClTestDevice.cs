using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>
/// The OpenCL device the tests run on (PoCL in CI), shared by all test classes so each kernel builds once.
/// <see cref="SkipReason"/> is non-null only when no OpenCL runtime or device exists at all.
/// </summary>
internal static class OpenClTestDevice
{
    private static readonly Lazy<string?> Reason = new(() =>
    {
        var devices = OpenClRuntime.TryGetDevices(out var reason);
        if (devices.Count > 0) return null;
        var message = $"no OpenCL runtime/device ({reason}); OpenCL tests skipped";
        Console.Error.WriteLine(message);
        return message;
    });

    private static readonly Lazy<OpenClBackend> Shared = new(() => new OpenClBackend(new OpenClOptions()));
    private static readonly Lazy<OpenClBackend> SharedSingle = new(() => new OpenClBackend(new OpenClOptions { ForceSinglePrecision = true }));

    public static string? SkipReason => Reason.Value;

    /// <summary>The default backend (double precision where the device has fp64).</summary>
    public static OpenClBackend Backend => Shared.Value;

    /// <summary>A backend forced to float kernels.</summary>
    public static OpenClBackend SingleBackend => SharedSingle.Value;
}
