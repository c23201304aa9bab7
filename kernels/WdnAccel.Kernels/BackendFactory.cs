using WdnAccel.Core.Compute;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels;

/// <summary>Creates a backend by its CLI name (`--backend auto|scalar|simd|opencl`).</summary>
public static class BackendFactory
{
    public static readonly string[] Names = ["auto", "scalar", "simd"];

    /// <param name="name">Backend name; "auto" picks a GPU when one exists, else SIMD.</param>
    /// <param name="threads">Worker threads for CPU backends; 0 = all.</param>
    /// <param name="note">Set when the choice differs from the request (e.g. auto fell back to SIMD), for reports.</param>
    public static IComputeBackend Create(string name, int threads, out string? note)
    {
        note = null;
        switch (name.ToLowerInvariant())
        {
            case "scalar":
                return new ScalarBackend();
            case "simd":
                return new SimdBackend(threads);
            case "auto":
                note = "auto: no GPU backend is built in yet; using simd";
                return new SimdBackend(threads);
            default:
                throw new BackendUnavailableException($"unknown backend '{name}'; expected one of {string.Join(", ", Names)}");
        }
    }
}
