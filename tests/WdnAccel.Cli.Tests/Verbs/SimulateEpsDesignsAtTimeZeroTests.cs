using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `simulate NET --eps-designs … --duration 0`: designs of a network the batched snapshot solver does not model (here
/// two PRVs, one of them CLOSED, and a PSV) run at time zero alone on the extended-period engine, and each reports what
/// the same design, written into the .inp and solved alone by plain `simulate`, reports. `--random-designs` on such a
/// network is refused with a message that names this way.
/// </summary>
public class SimulateEpsDesignsAtTimeZeroTests
{
    private static string Valves => RepoPaths.EpsNetwork("VALVES_PRV_PSV.inp");

    // Diameters in mm (the network is in LPS); "tight" starves the zones behind the valves.
    private const string Csv = "id,P1,P2,P3,P4,P8\nwide,400,300,250,150,250\ntight,150,100,80,50,100\n";

    private static readonly Dictionary<string, Dictionary<string, double>> Designs = new()
    {
        ["wide"] = new() { ["P1"] = 400, ["P2"] = 300, ["P3"] = 250, ["P4"] = 150, ["P8"] = 250 },
        ["tight"] = new() { ["P1"] = 150, ["P2"] = 100, ["P3"] = 80, ["P4"] = 50, ["P8"] = 100 },
    };

    private static string Write(string name, string text)
    {
        string path = Path.Combine(CliRunner.TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The valve network with the [PIPES] diameters of <paramref name="design"/> (mm) written in.</summary>
    private static string Edited(Dictionary<string, double> design) => InpPipeDiameters.Write(Valves, design, "valves-edited.inp");

    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    /// <summary>The lowest junction pressure of plain `simulate --duration 0` (a snapshot by the extended-period engine), and where.</summary>
    private static (double Pressure, string Node) LowestJunctionPressure(string inp)
    {
        var step = Json("simulate", inp, "--duration", "0", "--json").GetProperty("steps")[0];
        return step.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("type").GetString() == "junction")
            .Select(n => (n.GetProperty("pressure").GetDouble(), n.GetProperty("id").GetString()!))
            .MinBy(x => x.Item1);
    }

    [Theory]
    [InlineData("--threaded")]
    [InlineData("--backend", "simd")]
    public void Each_design_at_time_zero_reports_the_lowest_pressure_of_that_design_solved_alone(params string[] path)
    {
        string csv = Write("valve-designs.csv", Csv);
        var report = Json(["simulate", Valves, "--duration", "0", "--eps-designs", csv, "--min-pressure", "20", "--json", .. path]);
        // Asked for lanes, the runs still go to threads, and the report says why: the lanes do not model valves.
        Assert.Equal("threaded", report.GetProperty("path").GetString());
        if (path[0] == "--backend") Assert.Contains(report.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("does not model 3 valve(s)"));
        Assert.Equal(1, report.GetProperty("periods_per_design").GetInt32());
        Assert.Equal(0, report.GetProperty("candidate_hours").GetDouble());
        Assert.True(report.GetProperty("runs_per_second").GetDouble() > 0);
        var candidates = report.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(2, candidates.Length);
        var lowest = new List<double>();
        foreach (var c in candidates)
        {
            string id = c.GetProperty("id").GetString()!;
            var (pressure, node) = LowestJunctionPressure(Edited(Designs[id]));
            Assert.Equal(pressure, c.GetProperty("min_pressure").GetDouble(), 6);
            Assert.Equal(node, c.GetProperty("min_pressure_node").GetString());
            Assert.Equal(0, c.GetProperty("min_pressure_time").GetInt64());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("energy_cost_per_day").ValueKind);
            Assert.Equal(pressure >= 20, c.GetProperty("feasible").GetBoolean());
            lowest.Add(pressure);
        }
        // The two designs differ where it matters: the wide one holds 20 m, the tight one does not.
        Assert.True(lowest[0] >= 20 && lowest[1] < 20, $"lowest pressures {lowest[0]} and {lowest[1]}");
    }

    [Fact]
    public void Random_designs_at_time_zero_say_so_and_rank_by_lowest_pressure_without_prices()
    {
        var r = CliRunner.Run("simulate", Valves, "--duration", "0", "--eps-designs", "12", "--catalog", "0.1,0.2,0.3", "--min-pressure", "10", "--seed", "3");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("12 random catalog designs of 8 pipes (seed 3, at time zero)", r.Out);
        Assert.Matches(@"= \d+ designs/s", r.Out);
        Assert.Contains("designs ranked by their lowest pressure", r.Out);
        Assert.DoesNotContain("/day", r.Out);
        var listed = Regex.Matches(r.Out, @"^    #\d+: (-?[\d.]+) m at ", RegexOptions.Multiline).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.NotEmpty(listed);
        Assert.Equal(listed.OrderByDescending(p => p), listed);
    }

    [Fact]
    public void Random_designs_of_a_valve_network_run_in_the_batched_snapshot_solver_alike_on_scalar_and_simd()
    {
        int Feasible(string backend, out string method)
        {
            var r = CliRunner.Run("simulate", Valves, "--duration", "0", "--random-designs", "60", "--catalog", "0.1,0.15,0.2", "--min-pressure", "25", "--seed", "5", "--backend", backend, "--json");
            Assert.True(r.ExitCode == 0, r.Error);
            using var doc = System.Text.Json.JsonDocument.Parse(r.Out);
            Assert.Equal(0, doc.RootElement.GetProperty("failed_designs").GetInt32());
            method = doc.RootElement.GetProperty("hydraulic_method").GetString()!;
            return doc.RootElement.GetProperty("feasible").GetInt32();
        }
        int scalar = Feasible("scalar", out _), simd = Feasible("simd", out string simdMethod);
        Assert.Equal(scalar, simd);
        // The PRV and PSV decide: some designs hold 25 m everywhere, others do not.
        Assert.InRange(scalar, 1, 59);
        Assert.Contains("lane by lane", simdMethod);
    }
}
