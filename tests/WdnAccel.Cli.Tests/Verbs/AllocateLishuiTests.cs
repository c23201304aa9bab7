using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>`allocate` on the Lishui multi-source scenario: the fields scripts rely on, plans priced, bad plans refused.</summary>
public class AllocateLishuiTests
{
    private static readonly string Lishui = CliRunner.Data("scenarios", "lishui-2030.json");

    [Fact]
    public void The_report_states_the_search_so_that_a_run_without_seed_can_be_repeated_from_it()
    {
        // No --seed, --algorithm or --evaluations: the report must say which were used (here the defaults: the scenario
        // has no solver block), as fields a script can read, and those values given back must give the same plan.
        var first = CliRunner.Run("allocate", Lishui, "--json", "--evaluations", "1500");
        Assert.Equal(0, first.ExitCode);
        var a = JsonDocument.Parse(first.Out).RootElement;
        Assert.Equal("gacoasa", a.GetProperty("algorithm").GetString());
        Assert.Equal(1UL, a.GetProperty("seed").GetUInt64());
        Assert.Equal(1500, a.GetProperty("evaluations").GetInt64());
        var again = CliRunner.Run("allocate", Lishui, "--json", "--algorithm", a.GetProperty("algorithm").GetString()!,
            "--seed", a.GetProperty("seed").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--evaluations", "1500");
        var b = JsonDocument.Parse(again.Out).RootElement;
        Assert.Equal(a.GetProperty("metaheuristic_cost").GetDouble(), b.GetProperty("metaheuristic_cost").GetDouble());
        Assert.Equal(a.GetProperty("annual_cost").GetDouble(), b.GetProperty("annual_cost").GetDouble());

        var other = JsonDocument.Parse(CliRunner.Run("allocate", Lishui, "--json", "--algorithm", "de", "--seed", "8", "--evaluations", "1500").Out).RootElement;
        Assert.Equal("de", other.GetProperty("algorithm").GetString());
        Assert.Equal(8UL, other.GetProperty("seed").GetUInt64());
        // A priced plan ran no search: no algorithm, seed or evaluations to state (the comment alone asserted nothing).
        var priced = CliRunner.Run("allocate", Lishui, "--plan", CliRunner.Data("plans", "lishui-2030-plan1.json"), "--json");
        Assert.True(priced.ExitCode == 0, priced.Error);
        var p = JsonDocument.Parse(priced.Out).RootElement;
        Assert.All(new[] { "algorithm", "seed", "evaluations" }, key => Assert.False(p.TryGetProperty(key, out _), key));
    }

    [Fact]
    public void The_optimized_plan_meets_every_lower_bound_with_chlorine_and_a_certified_bound()
    {
        var r = CliRunner.Run("allocate", Lishui, "--json", "--evaluations", "3000");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("feasible", root.GetProperty("status").GetString());
        double annual = root.GetProperty("annual_cost").GetDouble();
        var breakdown = root.GetProperty("cost_breakdown");
        Assert.Equal(annual, new[] { "F1", "F2", "F3", "F4", "F5", "F6" }.Sum(t => breakdown.GetProperty(t).GetDouble()), 6);
        Assert.True(root.GetProperty("min_chlorine").GetDouble() >= 0.05);
        var units = root.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(12, units.Count);
        Assert.All(units, u => Assert.True(u.GetProperty("served").GetDouble() >= u.GetProperty("demand_min").GetDouble() - 2, u.GetProperty("id").GetString()));
        double net = root.GetProperty("supply_net").GetDouble(), gross = root.GetProperty("supply_gross").GetDouble();
        Assert.Equal(units.Sum(u => u.GetProperty("served").GetDouble()), net, 3);
        Assert.True(gross > net); // pipeline loss
        Assert.True(root.GetProperty("certified").GetBoolean());
        double bound = root.GetProperty("lower_bound").GetDouble();
        Assert.True(bound <= annual * (1 + 1e-9));
        Assert.Equal((annual - bound) / annual, root.GetProperty("gap").GetDouble(), 9);
        // Per plant and per route breakdowns add up to the totals.
        double plants = root.GetProperty("plants").EnumerateArray().Sum(p => p.GetProperty("cost_breakdown").GetProperty("F3").GetDouble());
        double routes = root.GetProperty("routes").EnumerateArray().Sum(p => p.GetProperty("cost_breakdown").GetProperty("F3").GetDouble());
        Assert.Equal(breakdown.GetProperty("F3").GetDouble(), plants, 6);
        Assert.Equal(plants, routes, 6);
    }

    [Theory]
    [InlineData("lishui-2030-plan1.json")]
    [InlineData("lishui-2030-plan2.json")]
    [InlineData("lishui-2030-plan3.json")]
    public void The_papers_plans_are_priced_without_optimizing(string plan)
    {
        var r = CliRunner.Run("allocate", Lishui, "--plan", CliRunner.Data("plans", plan), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("feasible", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("lower_bound").ValueKind);
        Assert.False(doc.RootElement.GetProperty("certified").GetBoolean());
    }

    [Fact]
    public void A_plan_naming_an_unknown_unit_is_refused_naming_the_entry()
    {
        string dir = CliRunner.TempDir(), plan = Path.Combine(dir, "bad.json");
        File.WriteAllText(plan, """{"format": "wdnaccel-allocation-plan", "version": 1, "allocation": [{"plant": "13", "unit": "99", "flow": 10}]}""");
        var r = CliRunner.Run("allocate", Lishui, "--plan", plan);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.json", r.Error);
        Assert.Contains("allocation[0].unit", r.Error);
        Assert.Contains("'99'", r.Error);
    }

    [Fact]
    public void Validate_names_a_demand_unit_no_plant_can_reach()
    {
        // A high-class unit hung off a low-class junction, with no pumping station: unreachable under the pressure rule.
        string dir = CliRunner.TempDir(), file = Path.Combine(dir, "cut.json");
        File.WriteAllText(file, """
        {"format": "wdnaccel-scenario", "version": 1, "name": "cut",
         "graph_allocation": {
           "nodes": [{"id": "P", "kind": "supply", "pressure_zone": 1, "capacity": 1000},
                     {"id": "J", "kind": "intermediate", "pressure_zone": 1},
                     {"id": "High", "kind": "demand", "pressure_zone": 2, "demand": 10}],
           "edges": [{"from": "P", "to": "J", "length": 100}, {"from": "J", "to": "High", "length": 100}]}}
        """);
        var r = CliRunner.Run("validate", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("demand unit 'High' cannot be reached", r.Out + r.Error);
        Assert.Equal(0, CliRunner.Run("validate", Lishui).ExitCode);
    }

    /// <summary>
    /// A scenario's solver block chooses the metaheuristic, budget and seed as it does for `optimize`, in the verb and in
    /// a batch allocate job alike (both had always run GA-COA-SA, so a manifest's algorithm variants ran under names
    /// that were not theirs); options still win.
    /// </summary>
    [Fact]
    public void The_scenarios_solver_block_chooses_the_algorithm_budget_and_seed()
    {
        string dir = CliRunner.TempDir(), input = Path.Combine(dir, "in");
        Directory.CreateDirectory(input);
        string text = File.ReadAllText(Lishui);
        int open = text.IndexOf('{');
        string scenario = Path.Combine(input, "lishui-de.json");
        File.WriteAllText(scenario, text[..(open + 1)] + "\n \"solver\": {\"algorithm\": \"de\", \"evaluations\": 600, \"seed\": 3}," + text[(open + 1)..]);

        var verb = CliRunner.Run("allocate", scenario, "--json");
        Assert.True(verb.ExitCode == 0, verb.Error);
        using (var doc = JsonDocument.Parse(verb.Out))
            Assert.EndsWith("de seed 3, 600 evaluations", doc.RootElement.GetProperty("settings").GetString());
        var option = CliRunner.Run("allocate", scenario, "--json", "--algorithm", "ga", "--evaluations", "500");
        using (var doc = JsonDocument.Parse(option.Out))
            Assert.EndsWith("ga seed 3, 500 evaluations", doc.RootElement.GetProperty("settings").GetString());

        var batch = CliRunner.Run("batch", input, "--out", Path.Combine(dir, "out"), "--job", "allocate");
        Assert.True(batch.ExitCode == 0, batch.Error);
        var record = Assert.Single(Core.Batch.BatchResultFile.Read(Path.Combine(dir, "out", Core.Batch.BatchResultFile.FileName)).Records);
        Assert.Equal("de", record["algorithm"]!.AsString());
    }

    [Fact]
    public void A_batch_allocate_job_records_the_same_proven_optimum_as_the_verb()
    {
        string dir = CliRunner.TempDir(), input = Path.Combine(dir, "in");
        Directory.CreateDirectory(input);
        File.Copy(Lishui, Path.Combine(input, "lishui-2030.json"));
        var batch = CliRunner.Run("batch", input, "--out", Path.Combine(dir, "out"), "--job", "allocate", "--evaluations", "2000");
        Assert.Equal(0, batch.ExitCode);
        var record = Assert.Single(Core.Batch.BatchResultFile.Read(Path.Combine(dir, "out", Core.Batch.BatchResultFile.FileName)).Records);
        var verb = CliRunner.Run("allocate", Lishui, "--json", "--evaluations", "2000");
        using var doc = JsonDocument.Parse(verb.Out);
        // Both are proven optimal within 1e-6, whatever seed the metaheuristic had.
        Assert.Equal(doc.RootElement.GetProperty("annual_cost").GetDouble(), record["annual_cost"]!.AsDouble(), 2);
        Assert.True(record["certified"]!.AsBoolean());
        Assert.Contains("annual_cost", File.ReadAllText(Path.Combine(dir, "out", "summary.csv")));
    }

    [Fact]
    public void Info_describes_the_allocation_graph_instead_of_an_empty_hydraulic_network()
    {
        var r = CliRunner.Run("info", Lishui);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("12 demand units, 3 plants, 4 junctions, 1 pumping stations", r.Out);
        Assert.Contains("6 planned, included", r.Out);
        Assert.Contains("Hucun water plant 300,000", r.Out);
        Assert.Contains("400,499 m³/d", r.Out); // Table 7's 2030 total, 40.05 × 10⁴ m³/d
        Assert.DoesNotContain("0 junctions", r.Out);
    }
}
