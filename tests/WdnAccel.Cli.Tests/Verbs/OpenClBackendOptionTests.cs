using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `--backend opencl|auto` through a real verb (simulate on Hanoi): exit 4 with install advice without a runtime,
/// auto falls back to simd and says so on stderr; with a runtime, opencl runs and matches simd.
/// In the non-parallel collection because it changes WDNACCEL_OPENCL_LIBRARY.
/// </summary>
[Collection(nameof(DevicesVerbCollection))]
public sealed class OpenClBackendOptionTests
{
    private static string Hanoi => CliRunner.Data("networks", "HAN.inp");

    [Fact]
    public void Without_a_runtime_opencl_exits_4_and_auto_falls_back_to_simd()
    {
        var previous = Environment.GetEnvironmentVariable(OpenClRuntime.LibraryVariable);
        Environment.SetEnvironmentVariable(OpenClRuntime.LibraryVariable, "libWdnAccelNoSuchOpenCL.so.9");
        try
        {
            var opencl = CliRunner.Run("simulate", Hanoi, "--backend", "opencl", "--json");
            Assert.Equal(4, opencl.ExitCode);
            Assert.Contains("apt-get install pocl-opencl-icd ocl-icd-libopencl1", opencl.Error);
            Assert.Equal("", opencl.Out);

            var auto = CliRunner.Run("simulate", Hanoi, "--backend", "auto", "--json");
            Assert.Equal(0, auto.ExitCode);
            Assert.Contains("auto: no OpenCL runtime", auto.Error);
            Assert.Contains("using simd", auto.Error);
        }
        finally
        {
            Environment.SetEnvironmentVariable(OpenClRuntime.LibraryVariable, previous);
        }
    }

    [Fact]
    public void With_a_runtime_opencl_runs_and_matches_simd()
    {
        if (OpenClRuntime.TryGetDevices(out _).Count == 0)
        {
            // No runtime on this machine: the backend must refuse cleanly instead.
            Assert.Equal(4, CliRunner.Run("simulate", Hanoi, "--backend", "opencl").ExitCode);
            return;
        }
        var opencl = CliRunner.Run("simulate", Hanoi, "--backend", "opencl", "--json");
        var simd = CliRunner.Run("simulate", Hanoi, "--backend", "simd", "--json");
        Assert.Equal(0, opencl.ExitCode);
        Assert.Equal(0, simd.ExitCode);
        var a = JsonDocument.Parse(opencl.Out).RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("head").GetDouble()).ToArray();
        var b = JsonDocument.Parse(simd.Out).RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("head").GetDouble()).ToArray();
        Assert.Equal(b.Length, a.Length);
        // Since gga.cl (issue 7) the OpenCL heads come from the device, not the SIMD path: equal within the GGA parity
        // tolerance (1e-7 relative + 1e-6 m; HAN.inp's placeholder diameters give heads of −1e34 m).
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= 1e-7 * Math.Abs(b[i]) + 1e-6, $"node {i}: {a[i]:R} vs simd {b[i]:R}");
    }
}
