using System.Globalization;
using WdnAccel.Core.Compute;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// Which OpenCL device the backend uses. From the environment variable WDNACCEL_OPENCL_DEVICE:
/// "gpu", "cpu" or "accelerator" (kind), a number (device index as `wdnaccel devices` lists it), or any
/// other text (case-insensitive substring of the device name). Unset: the first GPU, else the first device.
/// </summary>
public sealed record OpenClOptions
{
    public const string DeviceVariable = "WDNACCEL_OPENCL_DEVICE";

    /// <summary>Case-insensitive substring of the device name.</summary>
    public string? DeviceName { get; init; }

    public ClDeviceKind? Kind { get; init; }

    /// <summary>Index over all platforms' devices (<see cref="ClDevice.Index"/>).</summary>
    public int? Index { get; init; }

    /// <summary>Run kernels in float even on an fp64 device (tests and fp32 comparisons).</summary>
    public bool ForceSinglePrecision { get; init; }

    /// <summary>Parses a device spec as described on the type; null or blank means no constraint.</summary>
    public static OpenClOptions Parse(string? spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) return new OpenClOptions();
        spec = spec.Trim();
        return spec.ToLowerInvariant() switch
        {
            "gpu" => new OpenClOptions { Kind = ClDeviceKind.Gpu },
            "cpu" => new OpenClOptions { Kind = ClDeviceKind.Cpu },
            "accelerator" => new OpenClOptions { Kind = ClDeviceKind.Accelerator },
            _ when int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out int index) => new OpenClOptions { Index = index },
            _ => new OpenClOptions { DeviceName = spec },
        };
    }

    public static OpenClOptions FromEnvironment() => Parse(Environment.GetEnvironmentVariable(DeviceVariable));

    /// <summary>The device these options pick from <paramref name="devices"/>; <see cref="BackendUnavailableException"/> when none matches.</summary>
    public ClDevice Select(IReadOnlyList<ClDevice> devices)
    {
        if (devices.Count == 0)
            throw new BackendUnavailableException($"no OpenCL device found; {OpenClRuntime.InstallHint}");
        var matches = devices.Where(d =>
                (Index is null || d.Index == Index)
                && (Kind is null || d.Kind == Kind)
                && (DeviceName is null || d.Name.Contains(DeviceName, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (matches.Count == 0)
            throw new BackendUnavailableException(
                $"no OpenCL device matches {Describe()}; devices: {string.Join("; ", devices)}");
        // Unconstrained kind: prefer a GPU (the point of this backend), then the enumeration order.
        return matches.OrderBy(d => d.Kind == ClDeviceKind.Gpu ? 0 : d.Kind == ClDeviceKind.Accelerator ? 1 : 2).ThenBy(d => d.Index).First();
    }

    private string Describe()
    {
        var parts = new List<string>();
        if (Index is not null) parts.Add($"index {Index}");
        if (Kind is not null) parts.Add($"type {Kind.ToString()!.ToLowerInvariant()}");
        if (DeviceName is not null) parts.Add($"name containing '{DeviceName}'");
        return string.Join(", ", parts);
    }
}
