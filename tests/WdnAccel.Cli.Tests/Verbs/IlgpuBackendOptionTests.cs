using System.Globalization;
using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `--backend cuda|opencl|ilgpu-cpu|auto` through real verbs. The ILGPU CPU accelerator runs the GPU kernels (the
/// one-source GGA, the limits kernel) on host threads: its random-design counts and optimizer runs must equal the SIMD
/// and scalar backends'. Without a GPU, cuda and opencl exit 4 with one line and auto says it fell back to simd; a
/// name that is no backend exits 2.
/// </summary>
[Collection(nameof(DevicesVerbCollection))]
public sealed class IlgpuBackendOptionTests
{
    private static JsonElement Json(CliRunner.Result r, string what)
    {
        Assert.True(r.ExitCode == 0, $"{what}: exit {r.ExitCode}: {r.Error}");
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Theory]
    [InlineData("HAN.wdn", 2000)]
    [InlineData("TLN.wdn", 2000)]
    public void Random_designs_on_the_cpu_accelerator_count_the_same_feasible_designs_as_simd(string scenario, int designs)
    {
        string n = designs.ToString(CultureInfo.InvariantCulture);
        // The GPU kernels in both forms of the Newton step (loop-flow form by default on these networks), then simd and scalar.
        var results = new[] { ("ilgpu-cpu", "auto"), ("ilgpu-cpu", "junctions"), ("simd", "auto"), ("scalar", "auto") }
            .Select(b => Json(CliRunner.Run("simulate", CliRunner.Data("scenarios", scenario), "--random-designs", n, "--seed", "7", "--backend", b.Item1,
                "--newton-steps", b.Item2, "--json"), $"{b.Item1} {b.Item2}"))
            .ToArray();
        Assert.Equal("ilgpu-cpu", results[0].GetProperty("backend").GetString());
        Assert.StartsWith("GGA steps in loop-flow form", results[0].GetProperty("hydraulic_method").GetString());
        Assert.Equal("GGA over the junctions, one lane per thread", results[1].GetProperty("hydraulic_method").GetString());
        Assert.Contains("ILGPU CPU accelerator", results[0].GetProperty("backend_description").GetString());
        foreach (var other in results[1..])
        {
            Assert.Equal(other.GetProperty("feasible").GetInt64(), results[0].GetProperty("feasible").GetInt64());
            Assert.Equal(other.GetProperty("failed_designs").GetInt64(), results[0].GetProperty("failed_designs").GetInt64());
            Assert.Equal(designs, results[0].GetProperty("solves").GetInt64());
        }
        if (scenario == "TLN.wdn") Assert.True(results[0].GetProperty("feasible").GetInt64() > 0, "TLN's random designs include feasible ones");
    }

    private static JsonElement Optimize(string scenario, string backend, int seed, int evaluations) =>
        Json(CliRunner.Run("optimize", CliRunner.Data("scenarios", scenario), "--algorithm", "de", "--evaluations", evaluations.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--backend", backend, "--no-refine", "--json"), backend);

    private static void AssertSameOutcome(JsonElement expected, JsonElement actual, bool exactPressures)
    {
        Assert.Equal(expected.GetProperty("best_cost").GetDouble(), actual.GetProperty("best_cost").GetDouble());
        Assert.Equal(expected.GetProperty("evaluations_to_best").GetInt64(), actual.GetProperty("evaluations_to_best").GetInt64());
        Assert.Equal(expected.GetProperty("feasible").GetBoolean(), actual.GetProperty("feasible").GetBoolean());
        var a = expected.GetProperty("design").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var b = actual.GetProperty("design").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(a, b);
        double ma = expected.GetProperty("min_pressure_margin").GetDouble(), mb = actual.GetProperty("min_pressure_margin").GetDouble();
        if (exactPressures) Assert.Equal(ma, mb);
        else Assert.True(Math.Abs(ma - mb) <= 1e-7 * Math.Abs(ma) + 1e-6, $"min pressure margin {mb:R} vs {ma:R}");
    }

    /// <summary>
    /// Hanoi, seed 7, 10,000 evaluations of DE, and two-loop, seed 1: the same best design on the CPU accelerator (the
    /// GPU kernels with their own pow) as on SIMD and scalar. Pressures agree to round-off.
    /// </summary>
    [Fact]
    public void Optimize_on_the_cpu_accelerator_reaches_the_same_best_design()
    {
        var gpuKernels = Optimize("HAN.wdn", "ilgpu-cpu", 7, 10_000);
        Assert.True(gpuKernels.GetProperty("feasible").GetBoolean());
        Assert.Equal("ilgpu-cpu", gpuKernels.GetProperty("backend").GetString());
        AssertSameOutcome(Optimize("HAN.wdn", "simd", 7, 10_000), gpuKernels, exactPressures: false);
        AssertSameOutcome(Optimize("HAN.wdn", "scalar", 7, 10_000), gpuKernels, exactPressures: false);
        AssertSameOutcome(Optimize("TLN.wdn", "scalar", 1, 4_000), Optimize("TLN.wdn", "ilgpu-cpu", 1, 4_000), exactPressures: false);
    }

    [Fact]
    public void Without_a_gpu_cuda_and_opencl_exit_4_with_one_line_auto_falls_back_to_simd_and_an_unknown_name_exits_2()
    {
        var devices = IlgpuDevices.List();
        string hanoi = CliRunner.Data("scenarios", "HAN.wdn");
        if (!devices.Any(d => d.Kind == IlgpuDeviceKind.Cuda))
        {
            var cuda = CliRunner.Run("simulate", hanoi, "--random-designs", "10", "--backend", "cuda", "--json");
            Assert.Equal(4, cuda.ExitCode);
            Assert.Equal("", cuda.Out);
            Assert.Single(cuda.Error.Trim().Split('\n'));
            Assert.Contains("no CUDA device", cuda.Error);
        }
        if (!devices.Any(d => d.Kind == IlgpuDeviceKind.OpenCL))
        {
            var opencl = CliRunner.Run("simulate", hanoi, "--random-designs", "10", "--backend", "opencl");
            Assert.Equal(4, opencl.ExitCode);
            Assert.Contains("OpenCL", opencl.Error);
        }
        if (devices.All(d => d.Kind == IlgpuDeviceKind.Cpu))
        {
            var auto = Json(CliRunner.Run("simulate", hanoi, "--random-designs", "10", "--backend", "auto", "--json"), "auto");
            Assert.Equal("simd", auto.GetProperty("backend").GetString());
        }
        // A name that is no backend is a usage error (2), not a backend this machine lacks (4).
        var unknown = CliRunner.Run("simulate", hanoi, "--backend", "gpu");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("field '--backend'", unknown.Error);
        Assert.Contains("ilgpu-cpu", unknown.Error);
    }
}
