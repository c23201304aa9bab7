using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Core.Batch;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// Inputs and outputs refused with exit 2 before anything is written: misspelt or broken JSON manifests, plans whose
/// job ids would repeat, options plan does not use, an --out that is a file or holds a run.
/// </summary>
public sealed class BatchInputChecksTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");

    private static CliRunner.Result Run(params string[] args) => CliRunner.Run([.. args, "--backend", "scalar"]);

    private static void AssertInputError(CliRunner.Result r, params string[] expected)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Error}");
        foreach (string e in expected) Assert.Contains(e, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("internal error", r.Error);
    }

    // ---- CSV manifests ----

    [Fact]
    public void A_csv_manifest_with_algorithms_run_as_simulate_jobs_is_refused_naming_the_row()
    {
        string dir = CliRunner.TempDir();
        File.Copy(Tln, Path.Combine(dir, "TLN.wdn"));
        string manifest = Path.Combine(dir, "study.csv");
        File.WriteAllText(manifest, "scenario,algorithm,evaluations\nTLN.wdn,,\nTLN.wdn,ga,300\n");
        // Without --job the jobs are simulate: the row's algorithm and budget would be ignored.
        AssertInputError(Run("batch", manifest, "--out", Path.Combine(dir, "plain")), $"{manifest}, line 3, field 'algorithm': this row gives algorithm 'ga', which only optimize and allocate jobs use");
        var optimize = Run("batch", manifest, "--job", "optimize", "--out", Path.Combine(dir, "optimized"));
        Assert.True(optimize.ExitCode is 0 or 3, optimize.Error);
        // A manifest of scenarios alone still runs as simulate jobs.
        string plain = Path.Combine(dir, "plain.csv");
        File.WriteAllText(plain, "scenario\nTLN.wdn\n");
        Assert.Equal(0, Run("batch", plain, "--out", Path.Combine(dir, "simulated")).ExitCode);
    }

    [Fact]
    public void A_json_manifest_with_algorithms_for_simulate_jobs_and_plan_options_on_a_run_are_refused()
    {
        string dir = CliRunner.TempDir();
        File.Copy(Tln, Path.Combine(dir, "TLN.wdn"));
        string manifest = Path.Combine(dir, "study.json");
        File.WriteAllText(manifest, """{"manifest":"wdnaccel-batch","scenarios":["TLN.wdn"],"algorithms":["de","ga"],"evaluations":300}""");
        AssertInputError(Run("batch", manifest, "--out", Path.Combine(dir, "a")), $"{manifest}, field 'algorithms': the manifest gives algorithms, which only optimize and allocate jobs use");
        Assert.True(Run("batch", manifest, "--job", "optimize", "--out", Path.Combine(dir, "b")).ExitCode is 0 or 3);
        AssertInputError(Run("batch", manifest, "--job", "optimize", "--algorithms", "ga", "--out", Path.Combine(dir, "c")), "field '--algorithms': --algorithms shapes the variants `batch plan` writes");
        AssertInputError(Run("batch", manifest, "--job", "optimize", "--replicates", "5", "--out", Path.Combine(dir, "d")), "field '--replicates'");
    }

    // ---- JSON manifests ----

    [Theory]
    [InlineData("""{"manifest":"wdnaccel-batch","job":"optimize","scenarios":["TLN.wdn"],"algorithms":["de"],"replicates":1,"evaluation":500}""",
        "field 'evaluation'", "unknown key 'evaluation' (did you mean evaluations?)")]
    [InlineData("""{"manifest":"wdnaccel-batch","job":"optimize","scenarios":["TLN.wdn"],"demand_multiplier":[0.5]}""",
        "field 'demand_multiplier'", "(did you mean demand_multipliers?)")]
    [InlineData("""{"manifest":"wdnaccel-batch","job":"optimize","scenarios":["TLN.wdn"],"replicate":2}""",
        "field 'replicate'", "(did you mean replicates?)")]
    [InlineData("{\"manifest\":\"wdnaccel-batch\",\"job\":\"optimize\",\n\"scenarios\":[\"TLN.wdn\"],\"algor", "line 2, byte", "not valid JSON")]
    [InlineData("""{"manifest":"wdnaccel-batch","job":"optimize","scenarios":["TLN.wdn"],"replicates":0}""",
        "field 'replicates'", "replicates must be >= 1, got 0")]
    [InlineData("""{"manifest":"wdnaccel-batch","job":"optimize","scenarios":["TLN.wdn"],"demand_multipliers":[1,1.0]}""",
        "field 'demand_multipliers[1]'", "names demand multiplier 1 twice")]
    [InlineData("""{"manifest":"wdnaccel-batch","job":"optimize","scenarios":["TLN.wdn","./TLN.wdn"]}""",
        "field 'scenarios[1]'", "twice")]
    public void A_misspelt_or_broken_json_manifest_is_refused_naming_the_file_and_where(string text, string where, string problem)
    {
        string dir = CliRunner.TempDir();
        File.Copy(Tln, Path.Combine(dir, "TLN.wdn"));
        File.WriteAllText(Path.Combine(dir, "study.json"), text);
        var r = Run("batch", Path.Combine(dir, "study.json"), "--out", Path.Combine(dir, "out"));
        AssertInputError(r, "study.json", where, problem);
        Assert.DoesNotContain("--replicates", r.Error);
        Assert.False(File.Exists(Path.Combine(dir, "out", BatchResultFile.FileName)));
    }

    // ---- batch plan ----

    [Theory]
    [InlineData("--demand-multipliers", "1,1.0", "names demand multiplier 1 twice")]
    [InlineData("--scenarios", "TWICE", "names scenario")]
    public void Plan_refuses_values_that_would_repeat_job_ids_before_writing(string option, string value, string expected)
    {
        string dir = CliRunner.TempDir(), stream = Path.Combine(dir, "p.wdnb");
        string[] args = option == "--scenarios"
            ? ["batch", "plan", "--scenarios", $"{Tln},{Tln}", "--out", stream]
            : ["batch", "plan", "--scenarios", Tln, option, value, "--out", stream];
        var r = CliRunner.Run(args);
        AssertInputError(r, option, expected);
        Assert.False(File.Exists(stream));
    }

    [Fact]
    public void Plan_refuses_two_scenario_files_of_one_name()
    {
        string dir = CliRunner.TempDir(), stream = Path.Combine(dir, "p.wdnb");
        Directory.CreateDirectory(Path.Combine(dir, "a"));
        File.Copy(Tln, Path.Combine(dir, "a", "TLN.wdn"));
        AssertInputError(CliRunner.Run("batch", "plan", "--scenarios", $"{Tln},{Path.Combine(dir, "a", "TLN.wdn")}", "--out", stream), "are both named 'TLN'");
        Assert.False(File.Exists(stream));
    }

    [Fact]
    public void Plan_without_out_names_the_stream_and_refuses_options_of_a_run()
    {
        var none = CliRunner.Run("batch", "plan", "--scenarios", Tln);
        AssertInputError(none, "--out FILE.wdnb is required");
        Assert.DoesNotContain("results.msgpack", none.Error);

        string dir = CliRunner.TempDir(), stream = Path.Combine(dir, "p.wdnb");
        foreach (var (option, value) in new[] { ("--seed", "7"), ("--seed", "1"), ("--job", "optimize"), ("--backend", "simd") })
        {
            var r = CliRunner.Run("batch", "plan", "--scenarios", Tln, option, value, "--out", stream);
            AssertInputError(r, $"{option} {value}", "a run of the planned stream");
            Assert.False(File.Exists(stream));
        }
    }

    // ---- --out ----

    [Fact]
    public void Merge_refuses_an_out_that_holds_a_run_or_is_a_file_and_batch_a_file()
    {
        string dir = CliRunner.TempDir(), input = Path.Combine(dir, "in");
        Directory.CreateDirectory(input);
        File.Copy(Tln, Path.Combine(input, "a.wdn"));
        File.Copy(Tln, Path.Combine(input, "b.wdn"));
        string s0 = Path.Combine(dir, "s0"), s1 = Path.Combine(dir, "s1"), file = Path.Combine(dir, "existing.json");
        Run("batch", input, "--job", "simulate", "--shard", "0/2", "--out", s0);
        Run("batch", input, "--job", "simulate", "--shard", "1/2", "--out", s1);
        byte[] shard0 = File.ReadAllBytes(Path.Combine(s0, BatchResultFile.FileName));

        AssertInputError(CliRunner.Run("batch", "merge", s0, s1, "--out", s0), "s0", "is one of the shards being merged");
        Assert.Equal(shard0, File.ReadAllBytes(Path.Combine(s0, BatchResultFile.FileName)));
        Assert.Equal(0, CliRunner.Run("batch", "merge", s0, s1, "--out", Path.Combine(dir, "m")).ExitCode);
        AssertInputError(CliRunner.Run("batch", "merge", s0, s1, "--out", Path.Combine(dir, "m")), "already holds a batch's results");

        File.WriteAllText(file, "{}");
        AssertInputError(CliRunner.Run("batch", "merge", s0, s1, "--out", file), "existing.json", "is a file; expected a folder");
        AssertInputError(Run("batch", input, "--job", "simulate", "--out", file), "existing.json", "is a file; expected a folder");
        Assert.Equal("{}", File.ReadAllText(file));
    }
}
