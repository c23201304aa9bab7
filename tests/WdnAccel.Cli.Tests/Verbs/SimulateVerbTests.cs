using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Cli.Verbs;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>`wdnaccel simulate`: results against EPANET's (data/reference/HAN.json, epanet-js), the JSON contract, bad input.</summary>
public class SimulateVerbTests
{
    private static string Hanoi => CliRunner.Data("networks", "HAN.inp");

    private static string WriteDesign(string json)
    {
        string file = Path.Combine(CliRunner.TempDir(), "design.json");
        File.WriteAllText(file, json);
        return file;
    }

    /// <summary>Every Hanoi pipe at 40 in (1.016 m): EPANET's "uniform" reference case.</summary>
    private static string UniformHanoiDesign() =>
        WriteDesign("{" + string.Join(",", Enumerable.Range(1, 34).Select(i => $"\"{i}\": 1.016")) + "}");

    [Theory]
    [InlineData("simd")]
    [InlineData("scalar")]
    public void Json_matches_EPANET_pressures_and_flows_for_Hanoi(string backend)
    {
        var r = CliRunner.Run("simulate", Hanoi, "--design", UniformHanoiDesign(), "--backend", backend, "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.True(doc.GetProperty("converged").GetBoolean());
        Assert.True(doc.GetProperty("iterations").GetInt32() >= 1);
        Assert.Equal(HydraulicOptions.EpanetOmega, doc.GetProperty("omega").GetDouble(), 12);
        var reference = JsonDocument.Parse(File.ReadAllText(CliRunner.Data("reference", "HAN.json"))).RootElement
            .GetProperty("cases").EnumerateArray().First(c => c.GetProperty("design").GetString() == "uniform");
        var ours = doc.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);
        foreach (var node in reference.GetProperty("nodes").EnumerateArray())
        {
            var mine = ours[node.GetProperty("id").GetString()!];
            Assert.True(Math.Abs(mine.GetProperty("pressure").GetDouble() - node.GetProperty("pressure").GetDouble()) <= 0.001);
            Assert.True(Math.Abs(mine.GetProperty("demand").GetDouble() - node.GetProperty("demand").GetDouble()) <= 1e-9);
            Assert.True(mine.TryGetProperty("head", out _));
        }
        var links = doc.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("id").GetString()!);
        foreach (var link in reference.GetProperty("links").EnumerateArray())
        {
            var mine = links[link.GetProperty("id").GetString()!];
            double q = link.GetProperty("flow").GetDouble();
            Assert.True(Math.Abs(mine.GetProperty("flow").GetDouble() - q) <= 1e-4 * Math.Abs(q) + 1e-9);
            // v = 4Q/(πD²) at D = 1.016 m; Re = |v|·D/ν with ν = 1.004e-6 m²/s, classes of the three 11-node layouts study.
            Assert.Equal(4 * q / (Math.PI * 1.016 * 1.016), mine.GetProperty("velocity").GetDouble(), 4);
            Assert.True(mine.TryGetProperty("headloss", out _));
            double re = 4 * Math.Abs(q) / (Math.PI * 1.016 * 1.004e-6);
            string regime = re < 2000 ? "laminar" : re < 4000 ? "transitional" : "turbulent";
            if (Math.Abs(re - 2000) > 5 && Math.Abs(re - 4000) > 5) Assert.Equal(regime, mine.GetProperty("regime").GetString());
        }
    }

    [Fact]
    public void Negative_thread_count_is_an_input_error()
    {
        var r = CliRunner.Run("simulate", Hanoi, "--threads", "-5");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--threads'", r.Error);
    }

    [Fact]
    public void Batch_beyond_what_an_array_can_hold_is_a_clear_input_error()
    {
        var r = CliRunner.Run("simulate", CliRunner.Data("scenarios", "HAN.wdn"), "--random-designs", "2000000000", "--batch", "2000000000");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--batch'", r.Error);
        Assert.Contains("at most 63,161,282", r.Error); // Array.MaxLength / 34 links of Hanoi
        Assert.DoesNotContain("internal error", r.Error);
    }

    [Fact]
    public void Batch_beyond_what_memory_can_hold_is_a_clear_input_error_with_the_lanes_that_fit()
    {
        // 50 million Hanoi lanes fit .NET arrays (63 million) but not this machine's memory (about 1 KB a lane).
        var r = CliRunner.Run("simulate", CliRunner.Data("scenarios", "HAN.wdn"), "--random-designs", "50000000", "--batch", "50000000");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--batch'", r.Error);
        Assert.Contains("fit in this process's memory: try --batch", r.Error);
        Assert.DoesNotContain("internal error", r.Error);
    }

    [Fact]
    public void Placeholder_diameters_and_negative_pressures_are_warned_about()
    {
        // The bundled design scenario carries the benchmark's 0.1 µm placeholder sizes: heads "converge" to −10³⁴ m.
        var r = CliRunner.Run("simulate", CliRunner.Data("scenarios", "HAN.wdn"), "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("warning: pipe diameter of 1 mm or less: 1, 2, 3, 4, 5, … (34 pipes)", r.Error);
        Assert.Contains("pass --design", r.Error);
        Assert.Contains("warning: negative pressures at 31 junction(s)", r.Error);
        JsonDocument.Parse(r.Out); // stdout stays pure JSON

        var sized = CliRunner.Run("simulate", CliRunner.Data("scenarios", "HAN.wdn"), "--design", UniformHanoiDesign());
        Assert.Equal(0, sized.ExitCode);
        Assert.DoesNotContain("warning:", sized.Error);
    }

    [Fact]
    public void Text_output_names_nodes_and_status()
    {
        var r = CliRunner.Run("simulate", Hanoi, "--design", UniformHanoiDesign());
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("converged after", r.Out);
        Assert.Contains("pressure", r.Out);
    }

    [Theory]
    [InlineData("{\"999\": 0.5}", "unknown pipe '999'")]
    [InlineData("{\"1\": \"wide\"}", "must be a number")]
    [InlineData("{\"1\": -0.5}", "must be >= 0")]
    [InlineData("[0.5]", "expected an object")]
    [InlineData("{\"1\": 0.5", "not valid JSON")]
    public void Bad_design_files_exit_2_with_the_problem(string json, string expected)
    {
        var r = CliRunner.Run("simulate", Hanoi, "--design", WriteDesign(json), "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
    }

    [Fact]
    public void Missing_design_file_and_unknown_case_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("simulate", Hanoi, "--design", "/nonexistent/d.json").ExitCode);
        var r = CliRunner.Run("simulate", Hanoi, "--case", "peak");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown demand case 'peak'", r.Error);
    }

    [Fact]
    public void Disconnected_junction_is_bad_input()
    {
        string file = Path.Combine(CliRunner.TempDir(), "island.inp");
        File.WriteAllText(file, "[JUNCTIONS]\n J1 0 1\n J2 0 1\n J3 0 1\n[RESERVOIRS]\n R 50\n[PIPES]\n P1 R J1 100 200 120\n P2 J2 J3 100 200 120\n[OPTIONS]\n Units LPS\n[END]\n");
        var r = CliRunner.Run("simulate", file, "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("J2", r.Error);
    }

    [Fact]
    public void Random_designs_need_a_catalog()
    {
        var r = CliRunner.Run("simulate", Hanoi, "--random-designs", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("design block", r.Error);
        Assert.Equal(2, CliRunner.Run("simulate", Hanoi, "--random-designs", "10", "--catalog", "0.3,abc").ExitCode);
    }

    [Fact]
    public void Random_designs_json_reports_throughput_keys()
    {
        var r = CliRunner.Run("simulate", Hanoi, "--random-designs", "50", "--seed", "7", "--catalog", "0.3048,0.4064,0.508,0.6096,0.762,1.016",
            "--min-pressure", "30", "--backend", "simd", "--threads", "2", "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(50, doc.GetProperty("solves").GetInt64());
        Assert.True(doc.GetProperty("seconds").GetDouble() > 0);
        Assert.True(doc.GetProperty("solves_per_second").GetDouble() > 0);
        Assert.InRange(doc.GetProperty("feasible").GetInt64(), 0, 50);
        Assert.Equal("simd", doc.GetProperty("backend").GetString());
        Assert.Equal(2, doc.GetProperty("threads").GetInt32());
    }

    [Fact]
    public void Random_designs_state_their_seed_and_report_progress_on_stderr_only()
    {
        string catalog = "0.3048,0.4064,0.508,0.6096,0.762,1.016";
        // No --seed: the text must name the default, so that the run can be repeated from its report.
        var plain = CliRunner.Run("simulate", Hanoi, "--random-designs", "300", "--catalog", catalog, "--batch", "64", "--backend", "simd");
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("300 random designs (seed 1)", plain.Out);
        var seeded = CliRunner.Run("simulate", Hanoi, "--random-designs", "300", "--seed", "9", "--catalog", catalog, "--batch", "64", "--backend", "simd", "--json");
        Assert.Equal(0, seeded.ExitCode);
        Assert.Equal(9, JsonDocument.Parse(seeded.Out).RootElement.GetProperty("seed").GetInt32()); // stdout is the JSON alone
        // To a file or pipe the count ends with one plain line of all the designs, never a carriage return.
        Assert.Contains("random designs: 300/300", seeded.Error);
        Assert.DoesNotContain("\r", seeded.Error);
    }

    [Fact]
    public void Random_design_progress_counts_every_design_once_whatever_the_threads()
    {
        var network = ScenarioFile.Load(Hanoi).Scenario.Network;
        var design = new DesignSpec { Catalog = [new CatalogEntry(0.6096, 1), new CatalogEntry(1.016, 2)], DecisionPipes = network.Pipes.Select(p => p.Id).ToList(), MinPressure = 30 };
        var reports = new System.Collections.Concurrent.ConcurrentBag<int>();
        var run = WdnAccel.Core.Problems.RandomDesignThroughput.Run(CompiledNetwork.Compile(network, design), design, 101, 3, 10, new SimdBackend(2), new Collect(reports));
        Assert.Equal(101, run.Designs);
        // 11 batches (ten of 10, one of 1): one report each, the running total, the largest all 101.
        Assert.Equal(11, reports.Count);
        Assert.Equal(101, reports.Max());
        Assert.Equal(11, reports.Distinct().Count());
    }

    private sealed class Collect(System.Collections.Concurrent.ConcurrentBag<int> into) : IProgress<int>
    {
        public void Report(int value) => into.Add(value);
    }

    [Fact]
    public void Feasible_share_follows_EPANET_pressures()
    {
        // EPANET: all pipes at 40 in give min pressure 49.6 m (feasible at 30 m); at 12 in, pressures are deeply negative.
        var network = ScenarioFile.Load(Hanoi).Scenario.Network;
        var pipes = network.Pipes.Select(p => p.Id).ToList();
        var large = new DesignSpec { Catalog = [new CatalogEntry(1.016, 1)], DecisionPipes = pipes, MinPressure = 30 };
        var small = large with { Catalog = [new CatalogEntry(0.3048, 1)] };
        var backend = new SimdBackend(2);
        var runLarge = WdnAccel.Core.Problems.RandomDesignThroughput.Run(CompiledNetwork.Compile(network, large), large, 37, 1, 16, backend);
        var runSmall = WdnAccel.Core.Problems.RandomDesignThroughput.Run(CompiledNetwork.Compile(network, small), small, 37, 1, 16, backend);
        Assert.Equal(37, runLarge.Feasible);
        Assert.Equal(0, runSmall.Feasible);
        Assert.Equal(37, runSmall.Solves);
        // 49.6 m minimum: a 50 m requirement is missed.
        var strict = large with { MinPressure = 50 };
        Assert.Equal(0, WdnAccel.Core.Problems.RandomDesignThroughput.Run(CompiledNetwork.Compile(network, strict), strict, 5, 1, 5, backend).Feasible);
    }
}
