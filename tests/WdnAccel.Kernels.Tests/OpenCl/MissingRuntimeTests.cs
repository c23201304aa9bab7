using WdnAccel.Core.Compute;
using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>
/// No OpenCL library: every entry point fails with <see cref="BackendUnavailableException"/> (CLI exit 4) and
/// install advice; auto falls back to SIMD and says why. Simulated with WDNACCEL_OPENCL_LIBRARY pointing at a
/// library that does not exist; run outside the parallel tests because it changes the process environment.
/// </summary>
[Collection(nameof(OpenClEnvironmentCollection))]
public sealed class MissingRuntimeTests
{
    private const string Missing = "libWdnAccelNoSuchOpenCL.so.9";

    [Fact]
    public void A_missing_library_is_backend_unavailable_naming_what_to_install()
    {
        using var missing = new LibraryOverride(Missing);
        var e = Assert.Throws<BackendUnavailableException>(() => OpenClRuntime.GetPlatforms());
        Assert.Contains(Missing, e.Message);
        Assert.Contains("apt-get install pocl-opencl-icd ocl-icd-libopencl1", e.Message);
        Assert.Throws<BackendUnavailableException>(() => new OpenClBackend());
        Assert.Throws<BackendUnavailableException>(() => BackendFactory.Create("opencl", 1, out _));
    }

    [Fact]
    public void TryGetDevices_reports_the_reason_instead_of_throwing()
    {
        using var missing = new LibraryOverride(Missing);
        var devices = OpenClRuntime.TryGetDevices(out var reason);
        Assert.Empty(devices);
        Assert.Contains("no OpenCL runtime", reason);
    }

    [Fact]
    public void Auto_falls_back_to_simd_and_says_so()
    {
        using var missing = new LibraryOverride(Missing);
        using var backend = BackendFactory.Create("auto", 1, out var note);
        Assert.Equal("simd", backend.Name);
        Assert.NotNull(note);
        Assert.Contains("using simd", note);
        Assert.Contains("no OpenCL runtime", note);
    }

    [OpenClFact]
    public void Auto_takes_a_gpu_only_and_opencl_opens_the_device()
    {
        var devices = OpenClRuntime.GetDevices();
        using (var auto = BackendFactory.Create("auto", 1, out var note))
        {
            bool hasGpu = devices.Any(d => d.Kind == ClDeviceKind.Gpu);
            Assert.Equal(hasGpu ? "opencl" : "simd", auto.Name);
            Assert.NotNull(note);
        }
        using var opencl = BackendFactory.Create("opencl", 1, out var none);
        Assert.Equal("opencl", opencl.Name);
        Assert.Null(none);
        Assert.Contains(((OpenClBackend)opencl).Device.Name, opencl.Description);
    }

    /// <summary>Sets WDNACCEL_OPENCL_LIBRARY for one test and restores it.</summary>
    private sealed class LibraryOverride : IDisposable
    {
        private readonly string? _previous = Environment.GetEnvironmentVariable(OpenClRuntime.LibraryVariable);

        public LibraryOverride(string library) => Environment.SetEnvironmentVariable(OpenClRuntime.LibraryVariable, library);

        public void Dispose() => Environment.SetEnvironmentVariable(OpenClRuntime.LibraryVariable, _previous);
    }
}
