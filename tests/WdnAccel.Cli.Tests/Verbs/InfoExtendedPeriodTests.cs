using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

public sealed class InfoExtendedPeriodTests
{
    [Fact]
    public void Info_counts_the_elements_of_an_extended_period_run()
    {
        string file = CliRunner.Data("networks", "Net1.inp");
        var r = CliRunner.Run("info", file, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(0, root.GetProperty("valves").GetInt32());
        Assert.Equal(2, root.GetProperty("controls").GetInt32());
        Assert.Equal(0, root.GetProperty("rules").GetInt32());
        Assert.Equal(0, root.GetProperty("emitters").GetInt32());
        Assert.Equal(0, root.GetProperty("quality_sources").GetInt32());
        Assert.Equal(86400, root.GetProperty("duration").GetDouble());
        Assert.Equal("DDA", root.GetProperty("demand_model").GetString());
        Assert.Equal("chemical", root.GetProperty("quality").GetString());
        var text = CliRunner.Run("info", file).Out;
        Assert.Contains("1 pumps, 0 valves", text);
        Assert.Contains("run        24 h in 1 h steps, 2 controls, 0 rules, 0 emitters, demand-driven demand", text);
        Assert.Contains("quality    Chlorine (mg/L), 0 source(s)", text);
    }

    [Fact]
    public void Info_counts_valves_rules_and_sources_after_a_round_trip_through_wdn()
    {
        string dir = CliRunner.TempDir();
        string wdn = Path.Combine(dir, "net2.wdn");
        Assert.Equal(0, CliRunner.Run("convert", CliRunner.Data("networks", "Net2.inp"), wdn).ExitCode);
        var r = CliRunner.Run("info", wdn, "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("quality_sources").GetInt32());
        Assert.Equal(55 * 3600, doc.RootElement.GetProperty("duration").GetDouble());
    }
}
