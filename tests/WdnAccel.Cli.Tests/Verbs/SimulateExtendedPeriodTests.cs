using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>`wdnaccel simulate` on a network that runs through time: the `steps` contract, overrides, schedules, bad input.</summary>
public class SimulateExtendedPeriodTests
{
    private static string Net1 => CliRunner.Data("networks", "Net1.inp");

    [Fact]
    public void Net1_json_has_every_report_step_with_EPANETs_tank_level_and_pump_energy()
    {
        var r = CliRunner.Run("simulate", Net1, "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        var steps = doc.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(25, steps.Length);
        Assert.Equal(Enumerable.Range(0, 25).Select(h => h * 3600L), steps.Select(s => s.GetProperty("time").GetInt64()));
        var reference = JsonDocument.Parse(File.ReadAllText(CliRunner.Data("reference", "eps", "Net1.json"))).RootElement;
        var refSteps = reference.GetProperty("steps").EnumerateArray().ToArray();
        for (int i = 0; i < steps.Length; i++)
        {
            var tank = steps[i].GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "2");
            var refTank = refSteps[i].GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "2");
            Assert.True(Math.Abs(tank.GetProperty("tank_level").GetDouble() - refTank.GetProperty("tank_level").GetDouble()) <= 1e-3);
            foreach (var node in steps[i].GetProperty("nodes").EnumerateArray())
            {
                foreach (var field in new[] { "id", "head", "pressure", "demand", "quality" }) Assert.True(node.TryGetProperty(field, out _), field);
            }
            var pump = steps[i].GetProperty("links").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "9");
            string refStatus = refSteps[i].GetProperty("links").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "9").GetProperty("status").GetString()!;
            Assert.Equal(refStatus.ToLowerInvariant(), pump.GetProperty("status").GetString());
        }
        var energy = doc.GetProperty("pumps")[0];
        var refEnergy = reference.GetProperty("pumps")[0];
        Assert.Equal(refEnergy.GetProperty("utilization").GetDouble(), energy.GetProperty("utilization").GetDouble(), 3);
        Assert.Equal(refEnergy.GetProperty("average_kw").GetDouble(), energy.GetProperty("average_kw").GetDouble(), 2);
        Assert.Equal(86400, doc.GetProperty("settings").GetProperty("duration").GetDouble());
    }

    /// <summary>
    /// A network with valves and no duration: the batched snapshot solver answers it (it went to the extended-period
    /// engine), and `--duration 0` still runs it through that engine, whose answer has `steps` and, for scripts reading
    /// `simulate --json`'s `nodes` and `links` (velocity, headloss, regime), the same keys at the top as the snapshot.
    /// Either way heads are EPANET 2.2's at time zero (the committed reference), each pipe's velocity is 4Q/(πD²) and its
    /// head loss the head difference EPANET gives, and the valves are in EPANET's states (V1 active, V2 open, V3 closed).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_duration_0_valve_network_answers_in_the_snapshot_shape(bool extendedEngine)
    {
        string source = RepoPaths.EpsNetwork("VALVES_PRV_PSV.inp");
        string file = Path.Combine(CliRunner.TempDir(), "valves.inp");
        File.WriteAllLines(file, File.ReadAllLines(source).Select(l => l.TrimStart().StartsWith("Duration", StringComparison.OrdinalIgnoreCase) ? " Duration 0" : l));
        var r = extendedEngine ? CliRunner.Run("simulate", file, "--duration", "0", "--json") : CliRunner.Run("simulate", file, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(extendedEngine, doc.TryGetProperty("steps", out _));
        var valves = doc.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("id").GetString()!.StartsWith('V'))
            .ToDictionary(l => l.GetProperty("id").GetString()!, l => l.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["V1"] = "active", ["V2"] = "open", ["V3"] = "closed" }, valves);
        Assert.True(doc.GetProperty("converged").GetBoolean());
        Assert.Equal("PRV", doc.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "V1").GetProperty("type").GetString());
        Assert.True(doc.GetProperty("iterations").GetInt32() > 0);
        if (extendedEngine) Assert.Equal(doc.GetProperty("settings").GetProperty("omega").GetDouble(), doc.GetProperty("omega").GetDouble());
        var reference = JsonDocument.Parse(File.ReadAllText(CliRunner.Data("reference", "eps", "VALVES_PRV_PSV.json"))).RootElement.GetProperty("steps")[0];
        var refHead = reference.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("head").GetDouble());
        var head = new Dictionary<string, double>();
        foreach (var n in doc.GetProperty("nodes").EnumerateArray())
        {
            string id = n.GetProperty("id").GetString()!;
            head[id] = n.GetProperty("head").GetDouble();
            Assert.True(Math.Abs(head[id] - refHead[id]) <= 1e-3, $"node {id}: {head[id]} against EPANET's {refHead[id]}");
        }
        if (extendedEngine) Assert.Equal(doc.GetProperty("nodes").GetArrayLength(), doc.GetProperty("steps")[0].GetProperty("nodes").GetArrayLength());
        var pipes = PipeGeometry(source);
        int checkedPipes = 0;
        foreach (var l in doc.GetProperty("links").EnumerateArray())
        {
            string id = l.GetProperty("id").GetString()!;
            if (!pipes.TryGetValue(id, out var pipe)) continue;
            double q = l.GetProperty("flow").GetDouble();
            Assert.Equal(4 * q / (Math.PI * pipe.Diameter * pipe.Diameter), l.GetProperty("velocity").GetDouble(), 9);
            Assert.True(Math.Abs(l.GetProperty("headloss").GetDouble() - (refHead[pipe.From] - refHead[pipe.To])) <= 2e-3, $"pipe {id}");
            Assert.Contains(l.GetProperty("regime").GetString(), new[] { "laminar", "transitional", "turbulent" });
            checkedPipes++;
        }
        Assert.Equal(8, checkedPipes);
    }

    /// <summary>
    /// Both engines name nodes and links alike: the snapshot called a check-valve pipe `cv_pipe` and every reservoir
    /// and tank `fixed_head`, the extended-period engine `pipe_cv`, `reservoir` and `tank`, so a script filtering on
    /// `type` found nothing when the other engine answered. The same network (two reservoirs, two tanks, a
    /// check-valve pipe) through the snapshot (duration 0) and the extended-period engine (1 h).
    /// </summary>
    [Fact]
    public void The_snapshot_and_the_extended_period_engine_give_each_element_the_same_type()
    {
        string source = RepoPaths.EpsNetwork("TANKS.inp");
        string file = Path.Combine(CliRunner.TempDir(), "tanks.inp");
        File.WriteAllLines(file, File.ReadAllLines(source).Select(l => l.TrimStart().StartsWith("Duration", StringComparison.OrdinalIgnoreCase) ? " Duration 0" : l));
        var snapshot = JsonDocument.Parse(CliRunner.Run("simulate", file, "--json").Out).RootElement;
        var eps = JsonDocument.Parse(CliRunner.Run("simulate", file, "--duration", "1", "--json").Out).RootElement;
        Assert.False(snapshot.TryGetProperty("engine", out _));
        Assert.True(eps.TryGetProperty("engine", out _));
        foreach (string kind in new[] { "nodes", "links" })
        {
            var types = Types(snapshot.GetProperty(kind));
            Assert.Equal(types, Types(eps.GetProperty("steps")[0].GetProperty(kind)));
            Assert.Equal(kind == "nodes" ? 9 : 8, types.Count);
        }
        var nodes = Types(snapshot.GetProperty("nodes"));
        Assert.Equal(("reservoir", "tank", "junction"), (nodes["R1"], nodes["T2"], nodes["J5"]));
        var links = Types(snapshot.GetProperty("links"));
        Assert.Equal(("cv_pipe", "pipe"), (links["P7"], links["P1"]));

        static Dictionary<string, string> Types(JsonElement rows) =>
            rows.EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("type").GetString()!);
    }

    /// <summary>[PIPES] of an SI (LPS) file: id → (from, to, diameter in m).</summary>
    private static Dictionary<string, (string From, string To, double Diameter)> PipeGeometry(string inp)
    {
        var pipes = new Dictionary<string, (string, string, double)>();
        bool inPipes = false;
        foreach (string raw in File.ReadAllLines(inp))
        {
            string line = raw.Split(';')[0].Trim();
            if (line.StartsWith('[')) { inPipes = line.Equals("[PIPES]", StringComparison.OrdinalIgnoreCase); continue; }
            if (!inPipes || line.Length == 0) continue;
            var t = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            pipes[t[0]] = (t[1], t[2], double.Parse(t[4], System.Globalization.CultureInfo.InvariantCulture) / 1000);
        }
        return pipes;
    }

    /// <summary>
    /// Hydraulics that diverge (here a demand of 1e300 GPM at junction 11) leave NaN heads and flows: the run still
    /// ends with its report, writing null where a number is not finite, leaving water quality unset and saying why,
    /// instead of failing inside the quality engine or the JSON writer.
    /// </summary>
    [Fact]
    public void A_run_whose_hydraulics_diverge_reports_nulls_and_says_quality_was_not_computed()
    {
        string text = File.ReadAllText(Net1);
        string line = text.Split('\n').First(l => l.TrimStart().StartsWith("11 ", StringComparison.Ordinal) || l.TrimStart().StartsWith("11\t", StringComparison.Ordinal));
        string path = Path.Combine(CliRunner.TempDir(), "diverging.inp");
        File.WriteAllText(path, text.Replace(line, " 11\t710\t1e300\t;"));
        var r = CliRunner.Run("simulate", path, "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        var junction = doc.GetProperty("steps")[1].GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "11");
        Assert.Equal(JsonValueKind.Null, junction.GetProperty("head").ValueKind);
        Assert.Equal(JsonValueKind.Null, junction.GetProperty("quality").ValueKind);
        // Links keep the key too, null, as nodes do: a script reading link quality finds it on every step.
        Assert.All(doc.GetProperty("steps")[1].GetProperty("links").EnumerateArray(), l => Assert.Equal(JsonValueKind.Null, l.GetProperty("quality").ValueKind));
        var codes = doc.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToHashSet();
        Assert.Contains("not_converged", codes);
        Assert.Contains("quality_not_computed", codes);
        Assert.Contains("water quality not computed: the hydraulics gave no finite flows from 0:00:00 on", r.Error);
    }

    [Fact]
    public void A_pump_speed_past_any_pump_curve_reports_nulls_not_an_internal_error()
    {
        string path = Path.Combine(CliRunner.TempDir(), "overspeed.csv");
        File.WriteAllText(path, "fast,9,1,1,1,1,1e308,1,1,1,1,1,1,1\nnormal,9,1,1,1,1,1,1,1,1,1,1,1,1\n");
        var r = CliRunner.Run("simulate", Net1, "--pump-schedules", path, "--json");
        Assert.Equal(0, r.ExitCode);
        var candidates = JsonDocument.Parse(r.Out).RootElement.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, candidates[0].GetProperty("energy_kwh").ValueKind);
        Assert.Equal(JsonValueKind.Number, candidates[1].GetProperty("energy_kwh").ValueKind);
        Assert.False(candidates[0].GetProperty("converged").GetBoolean());

        // Net3's booster at 1e308 times its speed for an hour: the tanks' level changes are not numbers either.
        string net3 = Path.Combine(CliRunner.TempDir(), "booster.csv");
        File.WriteAllText(net3, "fast,335," + string.Join(",", Enumerable.Range(0, 24).Select(h => h == 8 ? "1e308" : "1")) + "\nfast,10," + string.Join(",", Enumerable.Repeat("1", 24)) + "\n");
        var n3 = CliRunner.Run("simulate", CliRunner.Data("networks", "Net3.inp"), "--pump-schedules", net3, "--json");
        Assert.Equal(0, n3.ExitCode);
        var levels = JsonDocument.Parse(n3.Out).RootElement.GetProperty("candidates")[0].GetProperty("tank_level_change").EnumerateArray().ToArray();
        Assert.Equal(3, levels.Length);
        Assert.All(levels, l => Assert.Equal(JsonValueKind.Null, l.ValueKind));
    }

    [Fact]
    public void Duration_and_report_step_override_the_times_section()
    {
        var r = CliRunner.Run("simulate", Net1, "--duration", "6:00", "--report-step", "2", "--json");
        Assert.Equal(0, r.ExitCode);
        var times = JsonDocument.Parse(r.Out).RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("time").GetInt64());
        Assert.Equal(new long[] { 0, 7200, 14400, 21600 }, times);
    }

    [Fact]
    public void Pump_schedules_report_one_energy_cost_per_schedule_and_repeat_with_the_seed()
    {
        string[] args = ["simulate", Net1, "--pump-schedules", "24", "--seed", "7", "--energy-price", "0.1", "--json"];
        var a = JsonDocument.Parse(CliRunner.Run(args).Out).RootElement;
        var b = JsonDocument.Parse(CliRunner.Run([.. args, "--threads", "1"]).Out).RootElement;
        var ca = a.GetProperty("candidates").EnumerateArray().ToArray();
        var cb = b.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(24, ca.Length);
        for (int i = 0; i < ca.Length; i++)
        {
            Assert.Equal(ca[i].GetProperty("schedule")[0].GetString(), cb[i].GetProperty("schedule")[0].GetString());
            Assert.Equal(ca[i].GetProperty("energy_cost").GetDouble(), cb[i].GetProperty("energy_cost").GetDouble());
            // Cost = 0.1 per kWh here: the price applies to every kWh.
            Assert.Equal(0.1 * ca[i].GetProperty("energy_kwh").GetDouble(), ca[i].GetProperty("energy_cost").GetDouble(), 6);
        }
        Assert.True(a.GetProperty("microseconds_per_candidate_hour").GetDouble() > 0);
    }

    [Fact]
    public void Pump_schedules_run_as_lanes_of_the_named_backend_and_the_report_names_backend_and_path()
    {
        string[] args = ["simulate", Net1, "--pump-schedules", "9", "--seed", "3", "--energy-price", "0.1", "--json"];
        var batched = JsonDocument.Parse(CliRunner.Run([.. args, "--backend", "simd"]).Out).RootElement;
        var threaded = JsonDocument.Parse(CliRunner.Run([.. args, "--threaded"]).Out).RootElement;
        Assert.Equal("batched", batched.GetProperty("settings").GetProperty("path").GetString());
        Assert.StartsWith("simd batched GGA", batched.GetProperty("settings").GetProperty("backend").GetString(), StringComparison.Ordinal);
        Assert.Equal(9, batched.GetProperty("settings").GetProperty("lanes").GetInt32());
        Assert.Equal("threaded", threaded.GetProperty("settings").GetProperty("path").GetString());
        var cb = batched.GetProperty("candidates").EnumerateArray().ToArray();
        var ct = threaded.GetProperty("candidates").EnumerateArray().ToArray();
        for (int i = 0; i < 9; i++)
        {
            double kwh = ct[i].GetProperty("energy_kwh").GetDouble();
            Assert.Equal(kwh, cb[i].GetProperty("energy_kwh").GetDouble(), kwh * 1e-3);
        }
        Assert.True(batched.GetProperty("schedule_hours_per_second").GetDouble() > 0);
    }

    /// <summary>
    /// `--backend auto` without a GPU runs a small network's runs on the threaded engine (faster there than SIMD lanes,
    /// docs/performance.md) and says so; a larger one (Net2, 35 junctions) as SIMD lanes. With a GPU, auto takes lanes.
    /// </summary>
    [Fact]
    public void Auto_without_a_GPU_runs_a_small_network_threaded_and_says_why()
    {
        var small = CliRunner.Run("simulate", Net1, "--demand-scenarios", "5", "--seed", "3", "--json");
        var large = CliRunner.Run("simulate", CliRunner.Data("networks", "Net2.inp"), "--demand-scenarios", "5", "--seed", "3", "--json");
        Assert.True(small.ExitCode == 0 && large.ExitCode == 0, small.Error + large.Error);
        string smallPath = JsonDocument.Parse(small.Out).RootElement.GetProperty("settings").GetProperty("path").GetString()!;
        string largePath = JsonDocument.Parse(large.Out).RootElement.GetProperty("settings").GetProperty("path").GetString()!;
        if (!small.Error.Contains("using simd", StringComparison.Ordinal))
        {
            Assert.Equal("batched", smallPath); // a GPU: lanes whatever the size
            return;
        }
        Assert.Equal("threaded", smallPath);
        Assert.Contains("on 9 junctions (below 32) one engine per run on CPU threads is faster than SIMD lanes", small.Error);
        Assert.Equal("batched", largePath);
        Assert.DoesNotContain("one engine per run", large.Error);
    }

    [Fact]
    public void Pump_schedules_from_a_file_run_as_lanes_report_their_ids_and_speeds_and_agree_with_the_threaded_engine()
    {
        // Net1's pattern step is 2 h: 12 values a day for pump 9.
        string path = Path.Combine(CliRunner.TempDir(), "schedules.csv");
        File.WriteAllText(path, "schedule,pump,0,2,4,6,8,10,12,14,16,18,20,22\non,9,1,1,1,1,1,1,1,1,1,1,1,1\nnights,9,1,1,1,0,0,0,0,0,0,0,1,1\nslow,9,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9,0.9\n");
        string[] args = ["simulate", Net1, "--pump-schedules", path, "--energy-price", "0.1", "--json"];
        var batched = JsonDocument.Parse(CliRunner.Run([.. args, "--backend", "simd", "--batch", "2"]).Out).RootElement;
        var threaded = JsonDocument.Parse(CliRunner.Run([.. args, "--threaded"]).Out).RootElement;
        Assert.Equal("file", batched.GetProperty("schedules_from").GetString());
        Assert.Equal(path, batched.GetProperty("settings").GetProperty("schedules_file").GetString());
        Assert.Equal("batched", batched.GetProperty("settings").GetProperty("path").GetString());
        Assert.Equal(["9"], batched.GetProperty("pumps").EnumerateArray().Select(p => p.GetString()));
        var b = batched.GetProperty("candidates").EnumerateArray().ToArray();
        var t = threaded.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(["on", "nights", "slow"], b.Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("111000000011", b[1].GetProperty("schedule")[0].GetString());
        Assert.Equal(0.9, b[2].GetProperty("speeds")[0][5].GetDouble());
        for (int i = 0; i < 3; i++)
        {
            double kwh = t[i].GetProperty("energy_kwh").GetDouble();
            Assert.Equal(kwh, b[i].GetProperty("energy_kwh").GetDouble(), kwh * 1e-6);
            Assert.Equal(t[i].GetProperty("min_pressure").GetDouble(), b[i].GetProperty("min_pressure").GetDouble(), 1e-6);
        }
        Assert.True(b[1].GetProperty("energy_kwh").GetDouble() < b[0].GetProperty("energy_kwh").GetDouble());
    }

    [Theory]
    [InlineData("hourly.csv", "s,9,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n", "line 1", "24 value(s) for pump '9'; expected 12 values (one per pattern period of 2:00 over the run)")]
    [InlineData("pipe.csv", "s,10,1,1,1,1,1,1,1,1,1,1,1,1\n", "line 1, field 'pump'", "unknown pump id '10'")]
    [InlineData("negative.csv", "s,9,1,1,1,1,1,-1,1,1,1,1,1,1\n", "line 1, field 'period 6'", "'-1' is not a pump speed")]
    [InlineData("empty.csv", "", "line 1", "holds no schedule")]
    public void A_broken_pump_schedule_file_exits_2_naming_file_line_and_field(string name, string text, string where, string what)
    {
        string path = Path.Combine(CliRunner.TempDir(), name);
        File.WriteAllText(path, text);
        var r = CliRunner.Run("simulate", Net1, "--pump-schedules", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}, {where}: ", r.Error);
        Assert.Contains(what, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Fact]
    public void Demand_scenarios_repeat_with_the_seed_on_any_path_and_name_their_settings()
    {
        string[] args = ["simulate", Net1, "--demand-scenarios", "7", "--seed", "11", "--demand-spread", "0.25", "--energy-price", "0.1", "--json"];
        var simd = JsonDocument.Parse(CliRunner.Run([.. args, "--backend", "simd", "--batch", "3"]).Out).RootElement;
        var scalar = JsonDocument.Parse(CliRunner.Run([.. args, "--backend", "scalar"]).Out).RootElement;
        var threaded = JsonDocument.Parse(CliRunner.Run([.. args, "--threaded", "--threads", "1"]).Out).RootElement;
        var other = JsonDocument.Parse(CliRunner.Run([.. args[..5], "12", .. args[6..], "--backend", "scalar"]).Out).RootElement;
        var settings = simd.GetProperty("settings");
        Assert.Equal("batched", settings.GetProperty("path").GetString());
        Assert.StartsWith("simd batched GGA", settings.GetProperty("backend").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, settings.GetProperty("lanes").GetInt32());
        Assert.Equal(11, settings.GetProperty("seed").GetInt32());
        Assert.Equal(0.25, settings.GetProperty("demand_spread").GetDouble());
        Assert.Equal("threaded", threaded.GetProperty("settings").GetProperty("path").GetString());
        Assert.True(simd.GetProperty("scenario_hours_per_second").GetDouble() > 0);
        Assert.Equal(new[] { "2" }, simd.GetProperty("tanks").EnumerateArray().Select(t => t.GetString()));
        var a = simd.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(7, a.Length);
        foreach (var run in new[] { scalar, threaded })
        {
            var b = run.GetProperty("candidates").EnumerateArray().ToArray();
            for (int i = 0; i < 7; i++)
            {
                Assert.Equal(a[i].GetProperty("demand_factor").GetDouble(), b[i].GetProperty("demand_factor").GetDouble());
                Assert.Equal(a[i].GetProperty("min_pressure_node").GetString(), b[i].GetProperty("min_pressure_node").GetString());
                Assert.Equal(a[i].GetProperty("min_pressure_time").GetInt64(), b[i].GetProperty("min_pressure_time").GetInt64());
                Assert.Equal(a[i].GetProperty("min_pressure").GetDouble(), b[i].GetProperty("min_pressure").GetDouble(), 1e-6);
                Assert.Equal(a[i].GetProperty("final_tank_levels")[0].GetDouble(), b[i].GetProperty("final_tank_levels")[0].GetDouble(), 1e-6);
                double cost = b[i].GetProperty("energy_cost_per_day").GetDouble();
                Assert.True(cost > 0);
                Assert.Equal(cost, a[i].GetProperty("energy_cost_per_day").GetDouble(), cost * 1e-6);
            }
        }
        var f = a.Select(c => c.GetProperty("demand_factor").GetDouble()).ToArray();
        Assert.All(f, x => Assert.InRange(x, 0.75, 1.25));
        Assert.NotEqual(f, other.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("demand_factor").GetDouble()).ToArray());
    }

    [Fact]
    public void Per_junction_demand_scenarios_repeat_on_any_path_and_lane_count_and_say_so()
    {
        string[] args = ["simulate", Net1, "--demand-scenarios", "5", "--seed", "11", "--demand-spread", "0.25", "--per-junction", "--energy-price", "0.1", "--json"];
        var simd = JsonDocument.Parse(CliRunner.Run([.. args, "--backend", "simd", "--batch", "2"]).Out).RootElement;
        var scalar = JsonDocument.Parse(CliRunner.Run([.. args, "--backend", "scalar"]).Out).RootElement;
        var threaded = JsonDocument.Parse(CliRunner.Run([.. args, "--threaded", "--threads", "1"]).Out).RootElement;
        var single = JsonDocument.Parse(CliRunner.Run([.. args[..8], .. args[9..], "--backend", "scalar"]).Out).RootElement;
        Assert.True(simd.GetProperty("per_junction").GetBoolean());
        Assert.True(simd.GetProperty("settings").GetProperty("per_junction").GetBoolean());
        Assert.Contains("per junction", simd.GetProperty("settings").GetProperty("factor").GetString());
        Assert.False(single.GetProperty("settings").GetProperty("per_junction").GetBoolean());
        var junctions = simd.GetProperty("junctions").EnumerateArray().Select(j => j.GetString()!).ToArray();
        Assert.Equal(["10", "11", "12", "13", "21", "22", "23", "31", "32"], junctions);
        var a = simd.GetProperty("candidates").EnumerateArray().ToArray();
        foreach (var run in new[] { scalar, threaded })
        {
            var b = run.GetProperty("candidates").EnumerateArray().ToArray();
            for (int i = 0; i < 5; i++)
            {
                Assert.Equal(a[i].GetProperty("junction_factors").EnumerateArray().Select(f => f.GetDouble()), b[i].GetProperty("junction_factors").EnumerateArray().Select(f => f.GetDouble()));
                Assert.Equal(a[i].GetProperty("demand_factor").GetDouble(), b[i].GetProperty("demand_factor").GetDouble());
                Assert.Equal(a[i].GetProperty("min_pressure").GetDouble(), b[i].GetProperty("min_pressure").GetDouble(), 1e-6);
                Assert.Equal(a[i].GetProperty("final_tank_levels")[0].GetDouble(), b[i].GetProperty("final_tank_levels")[0].GetDouble(), 1e-6);
            }
        }
        var s = single.GetProperty("candidates").EnumerateArray().ToArray();
        for (int i = 0; i < 5; i++)
        {
            var f = a[i].GetProperty("junction_factors").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.Equal(9, f.Length);
            Assert.All(f, x => Assert.InRange(x, 0.75, 1.25));
            Assert.True(f.Distinct().Count() == 9, "independent factors per junction");
            Assert.Equal(f.Min(), a[i].GetProperty("junction_factor_min").GetDouble());
            Assert.InRange(a[i].GetProperty("demand_factor").GetDouble(), f.Min(), f.Max());
            Assert.False(s[i].TryGetProperty("junction_factors", out _));
            Assert.NotEqual(s[i].GetProperty("min_pressure").GetDouble(), a[i].GetProperty("min_pressure").GetDouble());
        }
    }

    [Fact]
    public void Eps_designs_repeat_with_the_seed_on_any_path()
    {
        string[] args = ["simulate", Net1, "--eps-designs", "7", "--catalog", "0.15,0.2,0.25,0.3,0.35,0.4", "--seed", "5", "--energy-price", "0.1", "--json"];
        var simd = JsonDocument.Parse(CliRunner.Run([.. args, "--backend", "simd", "--batch", "3"]).Out).RootElement;
        var threaded = JsonDocument.Parse(CliRunner.Run([.. args, "--threaded"]).Out).RootElement;
        Assert.Equal("batched", simd.GetProperty("settings").GetProperty("path").GetString());
        Assert.Equal(3, simd.GetProperty("settings").GetProperty("lanes").GetInt32());
        Assert.Equal(5, simd.GetProperty("settings").GetProperty("seed").GetInt32());
        Assert.True(simd.GetProperty("design_hours_per_second").GetDouble() > 0);
        var a = simd.GetProperty("candidates").EnumerateArray().ToArray();
        var b = threaded.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(7, a.Length);
        for (int i = 0; i < 7; i++)
        {
            Assert.Equal(a[i].GetProperty("diameters").EnumerateArray().Select(d => d.GetDouble()), b[i].GetProperty("diameters").EnumerateArray().Select(d => d.GetDouble()));
            Assert.Equal(a[i].GetProperty("min_pressure").GetDouble(), b[i].GetProperty("min_pressure").GetDouble(), 1e-6);
            Assert.Equal(a[i].GetProperty("feasible").GetBoolean(), b[i].GetProperty("feasible").GetBoolean());
        }
    }

    [Theory]
    [InlineData("--demand-scenarios", "--demand-scenarios", "0")]
    [InlineData("--demand-scenarios", "--demand-scenarios", "-2")]
    [InlineData("--demand-spread", "--demand-scenarios", "5", "--demand-spread", "NaN")]
    [InlineData("--demand-spread", "--demand-scenarios", "5", "--demand-spread", "-0.1")]
    [InlineData("--demand-spread", "--demand-scenarios", "5", "--demand-spread", "1")]
    [InlineData("--demand-spread", "--demand-scenarios", "5", "--demand-spread", "1.5")]
    [InlineData("--demand-spread", "--demand-spread", "0.1")]
    [InlineData("--pump-schedules", "--demand-scenarios", "5", "--pump-schedules", "5")]
    [InlineData("--eps-designs", "--eps-designs", "0", "--catalog", "0.2")]
    [InlineData("--eps-designs", "--eps-designs", "3", "--catalog", "0.2", "--demand-scenarios", "3")]
    [InlineData("--catalog", "--eps-designs", "3")]
    [InlineData("catalog", "--eps-designs", "3", "--catalog", "0,0.2")]
    [InlineData("--per-junction", "--per-junction")]
    [InlineData("--pump-schedules", "--pump-schedules", "no-such-schedules.csv")]
    [InlineData("--pump-schedules", "--pump-schedules", "0")]
    [InlineData("--per-junction", "--pump-schedules", "3", "--per-junction")]
    [InlineData("--per-junction", "--eps-designs", "3", "--catalog", "0.2", "--per-junction")]
    public void Broken_demand_scenario_options_exit_2_and_name_the_option(string named, params string[] options)
    {
        var r = CliRunner.Run(["simulate", Net1, .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Theory]
    [InlineData("--duration", "1:xx")]
    [InlineData("--duration", "-3")]
    [InlineData("--report-step", "0")]
    [InlineData("--energy-price", "-1")]
    public void Bad_time_options_are_named(string option, string value)
    {
        var r = CliRunner.Run("simulate", Net1, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    /// <summary>Net1 with its pump closed for good: the tank drains, then every junction is cut off from every source.</summary>
    private static string Net1PumpOff()
    {
        string path = Path.Combine(CliRunner.TempDir(), "net1-off.inp");
        var lines = File.ReadAllLines(Net1).Select(l => l.Trim() == "LINK 9 OPEN IF NODE 2 BELOW 110" ? "LINK 9 CLOSED AT TIME 0" : l).ToArray();
        Assert.Contains("LINK 9 CLOSED AT TIME 0", lines);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Junctions cut off from every source are a warning, not a period that failed: converged stays true.</summary>
    [Fact]
    public void A_run_with_only_cut_off_warnings_is_converged()
    {
        var r = CliRunner.Run("simulate", Net1PumpOff(), "--duration", "6", "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        var codes = doc.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.Equal("disconnected", c));
        Assert.True(doc.GetProperty("converged").GetBoolean());
        var last = doc.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal(9, last.GetProperty("cut_off_junctions").GetInt32());
        Assert.Equal(0, doc.GetProperty("steps")[0].GetProperty("cut_off_junctions").GetInt32());
    }

    /// <summary>
    /// The answer has one "warnings" member, the last, of {code, message, where} objects as every --json answer: the
    /// report used to write the run's warnings as plain strings after total_trials as well, so the key came twice.
    /// </summary>
    [Fact]
    public void The_json_answer_has_one_warnings_member_and_it_is_the_last()
    {
        var r = CliRunner.Run("simulate", Net1PumpOff(), "--duration", "6", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(r.Out, "\"warnings\""));
        var members = JsonDocument.Parse(r.Out).RootElement.EnumerateObject().ToList();
        Assert.Equal("warnings", members[^1].Name);
        var warnings = members[^1].Value.EnumerateArray().ToList();
        Assert.NotEmpty(warnings);
        Assert.All(warnings, w => Assert.Equal(JsonValueKind.Object, w.ValueKind));
        Assert.Contains(warnings, w => w.GetProperty("code").GetString() == "disconnected");
    }

    /// <summary>
    /// The text table's lowest pressure skips junctions cut off from every source (their pressures were reported as
    /// -52290461.21 m), and the warnings past the first 20 periods with junctions cut off are counted in one more.
    /// </summary>
    [Fact]
    public void Cut_off_junctions_are_not_the_lowest_pressure_and_warnings_past_the_cap_are_counted()
    {
        var r = CliRunner.Run("simulate", Net1PumpOff(), "--duration", "72");
        Assert.Equal(0, r.ExitCode);
        var row = r.Out.Split('\n').Single(l => l.TrimStart().StartsWith("32:00:00", StringComparison.Ordinal));
        Assert.Contains("every junction cut off (9)", row);
        Assert.DoesNotContain(" m at ", row);
        var first = r.Out.Split('\n').Single(l => l.TrimStart().StartsWith("0:00:00", StringComparison.Ordinal));
        Assert.Matches(@" \d+\.\d\d m at \w+$", first);
        Assert.DoesNotContain("cut off", first);
        Assert.Contains("... and 49 more hydraulic period(s) with junction(s) cut off", r.Out);
        Assert.Contains("the last at 72:00:00", r.Out);

        var json = JsonDocument.Parse(CliRunner.Run("simulate", Net1PumpOff(), "--duration", "72", "--json").Out).RootElement;
        var warnings = json.GetProperty("warnings").EnumerateArray().ToArray();
        Assert.Equal(21, warnings.Length);
        Assert.Equal("disconnected", warnings[^1].GetProperty("code").GetString());
        Assert.True(json.GetProperty("converged").GetBoolean());
    }

    /// <summary>A duration whose report steps cannot be held (1e9 h of Net1 grew to ~24 GB and was killed) is bad input, refused before the run.</summary>
    [Fact]
    public void A_duration_whose_report_steps_do_not_fit_in_memory_exits_2_naming_the_option()
    {
        var r = CliRunner.Run("simulate", Net1, "--duration", "1e9");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--duration", r.Error);
        Assert.Contains("--report-step", r.Error);
        Assert.Contains("1E+09 report steps", r.Error);
        Assert.Equal("", r.Out);
        // A long run that fits still runs.
        Assert.Equal(0, CliRunner.Run("simulate", Net1, "--duration", "500").ExitCode);
    }

    [Fact]
    public void Eps_designs_without_a_design_block_or_catalog_names_eps_designs()
    {
        var r = CliRunner.Run("simulate", Net1, "--eps-designs", "10");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--eps-designs N needs the scenario's design block", r.Error);
        Assert.DoesNotContain("--random-designs", r.Error);
    }

    /// <summary>--catalog has no prices: pipe_cost is null (it was 0 for every design) and the text ranks by energy cost.</summary>
    [Fact]
    public void Eps_designs_of_a_catalog_without_prices_report_no_pipe_cost()
    {
        string[] args = ["simulate", Net1, "--eps-designs", "6", "--catalog", "0.15,0.2,0.25,0.3,0.35,0.4", "--seed", "1", "--energy-price", "0.12"];
        var doc = JsonDocument.Parse(CliRunner.Run([.. args, "--json"]).Out).RootElement;
        Assert.False(doc.GetProperty("pipe_costs_known").GetBoolean());
        Assert.All(doc.GetProperty("candidates").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("pipe_cost").ValueKind));
        var text = CliRunner.Run(args).Out;
        Assert.Contains("no pipe costs; designs ranked by energy cost per day", text);
        Assert.Contains("the cheapest to run", text);

        var priced = JsonDocument.Parse(CliRunner.Run("simulate", CliRunner.Data("scenarios", "TLN.wdn"), "--eps-designs", "3", "--duration", "2", "--json").Out).RootElement;
        Assert.True(priced.GetProperty("pipe_costs_known").GetBoolean());
        Assert.All(priced.GetProperty("candidates").EnumerateArray(), c => Assert.True(c.GetProperty("pipe_cost").GetDouble() > 0));
    }

    /// <summary>The option is named once, in the field ("field '--duration': --duration: 'abc' …" named it twice).</summary>
    [Fact]
    public void A_bad_duration_names_the_option_once()
    {
        var r = CliRunner.Run("simulate", Net1, "--duration", "abc");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--duration': 'abc' is not a time", r.Error);
        Assert.DoesNotContain("--duration: ", r.Error);
    }

    /// <summary>
    /// A plain extended-period run checks the backend options as lane runs do (they were accepted with exit 0
    /// whatever they said), and says the engine it used when the backend named is a real one.
    /// </summary>
    [Theory]
    [InlineData("unknown backend 'gpu'", "--backend", "gpu")]
    [InlineData("--newton-steps must be auto, loops or junctions", "--newton-steps", "foo")]
    [InlineData("--threads must be >= 0", "--threads", "-1")]
    [InlineData("--threads must be >= 0", "--backend", "simd", "--threads", "-1")]
    public void A_plain_extended_period_run_refuses_bad_backend_options(string what, params string[] options)
    {
        var r = CliRunner.Run(["simulate", Net1, "--duration", "2", .. options]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(what, r.Error);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_plain_extended_period_run_with_a_backend_says_which_engine_ran()
    {
        var r = CliRunner.Run("simulate", Net1, "--duration", "2", "--backend", "simd", "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--backend, --threads and --newton-steps apply to lane runs", r.Error);
        Assert.Equal("scalar (extended-period engine)", JsonDocument.Parse(r.Out).RootElement.GetProperty("backend").GetString());
        Assert.DoesNotContain("apply to lane runs", CliRunner.Run("simulate", Net1, "--duration", "2").Error);
    }

    /// <summary>simulate writes JSON: an --out named .wdn, .inp or .csv got JSON under that name; now refused before the work.</summary>
    [Theory]
    [InlineData("o1.wdn")]
    [InlineData("o1.inp")]
    [InlineData("o1.csv")]
    public void An_out_file_that_is_not_json_is_refused(string name)
    {
        string path = Path.Combine(CliRunner.TempDir(), name);
        var r = CliRunner.Run("simulate", Net1, "--out", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}, field '--out'", r.Error);
        Assert.Contains("expected a .json file name", r.Error);
        Assert.False(File.Exists(path));
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void A_plot_file_that_is_not_svg_is_refused()
    {
        string path = Path.Combine(CliRunner.TempDir(), "map.png");
        var r = CliRunner.Run("simulate", CliRunner.Data("scenarios", "TLN.wdn"), "--plot", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}, field '--plot'", r.Error);
        Assert.Contains("expected a .svg file name", r.Error);
        Assert.False(File.Exists(path));
    }

    /// <summary>--random-designs 0 ran a plain snapshot; it is refused as --pump-schedules 0 is.</summary>
    [Fact]
    public void Random_designs_zero_is_refused_like_the_other_counts()
    {
        var r = CliRunner.Run("simulate", CliRunner.Data("scenarios", "TLN.wdn"), "--random-designs", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--random-designs must be >= 1, got 0", r.Error);
        Assert.Equal("", r.Out);
    }
}
