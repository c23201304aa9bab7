using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>`bench --hydraulics N`: hydraulic throughput per problem on the same random designs `simulate --random-designs` solves.</summary>
[Collection(nameof(EpanetTempFileCollection))]
public class BenchHydraulicsTests
{
    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void It_solves_the_designs_simulate_solves_on_all_threads_and_on_one()
    {
        var bench = Json("bench", "--problems", "TLN,HAN", "--hydraulics", "700", "--seed-start", "5", "--backend", "simd", "--threads", "2", "--batch", "64", "--json");
        Assert.Equal("hydraulics", bench.GetProperty("mode").GetString());
        Assert.Equal(5, bench.GetProperty("seed").GetInt32());
        var rows = bench.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["TLN", "HAN"], rows.Select(r => Path.GetFileNameWithoutExtension(r.GetProperty("file").GetString())));
        // Both are pipes-only networks with few loops: the SIMD solver takes its Newton steps in loop-flow form.
        Assert.Equal(["GGA steps in loop-flow form (2 loops)", "GGA steps in loop-flow form (3 loops)"], rows.Select(r => r.GetProperty("hydraulic_method").GetString()));
        foreach (var row in rows)
        {
            // The scalar oracle on the same seed: the same designs, so the same feasible and failed counts.
            var simulate = Json("simulate", row.GetProperty("file").GetString()!, "--random-designs", "700", "--seed", "5", "--backend", "scalar", "--json");
            Assert.Equal(700, row.GetProperty("designs").GetInt64());
            Assert.Equal(simulate.GetProperty("solves").GetInt64(), row.GetProperty("solves").GetInt64());
            Assert.Equal(simulate.GetProperty("feasible").GetInt64(), row.GetProperty("feasible").GetInt64());
            Assert.Equal(simulate.GetProperty("failed_designs").GetInt64(), row.GetProperty("failed_designs").GetInt64());
            Assert.Equal(2, row.GetProperty("threads").GetInt32());
            double all = row.GetProperty("solves_per_second").GetDouble(), one = row.GetProperty("solves_per_second_one_thread").GetDouble();
            Assert.True(all > 0 && one > 0);
            Assert.Equal(all / one, row.GetProperty("thread_speedup").GetDouble(), 1e-9);
            Assert.False(row.TryGetProperty("epanet", out _));
        }
        Assert.True(rows[0].GetProperty("feasible").GetInt64() > 0, "some random two-loop designs are feasible");
    }

    [Fact]
    public void Newton_steps_over_loops_or_junctions_give_the_same_designs_the_same_verdicts()
    {
        // Two-loop with 25 mm to 600 mm mains: feasible and infeasible designs both occur, so equal counts say something.
        string file = CliRunner.Data("scenarios", "TLN.wdn");
        var loops = Json("simulate", file, "--random-designs", "3000", "--seed", "11", "--backend", "simd", "--newton-steps", "loops", "--json");
        var junctions = Json("simulate", file, "--random-designs", "3000", "--seed", "11", "--backend", "simd", "--newton-steps", "junctions", "--json");
        Assert.Equal("GGA steps in loop-flow form (2 loops)", loops.GetProperty("hydraulic_method").GetString());
        Assert.Equal("GGA over the junctions", junctions.GetProperty("hydraulic_method").GetString());
        Assert.True(loops.GetProperty("feasible").GetInt64() > 0);
        Assert.Equal(junctions.GetProperty("feasible").GetInt64(), loops.GetProperty("feasible").GetInt64());
        Assert.Equal(junctions.GetProperty("failed_designs").GetInt64(), loops.GetProperty("failed_designs").GetInt64());
        Assert.Contains("over the junctions only", junctions.GetProperty("backend_description").GetString());

        var wrong = CliRunner.Run("simulate", file, "--random-designs", "10", "--newton-steps", "cycles");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--newton-steps must be auto, loops or junctions", wrong.Error);
        var scalar = CliRunner.Run("simulate", file, "--random-designs", "10", "--backend", "scalar", "--newton-steps", "loops");
        Assert.Equal(0, scalar.ExitCode);
        Assert.Contains("--newton-steps applies to the simd and GPU backends", scalar.Error);
    }

    [Fact]
    public void A_single_threaded_backend_has_no_one_thread_rerun()
    {
        var row = Json("bench", "--problems", "TLN", "--hydraulics", "50", "--backend", "scalar", "--json").GetProperty("results")[0];
        Assert.Equal(1, row.GetProperty("threads").GetInt32());
        Assert.False(row.TryGetProperty("thread_speedup", out _));
        Assert.Equal("GGA over the junctions", row.GetProperty("hydraulic_method").GetString());
    }

    [Fact]
    public void EPANET_solves_the_first_designs_beside_ours()
    {
        if (SimulateEpanetTests.Stub.Value is not { } stub) return;
        var row = Json("bench", "--problems", "TLN", "--hydraulics", "300", "--backend", "scalar", "--epanet", stub, "--epanet-designs", "120", "--json")
            .GetProperty("results")[0];
        var e = row.GetProperty("epanet");
        Assert.Equal(stub, e.GetProperty("library").GetString());
        Assert.Equal(120, e.GetProperty("designs").GetInt32());
        Assert.Equal("temporary export of the scenario's network", e.GetProperty("inp").GetString());
        double ours = row.GetProperty("solves_per_second").GetDouble();
        Assert.Equal(ours / e.GetProperty("solves_per_second_all_cores").GetDouble(), e.GetProperty("ratio").GetDouble(), 1e-9);
    }

    [Fact]
    public void A_missing_EPANET_library_fails_before_any_solve()
    {
        string missing = Path.Combine(CliRunner.TempDir(), "libepanet2.so");
        var r = CliRunner.Run("bench", "--problems", "TLN", "--hydraulics", "100", "--epanet", missing);
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains(missing, r.Error);
        Assert.DoesNotContain("random designs on", r.Error);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_network_without_a_design_block_is_bad_input_naming_it()
    {
        string inp = CliRunner.Data("networks", "TLN.inp");
        var r = CliRunner.Run("bench", "--problems", inp, "--hydraulics", "10");
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains(inp, r.Error);
        Assert.Contains("design block", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Theory]
    [InlineData("--epanet", "--problems", "TLN", "--epanet", "x.so")]
    [InlineData("--batch", "--problems", "TLN", "--batch", "10")]
    [InlineData("--hydraulics", "--problems", "TLN", "--hydraulics", "0")]
    [InlineData("--epanet-designs", "--problems", "TLN", "--hydraulics", "10", "--epanet", "x.so", "--epanet-designs", "11")]
    [InlineData("--epanet-designs", "--problems", "TLN", "--hydraulics", "10", "--epanet-designs", "5")]
    [InlineData("--batch", "--problems", "TLN", "--hydraulics", "10", "--batch", "0")]
    [InlineData("--seed-start", "--problems", "TLN", "--hydraulics", "10", "--seed-start", "3000000000")]
    public void Option_misuse_is_bad_input_naming_the_option(string option, params string[] args)
    {
        var r = CliRunner.Run(["bench", .. args]);
        Assert.Equal((int)ExitCode.BadInput, r.ExitCode);
        Assert.Contains(option, r.Error);
        Assert.Equal("", r.Out);
    }
}
