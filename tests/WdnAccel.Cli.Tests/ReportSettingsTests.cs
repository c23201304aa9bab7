using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Model;

namespace WdnAccel.Cli.Tests;

/// <summary>
/// Every machine answer states the settings that produced it (ω, accuracy, trials, version), as optimize, front and
/// the extended-period report did: simulate's snapshot, its random-design throughput and its lane runs (pump schedules,
/// demand scenarios, designs), and paths' JSON and MessagePack answers had left them out, so a file kept for a paper
/// could not say which build or tolerance made it.
/// </summary>
public sealed class ReportSettingsTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");
    private static readonly string Net1 = CliRunner.Data("networks", "Net1.inp");
    private static readonly string Graph = CliRunner.Data("graphs", "small-directed.json");

    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        return JsonDocument.Parse(r.Out).RootElement.Clone();
    }

    private static void AssertHydraulicSettings(JsonElement e, string file)
    {
        var options = ScenarioFile.Load(file).Scenario.Network.Options;
        Assert.Equal(options.HeadLoss.InpKeyword(), e.GetProperty("head_loss").GetString());
        Assert.Equal(options.Omega, e.GetProperty("omega").GetDouble());
        Assert.Equal(options.Accuracy, e.GetProperty("accuracy").GetDouble());
        Assert.Equal(options.MaxTrials, e.GetProperty("max_trials").GetInt32());
        Assert.Equal(ProductVersion.Text, e.GetProperty("version").GetString());
    }

    [Fact]
    public void Simulate_snapshot_and_throughput_state_their_settings()
    {
        AssertHydraulicSettings(Json("simulate", Tln, "--backend", "scalar", "--json"), Tln);
        var throughput = Json("simulate", Tln, "--random-designs", "20", "--seed", "3", "--backend", "scalar", "--json");
        AssertHydraulicSettings(throughput, Tln);
        Assert.Equal(3, throughput.GetProperty("seed").GetInt32());
    }

    [Theory]
    [InlineData("--pump-schedules", "3")]
    [InlineData("--demand-scenarios", "3")]
    [InlineData("--eps-designs", "3", "--catalog", "0.1,0.2,0.3")]
    public void Simulate_lane_runs_state_their_settings(params string[] batch)
    {
        var report = Json(["simulate", Net1, .. batch, "--seed", "2", "--backend", "scalar", "--json"]);
        AssertHydraulicSettings(report.GetProperty("settings"), Net1);
        Assert.Equal(2, report.GetProperty("seed").GetInt32());
    }

    [Fact]
    public void Paths_answers_state_the_version_in_json_and_messagepack()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(ProductVersion.Text, Json("paths", Graph, "--json").GetProperty("version").GetString());
        Assert.Equal(ProductVersion.Text, Json("paths", Graph, "--from", "0", "--to", "4", "--json").GetProperty("version").GetString());
        foreach (var extra in new[] { Array.Empty<string>(), ["--packed"], ["--distances-only"], ["--from", "0", "--to", "4,5"] })
        {
            string file = Path.Combine(dir, $"r{extra.Length}{string.Concat(extra).Length}.wdn");
            var r = CliRunner.Run(["paths", Graph, "--out", file, .. extra]);
            Assert.True(r.ExitCode == 0, r.Error);
            var root = MessagePackValue.Decode(File.ReadAllBytes(file)); // the map's header counts the added key
            Assert.Equal(ProductVersion.Text, root["version"]!.AsString());
            Assert.Equal(6, root["n"]!.AsInt64());
        }
        string cycle = Path.Combine(dir, "cycle.wdn");
        Assert.Equal(3, CliRunner.Run("paths", CliRunner.Data("graphs", "negative-cycle.json"), "--out", cycle).ExitCode);
        Assert.Equal(ProductVersion.Text, MessagePackValue.Decode(File.ReadAllBytes(cycle))["version"]!.AsString());
        var json = CliRunner.Run("paths", CliRunner.Data("graphs", "negative-cycle.json"), "--json");
        Assert.Equal(ProductVersion.Text, JsonDocument.Parse(json.Out).RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public void Batch_and_devices_answers_state_the_version()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(ProductVersion.Text, Json("devices", "--json").GetProperty("version").GetString());
        Directory.CreateDirectory(Path.Combine(dir, "in"));
        File.Copy(Tln, Path.Combine(dir, "in", "TLN.wdn"));
        var batch = Json("batch", Path.Combine(dir, "in"), "--out", Path.Combine(dir, "run"), "--backend", "scalar", "--json");
        Assert.Equal(ProductVersion.Text, batch.GetProperty("version").GetString());
    }

    /// <summary>
    /// The version a report states is the one `--version` prints, commit included: a report said "0.1.0" while
    /// `--version` said "0.1.0+&lt;commit&gt;", so two files made by different builds read alike.
    /// </summary>
    [Fact]
    public void Reports_state_the_version_that_dash_dash_version_prints()
    {
        var version = CliRunner.Run("--version");
        Assert.Equal(0, version.ExitCode);
        string printed = version.Out.Trim();
        Assert.StartsWith("wdnaccel ", printed);
        Assert.Equal(printed["wdnaccel ".Length..], Json("paths", Graph, "--json").GetProperty("version").GetString());
        Assert.Equal(printed["wdnaccel ".Length..], ProductVersion.Text);
    }
}
