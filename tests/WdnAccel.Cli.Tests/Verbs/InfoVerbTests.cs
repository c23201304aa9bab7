using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

public sealed class InfoVerbTests
{
    [Fact]
    public void Per_node_minimum_heads_of_a_design_block_are_shown()
    {
        // New York Tunnels states a minimum total head per node; info used to hide them.
        string file = CliRunner.Data("scenarios", "NYT.wdn");
        var design = Core.Io.ScenarioFile.Load(file).Scenario.Design!;
        var r = CliRunner.Run("info", file, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var minHead = doc.RootElement.GetProperty("design").GetProperty("min_head");
        Assert.Equal(design.MinHead!.Count, minHead.EnumerateObject().Count());
        foreach (var (node, head) in design.MinHead) Assert.Equal(head, minHead.GetProperty(node).GetDouble());
        var text = CliRunner.Run("info", file);
        Assert.Contains("min heads  ≥ 77.724 m at 10, 11,", text.Out);
        Assert.Contains("≥ 79.248 m at 16", text.Out);
    }

    [Fact]
    public void The_solver_block_is_shown_as_the_runs_will_take_it()
    {
        string file = CliRunner.Data("scenarios", "HAN.wdn");
        var json = JsonDocument.Parse(CliRunner.Run("info", file, "--json").Out).RootElement.GetProperty("solver");
        // The same block optimize reads: its budget and parameters reach the run.
        var run = JsonDocument.Parse(CliRunner.Run("optimize", file, "--evaluations", "300", "--json", "--no-refine").Out).RootElement;
        Assert.Equal(run.GetProperty("algorithm").GetString(), json.GetProperty("algorithm").GetString());
        Assert.Equal(run.GetProperty("parameters").GetProperty("population").GetDouble(), json.GetProperty("parameters").GetProperty("population").GetDouble());
        Assert.Equal(200_000, json.GetProperty("evaluations").GetInt64());
        Assert.Contains("  solver     de, 200,000 evaluations, seed 1; ", CliRunner.Run("info", file).Out);
    }
}
