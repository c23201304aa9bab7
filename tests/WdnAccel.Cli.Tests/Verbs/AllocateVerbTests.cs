using WdnAccel.Cli.Tests.Support;
using System.Text.Json;
using WdnAccel.Cli;

namespace WdnAccel.Cli.Tests.Verbs;

public class AllocateVerbTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static readonly string Seed = LpVerbTests.RepoFile("data/scenarios/supply-allocation.json");

    [Fact]
    public void PrintsTheSeedReportPlusDuals()
    {
        var (code, output, _) = Run("allocate", Seed);
        Assert.Equal(0, code);
        // The seed prints cost with thousands separators and no decimals, throughput and zones with one decimal.
        Assert.Contains("Status: optimal", output);
        Assert.Contains("Total daily cost: $989", output);
        Assert.Contains("  Plant 1: 30.0 ML/day", output);
        Assert.Contains("  Plant 3: 10.0 ML/day", output);
        Assert.Contains("  Zone 3: 15.0 ML (demand: 15)", output);
        Assert.Contains("certified: true", output);
        Assert.Contains("Marginal cost of demand", output);
        Assert.Contains("Value of capacity", output);
    }

    [Fact]
    public void JsonReportHasExactCostThroughputAndDuals()
    {
        var (code, output, _) = Run("allocate", Seed, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("989", root.GetProperty("objective_exact").GetString());
        Assert.True(root.GetProperty("certified").GetBoolean());
        var plants = root.GetProperty("plants").EnumerateArray().ToList();
        Assert.Equal(["30", "25", "10"], plants.Select(p => p.GetProperty("throughput_exact").GetString()));
        Assert.Equal("0", plants[2].GetProperty("value_of_capacity_exact").GetString());
        var zones = root.GetProperty("zones").EnumerateArray().ToList();
        Assert.Equal(6, zones.Count);
        Assert.All(zones, z => Assert.Equal(z.GetProperty("demand").GetDouble(), z.GetProperty("supplied").GetDouble()));
        // Each zone's marginal cost is at least its cheapest delivered cost (≥ 13 $/ML, P1 to Z1).
        Assert.All(zones, z => Assert.True(z.GetProperty("marginal_cost_of_demand").GetDouble() >= 13));
        Assert.Equal(JsonValueKind.Object, root.GetProperty("duals_exact").ValueKind);
    }

    [Fact]
    public void InfeasibleScenarioExitsThree()
    {
        string text = File.ReadAllText(Seed).Replace("\"demand\": 15", "\"demand\": 150");
        string path = Path.Combine(Path.GetTempPath(), $"alloc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        var (code, output, _) = Run("allocate", path);
        Assert.Equal(3, code);
        Assert.Contains("Status: infeasible", output);
        Assert.Contains("Farkas", output);
    }

    [Fact]
    public void PlantMinimumThroughputRunsBranchAndBound()
    {
        // P3 may only run at ≥ 15 ML/day; without it P1 + P2 (55) cannot meet 65 ML/day, so it runs at 15.
        string text = File.ReadAllText(Seed).Replace("\"treatment_cost\": 12", "\"treatment_cost\": 12, \"min_throughput\": 15");
        string path = Path.Combine(Path.GetTempPath(), $"alloc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, text);
        var (code, output, _) = Run("allocate", path, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("certified").GetBoolean());
        Assert.Equal("1", doc.RootElement.GetProperty("solution_exact").GetProperty("on_2").GetString());
        Assert.Equal("15", doc.RootElement.GetProperty("plants")[2].GetProperty("throughput_exact").GetString());
    }

    [Fact]
    public void BrokenScenarioExitsTwo()
    {
        string path = Path.Combine(Path.GetTempPath(), $"alloc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\"format\":\"wdnaccel-scenario\",\"version\":1,\"supply\":{\"sources\":[{\"id\":\"S1\",\"capacity\":\"x\"}]}}");
        var (code, _, err) = Run("allocate", path);
        Assert.Equal(2, code);
        Assert.Contains("supply.sources[0].capacity", err);
    }

    [Fact]
    public void Json_lists_every_arc_by_its_ids_and_the_flows_add_up_to_the_cost_and_demands()
    {
        var r = CliRunner.Run("allocate", CliRunner.Data("scenarios", "supply-allocation.json"), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        var arcs = root.GetProperty("arcs").EnumerateArray().ToList();
        var scenario = Core.Io.ScenarioFile.Load(CliRunner.Data("scenarios", "supply-allocation.json")).Scenario.Supply!;
        Assert.Equal(scenario.Arcs.Count, arcs.Count);
        Assert.Equal(scenario.Arcs.Select(a => (a.From, a.To)), arcs.Select(a => (a.GetProperty("from").GetString()!, a.GetProperty("to").GetString()!)));
        // Σ flow × unit cost is the objective (989 $/day), and every zone receives its demand, in exact arithmetic.
        var cost = arcs.Aggregate(Core.Lp.Rational.Zero, (sum, a) =>
            sum + Core.Lp.Rational.Parse(a.GetProperty("flow_exact").GetString()!) * Core.Lp.Rational.Parse(a.GetProperty("unit_cost_exact").GetString()!));
        Assert.Equal(root.GetProperty("objective_exact").GetString(), cost.ToString());
        foreach (var zone in scenario.Zones)
        {
            double supplied = arcs.Where(a => a.GetProperty("to").GetString() == zone.Id).Sum(a => a.GetProperty("flow").GetDouble());
            Assert.Equal(zone.Demand, supplied, 9);
        }
    }
}
