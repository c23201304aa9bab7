using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>`allocate` on the bundled four-season planning scenario: the fields scripts rely on, and the MPS export.</summary>
public class AllocateSeasonsTests
{
    private static readonly string Seasons = CliRunner.Data("scenarios", "supply-seasons.json");

    [Fact]
    public void The_plan_has_status_objective_periods_with_arc_flows_by_id_and_what_to_build()
    {
        var r = CliRunner.Run("allocate", Seasons, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("certified").GetBoolean());
        Assert.Equal(["P1-Z5-main"], root.GetProperty("build").EnumerateArray().Select(b => b.GetString()));
        var periods = root.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal(["winter", "spring", "summer", "autumn"], periods.Select(p => p.GetProperty("id").GetString()));
        foreach (var period in periods)
        {
            var arcs = period.GetProperty("arcs").EnumerateArray().ToList();
            Assert.Contains(arcs, a => a.GetProperty("from").GetString() == "P1" && a.GetProperty("to").GetString() == "Z5-hill");
            // Every zone gets what flows into it; every plant passes on what it takes in.
            foreach (var zone in period.GetProperty("zones").EnumerateArray())
                Assert.Equal(arcs.Where(a => a.GetProperty("to").GetString() == zone.GetProperty("id").GetString()).Sum(a => a.GetProperty("flow").GetDouble()),
                    zone.GetProperty("served").GetDouble(), 9);
            foreach (var plant in period.GetProperty("plants").EnumerateArray())
            {
                string id = plant.GetProperty("id").GetString()!;
                Assert.Equal(arcs.Where(a => a.GetProperty("from").GetString() == id).Sum(a => a.GetProperty("flow").GetDouble()),
                    plant.GetProperty("throughput").GetDouble(), 9);
            }
        }
        Assert.StartsWith("the final LP with the integer decisions", root.GetProperty("duals_from").GetString());
        Assert.NotEmpty(root.GetProperty("bottlenecks").EnumerateArray());
    }

    [Fact]
    public void A_plan_cut_off_by_its_node_limit_is_labelled_so_and_never_optimal()
    {
        var r = CliRunner.Run("allocate", Seasons, "--json", "--max-nodes", "1");
        Assert.Equal(1, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal("node_limit", doc.RootElement.GetProperty("status").GetString());
        Assert.False(doc.RootElement.GetProperty("certified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("objective_value").ValueKind);
        Assert.Contains(doc.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "node_limit");

        var bad = CliRunner.Run("allocate", Seasons, "--time-limit", "-1");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--time-limit", bad.Error);
    }

    [Fact]
    public void The_model_written_as_mps_solves_to_the_same_exact_objective()
    {
        string mps = Path.Combine(CliRunner.TempDir(), "seasons.mps");
        var plan = CliRunner.Run("allocate", Seasons, "--json", "--write-model", mps);
        Assert.Equal(0, plan.ExitCode);
        var lp = CliRunner.Run("lp", mps, "--json");
        Assert.Equal(0, lp.ExitCode);
        using var a = JsonDocument.Parse(plan.Out);
        using var b = JsonDocument.Parse(lp.Out);
        Assert.Equal(a.RootElement.GetProperty("objective_exact").GetString(), b.RootElement.GetProperty("objective_exact").GetString());
    }
}
