using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Core.Batch;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// The settings a batch runs with, checked before any job runs: an --algorithm or --evaluations that would contradict
/// what a manifest or planned stream sets per job, unknown algorithms wherever they are named, a resume or merge with
/// other settings than the results were made with (run.json), two CSV rows making one job, and the seed's range.
/// </summary>
public sealed class BatchSettingsTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");

    /// <summary>A folder with a copy of two-loop, and a stream planning de and ga on it, 200 evaluations each.</summary>
    private static (string Dir, string Folder, string Stream) Inputs()
    {
        string dir = CliRunner.TempDir(), folder = Path.Combine(dir, "in"), stream = Path.Combine(dir, "sweep.wdnb");
        Directory.CreateDirectory(folder);
        File.Copy(Tln, Path.Combine(folder, "two-loop.wdn"));
        File.Copy(Tln, Path.Combine(dir, "TLN.wdn"));
        var plan = CliRunner.Run("batch", "plan", "--scenarios", Tln, "--algorithms", "de,ga", "--evaluations", "200", "--out", stream);
        Assert.True(plan.ExitCode == 0, plan.Error);
        return (dir, folder, stream);
    }

    private static CliRunner.Result Batch(string input, string output, params string[] more) =>
        CliRunner.Run([.. new[] { "batch", input, "--out", output, "--backend", "scalar" }, .. more]);

    // ---- 1. --algorithm against job ids that name the algorithm ----

    [Theory]
    [InlineData("stream", "scenario[0].name")]
    [InlineData("json", "field 'algorithms'")]
    [InlineData("csv", "line 2")]
    public void An_algorithm_override_that_contradicts_the_job_ids_is_refused(string input, string where)
    {
        var (dir, _, stream) = Inputs();
        string path = input switch
        {
            "stream" => stream,
            "json" => Path.Combine(dir, "study.json"),
            _ => Path.Combine(dir, "study.csv"),
        };
        File.WriteAllText(Path.Combine(dir, "study.json"), """{"manifest": "wdnaccel-batch", "scenarios": ["TLN.wdn"], "algorithms": ["de", "ga"]}""");
        File.WriteAllText(Path.Combine(dir, "study.csv"), "scenario,algorithm\nTLN.wdn,de\nTLN.wdn,ga\n");
        string output = Path.Combine(dir, "out");
        var r = Batch(path, output, "--job", "optimize", "--algorithm", "ga", "--evaluations", "200");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(Path.GetFileName(path), r.Error);
        Assert.Contains(where, r.Error);
        Assert.Contains("--algorithm ga conflicts with job 'TLN|de|demand=1|seed=1'", r.Error);
        Assert.False(File.Exists(Path.Combine(output, BatchResultFile.FileName))); // refused before any job ran
    }

    [Fact]
    public void An_algorithm_override_that_agrees_with_the_job_ids_or_names_a_folders_jobs_runs()
    {
        var (dir, folder, _) = Inputs();
        var plan = CliRunner.Run("batch", "plan", "--scenarios", Tln, "--algorithms", "DE", "--evaluations", "200", "--out", Path.Combine(dir, "de.wdnb"));
        Assert.Equal(0, plan.ExitCode);
        var same = Batch(Path.Combine(dir, "de.wdnb"), Path.Combine(dir, "same"), "--job", "optimize", "--algorithm", "de");
        Assert.True(same.ExitCode == 0, same.Error);
        var record = Assert.Single(BatchResultFile.Read(Path.Combine(dir, "same", BatchResultFile.FileName)).Records);
        Assert.Equal("TLN|de|demand=1|seed=1", record.Job); // canonical names in ids
        Assert.Equal("de", record["algorithm"]!.AsString());

        // A folder's ids are file names: --algorithm runs every job with it and the variant (per file) names it.
        var ga = Batch(folder, Path.Combine(dir, "ga"), "--job", "optimize", "--algorithm", "GA", "--evaluations", "200");
        Assert.True(ga.ExitCode is 0 or 3, ga.Error);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "ga", BatchSummary.JsonName))).RootElement;
        Assert.Equal("optimize:two-loop.wdn|ga", Assert.Single(summary.GetProperty("variants").EnumerateArray()).GetProperty("variant").GetString());
        Assert.Equal("ga", summary.GetProperty("settings").GetProperty("algorithm").GetString());
    }

    [Theory]
    [InlineData("json", "field 'evaluations'", "the manifest's evaluations (300)")]
    [InlineData("csv", "line 3, field 'evaluations'", "this row's evaluations (300)")]
    public void An_evaluations_override_of_a_manifests_own_budget_is_refused(string input, string where, string what)
    {
        string dir = CliRunner.TempDir();
        File.Copy(Tln, Path.Combine(dir, "TLN.wdn"));
        string path = Path.Combine(dir, input == "json" ? "study.json" : "study.csv");
        File.WriteAllText(path, input == "json"
            ? """{"manifest": "wdnaccel-batch", "job": "optimize", "scenarios": ["TLN.wdn"], "evaluations": 300}"""
            : "scenario,algorithm,evaluations\nTLN.wdn,de,\nTLN.wdn,ga,300\n");
        var r = Batch(path, Path.Combine(dir, "out"), "--job", "optimize", "--evaluations", "200");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(where, r.Error);
        Assert.Contains($"--evaluations 200 conflicts with {what}", r.Error);
    }

    // ---- 2. resume with other settings ----

    [Theory]
    [InlineData("--seed", "7", "--seed 7 now, 9 then")]
    [InlineData("--evaluations", "300", "--evaluations 300 now, 200 then")]
    [InlineData("--job", "simulate", "--job simulate now, optimize then")]
    [InlineData("--algorithm", "ga", "--algorithm ga now, none (each scenario's) then")]
    [InlineData("--backend", "simd", "--backend simd now, scalar then")]
    [InlineData("--newton-steps", "junctions", "--newton-steps junctions now, auto then")]
    [InlineData("--shard", "0/2", "--shard 0/2 now, 0/1 then")]
    public void Resuming_with_other_settings_is_refused_naming_old_and_new(string option, string value, string expected)
    {
        var (dir, folder, _) = Inputs();
        File.Copy(Tln, Path.Combine(folder, "two-loop-2.wdn"));
        File.Copy(Tln, Path.Combine(folder, "two-loop-3.wdn"));
        string output = Path.Combine(dir, "out");
        var settings = new Dictionary<string, string> { ["--job"] = "optimize", ["--seed"] = "9", ["--evaluations"] = "200", ["--backend"] = "scalar" };
        string[] Args(Dictionary<string, string> s) => ["batch", folder, "--out", output, "--threads", "1", .. s.SelectMany(p => new[] { p.Key, p.Value })];
        var first = CliRunner.Run(Args(settings));
        Assert.True(first.ExitCode is 0 or 3, first.Error);
        byte[] before = File.ReadAllBytes(Path.Combine(output, BatchResultFile.FileName));

        settings[option] = value;
        var resumed = CliRunner.Run([.. Args(settings), "--resume"]);
        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains(BatchRunSettings.FileName, resumed.Error);
        Assert.Contains(expected, resumed.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(output, BatchResultFile.FileName))); // nothing ran, nothing appended
        Assert.Equal("optimize", ReadRunJson(output).GetProperty("job").GetString()); // and run.json still states the run
    }

    [Fact]
    public void Resuming_with_the_same_settings_goes_on_whatever_the_threads()
    {
        var (dir, folder, _) = Inputs();
        File.Copy(Tln, Path.Combine(folder, "two-loop-2.wdn"));
        string output = Path.Combine(dir, "out");
        var first = Batch(folder, output, "--job", "optimize", "--evaluations", "200", "--seed", "3", "--threads", "1");
        Assert.Equal(0, first.ExitCode);
        // As if killed after the first record.
        string results = Path.Combine(output, BatchResultFile.FileName);
        long cut = BatchResultFile.Read(results).Records[0].Encode().Length;
        using (var f = new FileStream(results, FileMode.Open)) f.SetLength(cut);
        var resumed = Batch(folder, output, "--job", "optimize", "--evaluations", "200", "--seed", "3", "--threads", "2", "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("1 run now, 1 done before", resumed.Out);
        Assert.Contains($"wrote {Path.Combine(output, BatchRunSettings.FileName)}", resumed.Error);

        var run = ReadRunJson(output);
        Assert.Equal(3UL, run.GetProperty("seed").GetUInt64());
        Assert.Equal(200, run.GetProperty("evaluations").GetInt64());
        Assert.Equal("scalar", run.GetProperty("backend").GetString());
        Assert.Equal(JsonValueKind.Null, run.GetProperty("algorithm").ValueKind);
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, BatchSummary.JsonName))).RootElement;
        var stated = summary.GetProperty("settings"); // the report states its settings
        Assert.Equal(run.EnumerateObject().Select(p => $"{p.Name}={p.Value}"), stated.EnumerateObject().Select(p => $"{p.Name}={p.Value}"));
    }

    [Fact]
    public void Results_without_the_settings_that_made_them_are_not_resumed()
    {
        var (dir, folder, _) = Inputs();
        string output = Path.Combine(dir, "out");
        Assert.True(Batch(folder, output, "--job", "paths").ExitCode is 0 or 3);
        File.Delete(Path.Combine(output, BatchRunSettings.FileName)); // as an older wdnaccel left it
        var resumed = Batch(folder, output, "--job", "paths", "--resume");
        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains($"no {BatchRunSettings.FileName}", resumed.Error);
    }

    [Fact]
    public void Shards_made_with_other_settings_are_not_merged()
    {
        var (dir, folder, _) = Inputs();
        File.Copy(Tln, Path.Combine(folder, "two-loop-2.wdn"));
        File.Copy(Tln, Path.Combine(folder, "two-loop-3.wdn"));
        Batch(folder, Path.Combine(dir, "s0"), "--job", "optimize", "--evaluations", "200", "--shard", "0/2");
        Batch(folder, Path.Combine(dir, "s1"), "--job", "optimize", "--evaluations", "300", "--shard", "1/2");
        var merged = CliRunner.Run("batch", "merge", Path.Combine(dir, "s0"), Path.Combine(dir, "s1"), "--out", Path.Combine(dir, "m"));
        Assert.Equal(2, merged.ExitCode);
        Assert.Contains("--evaluations 300 here, 200 there", merged.Error);

        Batch(folder, Path.Combine(dir, "t1"), "--job", "optimize", "--evaluations", "200", "--shard", "1/2");
        var ok = CliRunner.Run("batch", "merge", Path.Combine(dir, "s0"), Path.Combine(dir, "t1"), "--out", Path.Combine(dir, "m"));
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Equal("0/1", ReadRunJson(Path.Combine(dir, "m")).GetProperty("shard").GetString());
        Assert.Contains($"wrote {Path.Combine(dir, "m", BatchRunSettings.FileName)}", ok.Error);
    }

    private static JsonElement ReadRunJson(string folder) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, BatchRunSettings.FileName))).RootElement;

    // ---- 3. unknown algorithms, before any job runs ----

    [Theory]
    [InlineData("foo", "field '--algorithm': unknown algorithm 'foo'; expected one of ga, de, cro, gacoasa, shade")]
    [InlineData("shde", "(did you mean shade?)")]
    [InlineData("nsga2", "nsga2 is not a batch algorithm")]
    public void An_unknown_algorithm_option_is_refused_before_any_job_runs(string algorithm, string expected)
    {
        var (dir, folder, _) = Inputs();
        string output = Path.Combine(dir, "out");
        var r = Batch(folder, output, "--job", "optimize", "--algorithm", algorithm);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFiles(output).Any());
    }

    [Fact]
    public void Plan_refuses_an_unknown_algorithm_without_writing_the_stream()
    {
        string dir = CliRunner.TempDir(), stream = Path.Combine(dir, "s.wdnb");
        var r = CliRunner.Run("batch", "plan", "--scenarios", Tln, "--algorithms", "de,gacosa", "--out", stream);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--algorithms': unknown algorithm 'gacosa'", r.Error);
        Assert.Contains("(did you mean gacoasa?)", r.Error);
        Assert.False(File.Exists(stream));

        // A scenario whose own solver block names no known optimizer, when --algorithms leaves the choice to it.
        string json = Path.Combine(dir, "tln.json");
        Assert.Equal(0, CliRunner.Run("convert", Tln, json).ExitCode);
        File.WriteAllText(json, File.ReadAllText(json).Replace("\"algorithm\": \"de\"", "\"algorithm\": \"fooo\"", StringComparison.Ordinal));
        var own = CliRunner.Run("batch", "plan", "--scenarios", json, "--out", stream);
        Assert.Equal(2, own.ExitCode);
        Assert.Contains("tln.json", own.Error);
        Assert.Contains("field 'solver.algorithm': unknown algorithm 'fooo'", own.Error);
        Assert.False(File.Exists(stream));
    }

    [Theory]
    [InlineData("study.csv", "scenario,algorithm\nTLN.wdn,de\nTLN.wdn,foo\n", "study.csv, line 3, field 'algorithm': unknown algorithm 'foo'")]
    [InlineData("study.json", """{"manifest": "wdnaccel-batch", "job": "optimize", "scenarios": ["TLN.wdn"], "algorithms": ["de", "foo"]}""", "study.json, field 'algorithms[1]': unknown algorithm 'foo'")]
    public void A_manifest_naming_an_unknown_algorithm_is_refused_naming_where(string name, string text, string expected)
    {
        string dir = CliRunner.TempDir(), output = Path.Combine(dir, "out");
        File.Copy(Tln, Path.Combine(dir, "TLN.wdn"));
        File.WriteAllText(Path.Combine(dir, name), text);
        var r = Batch(Path.Combine(dir, name), output, "--job", "optimize");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
        Assert.False(File.Exists(Path.Combine(output, BatchResultFile.FileName)));
    }

    // ---- 4. two CSV rows making one job ----

    [Fact]
    public void Two_csv_rows_making_one_job_name_both_lines()
    {
        string dir = CliRunner.TempDir();
        File.Copy(Tln, Path.Combine(dir, "TLN.wdn"));
        // Lines 2 and 4 are one job: "1.0" and "1" are one multiplier, an empty algorithm cell is the scenario's (de).
        File.WriteAllText(Path.Combine(dir, "study.csv"), "scenario,algorithm,demand_multiplier\nTLN.wdn,de,1.0\nTLN.wdn,ga,1\nTLN.wdn,,1\n");
        var r = Batch(Path.Combine(dir, "study.csv"), Path.Combine(dir, "out"), "--job", "optimize");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("study.csv, line 4: lines 2 and 4 make the same job 'TLN|de|demand=1|seed=1'", r.Error);
    }

    // ---- 5. the seed's range, as optimize's ----

    [Fact]
    public void A_negative_seed_is_refused_as_optimize_refuses_it()
    {
        var (dir, folder, _) = Inputs();
        var batch = Batch(folder, Path.Combine(dir, "out"), "--job", "paths", "--seed", "-3");
        var optimize = CliRunner.Run("optimize", Tln, "--seed", "-1");
        Assert.Equal(2, optimize.ExitCode);
        Assert.Equal(2, batch.ExitCode);
        static string ErrorLine(string text) => text.Split('\n').Single(l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal(ErrorLine(optimize.Error).Replace("-1", "-3", StringComparison.Ordinal), ErrorLine(batch.Error));
        Assert.Contains("--seed", ErrorLine(batch.Error));
        Assert.False(File.Exists(Path.Combine(dir, "out", BatchResultFile.FileName)));
    }

    // ---- 6. every algorithm a batch takes is in its help and docs ----

    [Fact]
    public void Batch_help_and_docs_list_every_algorithm_a_batch_takes()
    {
        string help = CliRunner.Run("batch", "--help").Out;
        string Option(string name, string next) => help[help.IndexOf($"  --{name} ", StringComparison.Ordinal)..help.IndexOf($"  --{next} ", StringComparison.Ordinal)];
        string algorithm = Option("algorithm", "evaluations"), algorithms = Option("algorithms", "replicates");
        string docs = File.ReadAllText(Path.Combine(CliRunner.Root, "docs", "batch.md"));
        string usage = docs.Split('\n').Single(l => l.Contains("[--algorithm ", StringComparison.Ordinal));
        foreach (string name in OptimizerCatalog.Names)
        {
            Assert.Contains(name, algorithm);
            Assert.Contains(name, algorithms);
        }
        Assert.Contains($"[--algorithm {string.Join("|", OptimizerCatalog.Names)}]", usage);
    }
}
