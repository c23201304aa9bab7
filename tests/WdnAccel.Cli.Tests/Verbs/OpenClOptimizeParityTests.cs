using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// Issue 7: a full `optimize` on TLN with `--backend opencl` (Device/gga.cl on PoCL in CI) reaches the same best cost,
/// design and evaluation of the best as `--backend simd` and as the scalar oracle for the same seed — exact equality,
/// since every optimizer decision compares fitness values computed from the heads.
/// Caveat found while writing this: designs with a 1-inch main (heads of −9e6 m) are so ill-conditioned that heads
/// carry ~1e-8 relative round-off, and DE compares two such infeasible designs by penalties ~5e7 that differ by less
/// than that. Seed 3 hits one (generation 2): the SIMD path (vector exp/log, multiply-by-reciprocal Cholesky) keeps the
/// other design and ends at 473,000 where the scalar oracle and the OpenCL kernel (same operation order, no FMA
/// contraction) end at 463,000. So seed 3 is checked against the scalar oracle, seed 1 against both.
/// </summary>
public sealed class OpenClOptimizeParityTests
{
    /// <summary>Runs when an OpenCL runtime with a device exists; skipped with the reason otherwise.</summary>
    internal sealed class OpenClFactAttribute : FactAttribute
    {
        public OpenClFactAttribute()
        {
            if (OpenClRuntime.TryGetDevices(out var reason).Count == 0)
            {
                Skip = $"no OpenCL runtime/device ({reason}); OpenCL optimize parity skipped";
                Console.Error.WriteLine(Skip);
            }
        }
    }

    private static JsonElement Optimize(string backend, int seed)
    {
        var r = CliRunner.Run("optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "de", "--evaluations", "4000",
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--backend", backend, "--json");
        Assert.True(r.ExitCode == 0, $"{backend}: exit {r.ExitCode}: {r.Error}");
        return JsonDocument.Parse(r.Out).RootElement;
    }

    private static void AssertSameOutcome(JsonElement expected, JsonElement opencl)
    {
        Assert.Equal(expected.GetProperty("best_cost").GetDouble(), opencl.GetProperty("best_cost").GetDouble());
        Assert.Equal(expected.GetProperty("evaluations_to_best").GetInt64(), opencl.GetProperty("evaluations_to_best").GetInt64());
        Assert.Equal(expected.GetProperty("feasible").GetBoolean(), opencl.GetProperty("feasible").GetBoolean());
        var a = expected.GetProperty("design").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var b = opencl.GetProperty("design").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(a, b);
        // The reported pressures come from the backends' own solves: equal to round-off (the GGA parity tolerance).
        double ma = expected.GetProperty("min_pressure_margin").GetDouble(), mb = opencl.GetProperty("min_pressure_margin").GetDouble();
        Assert.True(Math.Abs(ma - mb) <= 1e-7 * Math.Abs(ma) + 1e-6, $"min pressure margin {mb:R} vs {ma:R}");
    }

    [OpenClFact]
    public void Tln_seed_1_reaches_the_simd_and_scalar_best_cost_and_design()
    {
        var opencl = Optimize("opencl", 1);
        Assert.Equal("opencl", opencl.GetProperty("backend").GetString());
        Assert.Contains("GGA on the device", opencl.GetProperty("backend_description").GetString());
        AssertSameOutcome(Optimize("simd", 1), opencl);
        AssertSameOutcome(Optimize("scalar", 1), opencl);
    }

    [OpenClFact]
    public void Tln_seed_3_follows_the_scalar_oracle_through_an_ill_conditioned_comparison()
    {
        AssertSameOutcome(Optimize("scalar", 3), Optimize("opencl", 3));
    }
}
