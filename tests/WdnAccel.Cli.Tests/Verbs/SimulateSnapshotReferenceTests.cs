using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Core.Model;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `wdnaccel simulate FILE --json` on networks whose duration is 0 against EPANET 2.2's solve at time zero
/// (data/reference/snapshot/, from tools/epanet-reference/snapshot-reference.mjs): pattern start, pump speed patterns,
/// controls that act at time zero, tanks that start full or empty, custom pump curves, abbreviated [OPTIONS] keywords,
/// solver options, pump statuses in [STATUS], controls on junction pressure, emitters and pressure-driven demand. Each of these used to be ignored or misread by the snapshot solver
/// without a word (metres of head off) or refused; whichever engine simulate picks now, heads agree within 1e-3 m, flows
/// within 1e-3 L/s, and the trial count is EPANET's.
/// </summary>
public class SimulateSnapshotReferenceTests
{
    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(CliRunner.Data("reference", "snapshot"), "*.json").Order()) data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Simulate_matches_EPANETs_solve_at_time_zero(string name)
    {
        var reference = JsonDocument.Parse(File.ReadAllText(CliRunner.Data("reference", "snapshot", name + ".json"))).RootElement;
        string inp = Path.Combine(CliRunner.Root, reference.GetProperty("file").GetString()!);
        var r = CliRunner.Run("simulate", inp, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        // A snapshot (top-level nodes and links) or the extended-period engine's single step at time zero.
        var at0 = doc.TryGetProperty("steps", out var steps) ? steps[0] : doc;
        var nodes = at0.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!);
        var links = at0.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("id").GetString()!);
        // SI files: the reference converts with the exact metric factor, we (as EPANET) through 1/28.317 cfs per L/s etc.
        var units = Enum.Parse<FlowUnits>(reference.GetProperty("flow_units").GetString()!, ignoreCase: true);
        double scale = Units.IsUsCustomary(units) ? 1.0 : units switch
        {
            FlowUnits.LPS => 1e-3,
            FlowUnits.LPM => 1e-3 / 60,
            FlowUnits.MLD => 1e3 / 86400,
            FlowUnits.CMH => 1.0 / 3600,
            _ => 1.0 / 86400,
        } / Units.FlowToSi(units);
        var problems = new List<string>();
        foreach (var n in reference.GetProperty("nodes").EnumerateArray())
        {
            string id = n.GetProperty("id").GetString()!;
            double head = nodes[id].GetProperty("head").GetDouble(), expected = n.GetProperty("head").GetDouble();
            if (!(Math.Abs(head - expected) <= 1e-3)) problems.Add($"node {id}: head {head:F4} m, EPANET {expected:F4} m");
            // A junction's demand as EPANET reports it: its demands at time zero, plus its emitter's outflow.
            if (nodes[id].GetProperty("type").GetString() != "junction") continue;
            double demand = nodes[id].GetProperty("demand").GetDouble() * scale, expectedDemand = n.GetProperty("demand").GetDouble();
            if (!(Math.Abs(demand - expectedDemand) <= 1e-6)) problems.Add($"node {id}: demand {demand * 1000:F4} L/s, EPANET {expectedDemand * 1000:F4} L/s");
        }
        foreach (var l in reference.GetProperty("links").EnumerateArray())
        {
            string id = l.GetProperty("id").GetString()!;
            double flow = links[id].GetProperty("flow").GetDouble() * scale, expected = l.GetProperty("flow").GetDouble();
            if (!(Math.Abs(flow - expected) <= 1e-6)) problems.Add($"link {id}: flow {flow * 1000:F4} L/s, EPANET {expected * 1000:F4} L/s");
            bool closed = l.GetProperty("status").GetString() == "CLOSED";
            if (closed && flow != 0) problems.Add($"link {id}: EPANET closes it, we report {flow * 1000:F4} L/s");
        }
        // The same trial count: the same Newton path as EPANET's (initial flows, status checks, stopping test), not merely
        // an answer within ACCURACY of it.
        int trials = reference.GetProperty("trials").GetInt32(), ours = doc.GetProperty("iterations").GetInt32();
        if (ours != trials) problems.Add($"{ours} trials, EPANET {trials}");
        Assert.True(problems.Count == 0, $"{name}:\n{string.Join("\n", problems)}");
    }

    /// <summary>
    /// CONTROLS_T0 with its junction-pressure control setting pump PU1 to speed 0.8 instead of closing P7: the batched
    /// snapshot solver keeps each pump at its speed (0.9 here, from an AT TIME 0 control), so it cannot apply it.
    /// </summary>
    private static string PumpSpeedOnPressure(string dir)
    {
        string text = File.ReadAllText(Path.Combine(CliRunner.Root, "tools", "epanet-reference", "networks", "snapshot", "CONTROLS_T0.inp"));
        Assert.Contains(" LINK P7 CLOSED IF NODE J6 ABOVE 40", text);
        string inp = Path.Combine(dir, "speed-on-pressure.inp");
        File.WriteAllText(inp, text.Replace(" LINK P7 CLOSED IF NODE J6 ABOVE 40", " LINK PU1 0.8 IF NODE J6 ABOVE 40"));
        return inp;
    }

    private const string PumpSpeedGap = "LINK PU1 to speed 0.8 on junction J6's pressure, while the pump runs at 0.9 at time zero";

    /// <summary>
    /// The batched snapshot solver (random designs, optimize, bench) cannot apply what EPANET does at time zero in this
    /// network: it refuses it naming what, instead of solving without it.
    /// </summary>
    [Fact]
    public void Random_designs_refuse_what_the_batched_snapshot_solver_would_drop()
    {
        string inp = PumpSpeedOnPressure(CliRunner.TempDir());
        var r = CliRunner.Run("simulate", inp, "--random-designs", "2", "--catalog", "0.1,0.2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("the batched snapshot solver does not reproduce EPANET's time-zero solve", r.Error);
        Assert.Contains(PumpSpeedGap, r.Error);
    }

    /// <summary>
    /// CHECKFREQ and MAXCHECK, once refused by the batched snapshot solver, set its status checks on every backend: the
    /// check valve closes at the trial EPANET closes it, so the trial count is EPANET's (4; 5 with the defaults).
    /// </summary>
    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    [InlineData("ilgpu-cpu")]
    public void Status_checks_follow_CHECKFREQ_and_MAXCHECK_on_every_backend(string backend)
    {
        var reference = JsonDocument.Parse(File.ReadAllText(CliRunner.Data("reference", "snapshot", "CHECK_FREQUENCY.json"))).RootElement;
        string inp = Path.Combine(CliRunner.Root, reference.GetProperty("file").GetString()!);
        var r = CliRunner.Run("simulate", inp, "--backend", backend, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.False(doc.TryGetProperty("steps", out _));
        Assert.Equal(reference.GetProperty("trials").GetInt32(), doc.GetProperty("iterations").GetInt32());
        Assert.Equal("closed", doc.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "15").GetProperty("status").GetString());
    }

    /// <summary>
    /// What the batched snapshot solver once refused runs in it now, on every backend alike: random designs count the same
    /// feasible designs on each. TANK_LIMITS: tanks that start full or empty, applied as EPANET does at time zero.
    /// PRESSURE_CONTROLS: controls on junction pressure, checked inside each lane's solve as EPANET's pswitch does (each
    /// lane's links switch on its own pressures). EMITTERS: each lane's emitters discharge at its own pressures.
    /// PRESSURE_DRIVEN: each lane's junctions deliver what its own pressures allow (PDA).
    /// </summary>
    [Theory]
    [InlineData("TANK_LIMITS", "0.1,0.15,0.2,0.3", "20")]
    [InlineData("PRESSURE_CONTROLS", "0.1,0.15,0.2,0.3,0.4", "35")]
    [InlineData("EMITTERS", "0.1,0.15,0.2,0.3", "12")]
    [InlineData("PRESSURE_DRIVEN", "0.1,0.15,0.2,0.3", "1")]
    public void Random_designs_of_what_the_snapshot_took_over_run_alike_on_every_backend(string name, string catalog, string minPressure)
    {
        string inp = Path.Combine(CliRunner.Root, "tools", "epanet-reference", "networks", "snapshot", name + ".inp");
        var feasible = new List<int>();
        foreach (var backend in new[] { "scalar", "simd", "ilgpu-cpu" })
        {
            var r = CliRunner.Run("simulate", inp, "--random-designs", "300", "--catalog", catalog, "--min-pressure", minPressure, "--seed", "4", "--backend", backend, "--json");
            Assert.True(r.ExitCode == 0, r.Error);
            feasible.Add(JsonDocument.Parse(r.Out).RootElement.GetProperty("feasible").GetInt32());
        }
        Assert.InRange(feasible[0], 1, 299);
        Assert.All(feasible, f => Assert.Equal(feasible[0], f));
    }

    /// <summary>
    /// --design, --case and --plot need the batched snapshot solver; on a network with no duration that the time-zero
    /// rules send to the extended-period engine, the refusal names what does (it said "runs through time (valves,
    /// controls, emitters, a duration)", none of which this network has).
    /// </summary>
    [Theory]
    [InlineData("--design")]
    [InlineData("--plot")]
    public void Snapshot_only_options_on_a_network_sent_to_the_extended_period_engine_name_why(string option)
    {
        string dir = CliRunner.TempDir();
        string inp = PumpSpeedOnPressure(dir);
        string value = option == "--design" ? Path.Combine(dir, "d.json") : Path.Combine(dir, "map.svg");
        if (option == "--design") File.WriteAllText(value, """{"P1": 0.4}""");
        var r = CliRunner.Run("simulate", inp, option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"field '{option}'", r.Error);
        Assert.Contains(PumpSpeedGap, r.Error);
        Assert.DoesNotContain("a duration", r.Error);
    }

    /// <summary>
    /// A level control on a reservoir: EPANET 2.2 compares the volumes of a node without area (both 0), so the control
    /// fires at time zero whatever the threshold (epanet-js 2.2 closes P4 below at "ABOVE 1000"; heads move by metres).
    /// The snapshot solved without it, silently; now it is a gap that changes the link (and the extended-period engine
    /// refuses reservoir-level controls by name), while one that leaves the link as it is stays a snapshot.
    /// </summary>
    [Fact]
    public void A_level_control_on_a_reservoir_is_not_dropped_silently()
    {
        string dir = CliRunner.TempDir();
        string text = File.ReadAllText(Path.Combine(CliRunner.Root, "tools", "epanet-reference", "networks", "snapshot", "CONTROLS_T0.inp"));
        int from = text.IndexOf("[CONTROLS]", StringComparison.Ordinal), to = text.IndexOf("[TIMES]", StringComparison.Ordinal);
        string Net(string control)
        {
            string file = Path.Combine(dir, $"c{control.Length}.inp");
            File.WriteAllText(file, text[..from] + "[CONTROLS]\n " + control + "\n\n" + text[to..]);
            return file;
        }
        var acting = Net("LINK P4 CLOSED IF NODE R1 ABOVE 1000");
        var r = CliRunner.Run("simulate", acting, "--json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("reservoir", r.Error);
        var random = CliRunner.Run("simulate", acting, "--random-designs", "2", "--catalog", "0.1,0.2");
        Assert.Equal(2, random.ExitCode);
        Assert.Contains("control 1 (LINK P4 on reservoir R1's level", random.Error);
        // P4 is open already: EPANET's control changes nothing, the snapshot is EPANET's answer.
        var idle = CliRunner.Run("simulate", Net("LINK P4 OPEN IF NODE R1 BELOW 1"), "--json");
        Assert.True(idle.ExitCode == 0, idle.Error);
        Assert.False(JsonDocument.Parse(idle.Out).RootElement.TryGetProperty("steps", out _));
    }

    /// <summary>
    /// Pattern start, pump speed patterns and controls on junction pressure are modelled by the batched snapshot solver
    /// itself (no refusal, no extended-period step).
    /// </summary>
    [Theory]
    [InlineData("CONTROLS_T0")]
    [InlineData("PRESSURE_CONTROLS")]
    [InlineData("PATTERN_START")]
    [InlineData("PUMP_PATTERN")]
    [InlineData("OPTION_WORDS")]
    [InlineData("PUMP_STATUS")]
    public void Networks_the_snapshot_solver_models_stay_snapshots(string name)
    {
        string inp = Path.Combine(CliRunner.Root, "tools", "epanet-reference", "networks", "snapshot", name + ".inp");
        var r = CliRunner.Run("simulate", inp, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.False(JsonDocument.Parse(r.Out).RootElement.TryGetProperty("steps", out _));
    }

    /// <summary>
    /// A looped Darcy–Weisbach network (two loops, a 50 mm branch in the transitional range) gives EPANET's pressures
    /// with the SIMD backend's Newton steps in loop-flow form (its default there) and over the junctions, and the
    /// answer says which it took.
    /// </summary>
    [Theory]
    [InlineData("auto", "GGA steps in loop-flow form (2 loops)")]
    [InlineData("junctions", "GGA over the junctions")]
    public void A_looped_Darcy_Weisbach_network_simulates_to_EPANETs_pressures_in_either_form(string steps, string method)
    {
        string inp = Path.Combine(CliRunner.Root, "tools", "epanet-reference", "networks", "DWLOOP.inp");
        var r = CliRunner.Run("simulate", inp, "--json", "--backend", "simd", "--newton-steps", steps);
        Assert.True(r.ExitCode == 0, r.Error);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(method, doc.GetProperty("hydraulic_method").GetString());
        Assert.Equal("D-W", doc.GetProperty("head_loss").GetString());
        var reference = JsonDocument.Parse(File.ReadAllText(CliRunner.Data("reference", "DWLOOP.json"))).RootElement
            .GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("design").GetString() == "file");
        var ours = doc.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("pressure").GetDouble());
        foreach (var n in reference.GetProperty("nodes").EnumerateArray())
            Assert.Equal(n.GetProperty("pressure").GetDouble(), ours[n.GetProperty("id").GetString()!], 1e-3);
    }

    /// <summary>
    /// A Chezy–Manning file (EPANET's C-M, once refused) simulates to EPANET's pressures (data/reference/CMLOOP.json, its
    /// file design), and the report names the formula rather than a Hazen–Williams ω that plays no part.
    /// </summary>
    [Fact]
    public void A_Chezy_Manning_network_simulates_to_EPANETs_pressures_and_says_which_formula()
    {
        string inp = Path.Combine(CliRunner.Root, "tools", "epanet-reference", "networks", "CMLOOP.inp");
        var r = CliRunner.Run("simulate", inp, "--json", "--backend", "simd");
        Assert.True(r.ExitCode == 0, r.Error);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("C-M", doc.GetProperty("head_loss").GetString());
        var reference = JsonDocument.Parse(File.ReadAllText(CliRunner.Data("reference", "CMLOOP.json"))).RootElement
            .GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("design").GetString() == "file");
        var ours = doc.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("id").GetString()!, n => n.GetProperty("pressure").GetDouble());
        foreach (var n in reference.GetProperty("nodes").EnumerateArray())
            Assert.Equal(n.GetProperty("pressure").GetDouble(), ours[n.GetProperty("id").GetString()!], 1e-3);

        var text = CliRunner.Run("simulate", inp);
        Assert.Contains("converged after", text.Out);
        Assert.Contains("Chezy–Manning, backend", text.Out);
        Assert.DoesNotContain("omega", text.Out);
    }
}
