using WdnAccel.Core.Compute;
using WdnAccel.Kernels.OpenCl;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels;

/// <summary>Creates a backend by its CLI name (`--backend auto|scalar|simd|opencl`).</summary>
public static class BackendFactory
{
    public static readonly string[] Names = ["auto", "scalar", "simd", "opencl"];

    /// <param name="name">Backend name; "auto" picks an OpenCL GPU device when one exists, else SIMD.</param>
    /// <param name="threads">Worker threads for CPU backends; 0 = all.</param>
    /// <param name="note">Set when the choice differs from the request (e.g. auto fell back to SIMD), for reports.</param>
    /// <exception cref="BackendUnavailableException">Unknown name, or "opencl" without a runtime or device (exit 4).</exception>
    public static IComputeBackend Create(string name, int threads, out string? note)
    {
        note = null;
        switch (name.ToLowerInvariant())
        {
            case "scalar":
                return new ScalarBackend();
            case "simd":
                return new SimdBackend(threads);
            case "opencl":
                // WDNACCEL_OPENCL_DEVICE picks the device (gpu|cpu|index|name substring); default: first GPU, else first device.
                return new OpenClBackend(OpenClOptions.FromEnvironment());
            case "auto":
                return CreateAuto(threads, out note);
            default:
                throw new BackendUnavailableException($"unknown backend '{name}'; expected one of {string.Join(", ", Names)}");
        }
    }

    /// <summary>
    /// DESIGN.md section 4: auto takes a GPU when present, else SIMD. A CPU OpenCL device (PoCL) is not
    /// chosen by auto: on the CPU the SIMD backend is the faster path.
    /// </summary>
    private static IComputeBackend CreateAuto(int threads, out string? note)
    {
        var devices = OpenClRuntime.TryGetDevices(out var reason);
        var gpu = devices.FirstOrDefault(d => d.Kind == ClDeviceKind.Gpu);
        if (gpu is not null)
        {
            try
            {
                var backend = new OpenClBackend(new OpenClOptions { Index = gpu.Index });
                note = $"auto: using OpenCL GPU {gpu.Name}";
                return backend;
            }
            catch (Exception e) when (e is BackendUnavailableException or OpenClException)
            {
                reason = $"OpenCL GPU {gpu.Name} could not be opened: {e.Message}";
            }
        }
        reason ??= devices.Count > 0 ? $"no OpenCL GPU device (found: {string.Join("; ", devices)})" : "no OpenCL device";
        note = $"auto: {reason}; using simd";
        return new SimdBackend(threads);
    }
}
