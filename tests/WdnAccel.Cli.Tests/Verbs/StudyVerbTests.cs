using System.Globalization;
using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

public class StudyVerbTests
{
    [Fact]
    public void Layouts_study_writes_tables_plots_and_a_json_summary_that_agree()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run("study", "layouts", "--evaluations", "1500", "--seed", "2", "--backend", "scalar", "--json", "--out", dir);
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        string[] expectedFiles = ["headloss_vs_diameter.csv", "headloss_vs_diameter.svg", "reynolds_regimes.csv", "pressure_vs_velocity.csv",
            "pressure_velocity_fits.csv", "pressure_vs_velocity.svg", "costs.csv", "convergence.svg", "summary.md"];
        Assert.Equal(expectedFiles.Order(), doc.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).Order());
        Assert.All(expectedFiles, f => Assert.True(File.Exists(Path.Combine(dir, f)), f));

        // Costs: three layouts × (cro, de); feasible; split-pipe LP a lower bound on the branched layout only.
        var costs = doc.GetProperty("costs").EnumerateArray().ToList();
        Assert.Equal(6, costs.Count);
        Assert.Equal(["branched", "hybrid", "looped"], costs.Select(c => c.GetProperty("layout").GetString()!).Distinct().Order());
        foreach (var c in costs)
        {
            Assert.True(c.GetProperty("feasible").GetBoolean());
            Assert.True(c.GetProperty("min_pressure").GetDouble() >= 25 - 1e-6);
            Assert.Equal(c.GetProperty("layout").GetString() == "branched", c.GetProperty("lp_is_lower_bound").GetBoolean());
            Assert.True(c.GetProperty("split_pipe_cost").GetDouble() <= c.GetProperty("discrete_cost").GetDouble() * (1 + 1e-9));
        }

        // costs.csv carries the same numbers as the JSON.
        var lines = File.ReadAllLines(Path.Combine(dir, "costs.csv"));
        Assert.Equal(7, lines.Length);
        for (int i = 0; i < 6; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(costs[i].GetProperty("layout").GetString(), cells[0]);
            Assert.Equal(costs[i].GetProperty("discrete_cost").GetDouble(), double.Parse(cells[3], CultureInfo.InvariantCulture), 1e-9);
        }

        // Paper's numbers are reported for the qualitative comparison.
        Assert.Equal(26_892, doc.GetProperty("paper").GetProperty("branched_cost_usd").GetDouble());
        Assert.Equal(30_861, doc.GetProperty("paper").GetProperty("looped_cost_usd").GetDouble());
        var fit = doc.GetProperty("head_loss_vs_diameter").GetProperty("quadratic_fit");
        Assert.Equal(3, fit.GetProperty("coefficients").GetArrayLength());

        // The settings behind the numbers: backend, the layouts' ω, accuracy and trials, the version; in the summary too.
        Assert.Equal("scalar", doc.GetProperty("backend").GetString());
        Assert.Equal(10.6668, doc.GetProperty("omega").GetDouble(), 4);
        Assert.Equal(0.001, doc.GetProperty("accuracy").GetDouble());
        Assert.Equal(40, doc.GetProperty("max_trials").GetInt32());
        string version = doc.GetProperty("version").GetString()!;
        Assert.Matches(@"^\d+\.\d+\.\d+(\+[0-9a-f]{40})?$", version);
        Assert.Contains($"Settings: backend scalar (", File.ReadAllText(Path.Combine(dir, "summary.md")));
        Assert.Contains($"; ω = 10.6668, GGA accuracy 0.001, max trials 40; wdnaccel {version}.", File.ReadAllText(Path.Combine(dir, "summary.md")));
    }

    [Fact]
    public void Text_mode_prints_the_markdown_summary()
    {
        var r = CliRunner.Run("study", "layouts", "--evaluations", "600", "--backend", "scalar");
        Assert.True(r.ExitCode is 0 or 3, r.Error);
        Assert.Contains("# The three 11-node layouts study (reconstructed layouts)", r.Out);
        Assert.Contains("## 4. Least cost per layout", r.Out);
        // A budget too small for a feasible design shows a dash for its cost, not NaN.
        var tiny = CliRunner.Run("study", "layouts", "--evaluations", "1", "--backend", "scalar");
        Assert.Equal(3, tiny.ExitCode);
        Assert.DoesNotContain("NaN", tiny.Out);
        Assert.Matches(@"\| branched \| cro \| no \| — \|", tiny.Out);
    }

    [Fact]
    public void Eps_mode_writes_its_own_files_and_a_json_summary_that_agree()
    {
        string dir = CliRunner.TempDir();
        var r = CliRunner.Run("study", "layouts", "--eps", "--evaluations", "120", "--seed", "4", "--backend", "scalar", "--threads", "1", "--json", "--out", dir);
        Assert.True(r.ExitCode is 0 or 3, r.Error);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("eps", doc.GetProperty("mode").GetString());
        string[] expectedFiles = ["eps_costs.csv", "eps_hourly_pressure.csv", "eps_pipes.csv", "eps_pump_choices.csv", "eps_fits.csv",
            "eps_hourly_pressure.svg", "eps_flow_vs_diameter.svg", "eps_headloss_vs_diameter.svg", "eps_convergence.svg", "eps_summary.md"];
        Assert.Equal(expectedFiles.Order(), doc.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).Order());
        Assert.All(expectedFiles, f => Assert.True(File.Exists(Path.Combine(dir, f)), f));
        Assert.False(File.Exists(Path.Combine(dir, "costs.csv"))); // the snapshot study's files are not written
        // The settings behind the numbers: the backend and the version, in the JSON and the summary.
        string version = doc.GetProperty("version").GetString()!;
        Assert.Matches(@"^\d+\.\d+\.\d+(\+[0-9a-f]{40})?$", version);
        Assert.StartsWith("scalar", doc.GetProperty("backend_description").GetString());
        Assert.Contains($"- Settings: backend scalar (", File.ReadAllText(Path.Combine(dir, "eps_summary.md")));
        Assert.Contains($"; wdnaccel {version}.", File.ReadAllText(Path.Combine(dir, "eps_summary.md")));

        // The assumptions travel with the answer: 24 multipliers of mean 1, the pump catalog, the annuity factors.
        var assumptions = doc.GetProperty("assumptions");
        var multipliers = assumptions.GetProperty("multipliers").EnumerateArray().Select(m => m.GetDouble()).ToList();
        Assert.Equal(24, multipliers.Count);
        Assert.Equal(1.0, multipliers.Average(), 1e-12);
        Assert.Equal(3, assumptions.GetProperty("pumps").GetArrayLength());
        Assert.Equal(0.0724598495, assumptions.GetProperty("pipe_crf").GetDouble(), 1e-9);

        // Per layout: one run per pump choice (4, 16 and 4), every report time of the day, the snapshot design's day.
        var layouts = doc.GetProperty("layouts").EnumerateArray().ToList();
        Assert.Equal(["branched", "looped", "hybrid"], layouts.Select(l => l.GetProperty("layout").GetString()!));
        Assert.Equal([4, 16, 4], layouts.Select(l => l.GetProperty("pump_choices").GetArrayLength()));
        var csv = File.ReadAllLines(Path.Combine(dir, "eps_costs.csv"));
        Assert.Equal(4, csv.Length);
        for (int i = 0; i < 3; i++)
        {
            var l = layouts[i];
            var design = l.GetProperty("design");
            Assert.Equal(25, design.GetProperty("hourly_min_pressure").GetArrayLength());
            double low = design.GetProperty("hourly_min_pressure").EnumerateArray().Min(h => h.GetProperty("min_pressure").GetDouble());
            Assert.Equal(low, design.GetProperty("min_pressure").GetDouble(), 1e-12);
            double split = design.GetProperty("annual_pipes").GetDouble() + design.GetProperty("annual_pumps").GetDouble() + design.GetProperty("annual_energy").GetDouble();
            Assert.Equal(split, design.GetProperty("annual_cost").GetDouble(), 1e-9);
            Assert.Equal(l.GetProperty("feasible").GetBoolean(), low >= 25);
            Assert.Single(l.GetProperty("pump_choices").EnumerateArray(), c => c.GetProperty("chosen").GetBoolean());
            var snapshot = l.GetProperty("snapshot");
            Assert.True(snapshot.GetProperty("feasible_at_snapshot").GetBoolean());
            Assert.Equal(snapshot.GetProperty("hours_below_minimum").GetInt32() == 0, snapshot.GetProperty("feasible_24h").GetBoolean());
            var cells = csv[i + 1].Split(',');
            Assert.Equal(l.GetProperty("layout").GetString(), cells[0]);
            Assert.Equal(design.GetProperty("annual_cost").GetDouble(), double.Parse(cells[3], CultureInfo.InvariantCulture), 1e-9);
        }
        Assert.Equal(0.9638, doc.GetProperty("paper").GetProperty("head_loss_r_squared").GetDouble());
        // A long run reports its progress on stderr, JSON mode included (stdout stays pure JSON).
        Assert.Contains("looped: 24-hour design with pumps none+P5m", r.Error);
    }

    [Fact]
    public void Unknown_study_and_bad_options_are_bad_input()
    {
        Assert.Equal(2, CliRunner.Run("study", "seed999").ExitCode);
        Assert.Equal(2, CliRunner.Run("study", "layouts", "--evaluations", "0").ExitCode);
        Assert.Equal(2, CliRunner.Run("study", "layouts", "--eps", "--evaluations", "0").ExitCode);
        Assert.Equal(2, CliRunner.Run("study", "layouts", "--data", Path.Combine(CliRunner.TempDir(), "missing")).ExitCode);
    }

    [Fact]
    public void Broken_scenario_in_the_data_folder_is_bad_input()
    {
        string dir = CliRunner.TempDir();
        foreach (var name in new[] { "branched", "looped", "hybrid" })
        {
            File.Copy(CliRunner.Data("scenarios", $"layouts-{name}.wdn"), Path.Combine(dir, $"layouts-{name}.wdn"));
        }
        // Truncate one file halfway.
        string looped = Path.Combine(dir, "layouts-looped.wdn");
        var bytes = File.ReadAllBytes(looped);
        File.WriteAllBytes(looped, bytes[..(bytes.Length / 2)]);
        var r = CliRunner.Run("study", "layouts", "--data", dir, "--evaluations", "100", "--backend", "scalar");
        Assert.Equal(2, r.ExitCode);
    }
}
