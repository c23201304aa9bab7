using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Core.Batch;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `wdnaccel batch` end to end on a folder of design scenarios (two-loop and Hanoi copies under several names, plus a
/// broken file): two shards merged equal the unsharded run record for record (timings aside); a run killed inside a
/// record and resumed equals an uninterrupted one with no job twice; failures are recorded and the batch goes on.
/// </summary>
public sealed class BatchVerbTests
{
    private static string Folder()
    {
        string dir = CliRunner.TempDir();
        string input = Path.Combine(dir, "in");
        Directory.CreateDirectory(input);
        foreach (var name in new[] { "a", "b", "c", "d", "e" }) File.Copy(CliRunner.Data("scenarios", "TLN.wdn"), Path.Combine(input, $"two-loop-{name}.wdn"));
        File.Copy(CliRunner.Data("scenarios", "HAN.wdn"), Path.Combine(input, "hanoi.wdn"));
        File.WriteAllText(Path.Combine(input, "broken.json"), "{\"format\": \"wdnaccel-scenario\", \"network\": ");
        return dir;
    }

    private static CliRunner.Result Batch(string input, string output, params string[] more) =>
        CliRunner.Run([.. new[] { "batch", input, "--out", output, "--job", "optimize", "--evaluations", "600", "--seed", "9", "--backend", "simd", "--threads", "1" }, .. more]);

    private static List<byte[]> Records(string folder) =>
        BatchResultFile.Read(Path.Combine(folder, BatchResultFile.FileName)).Records.Select(r => r.EncodeWithoutTimings()).ToList();

    [Fact]
    public void Two_shards_merged_equal_the_unsharded_run_and_failures_are_recorded()
    {
        string dir = Folder(), input = Path.Combine(dir, "in");
        var whole = Batch(input, Path.Combine(dir, "whole"));
        Assert.Equal(3, whole.ExitCode); // one broken file: recorded as failed, the rest ran
        Assert.Contains("1 failed", whole.Out);
        var records = BatchResultFile.Read(Path.Combine(dir, "whole", BatchResultFile.FileName)).Records;
        Assert.Equal(7, records.Count);
        var broken = Assert.Single(records, r => r.Status == "failed");
        Assert.Equal("broken.json", broken.Job);
        Assert.Contains("broken.json", broken["error"]!.AsString());
        Assert.Equal(records.Select(r => r.Job).Order(StringComparer.Ordinal), records.Select(r => r.Job));
        Assert.Equal(5, records.Count(r => r.Job.StartsWith("two-loop", StringComparison.Ordinal) && r.Status == "ok"));
        Assert.Equal(7, records.Select(r => r["seed"]!.AsInt64()).Distinct().Count()); // every job its own seed

        var shards = new[] { Batch(input, Path.Combine(dir, "s0"), "--shard", "0/2"), Batch(input, Path.Combine(dir, "s1"), "--shard", "1/2") };
        Assert.All(shards, s => Assert.Contains(s.ExitCode, new[] { 0, 3 }));
        Assert.Equal(7, shards.Sum(s => int.Parse(s.Out.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
        var merged = CliRunner.Run("batch", "merge", Path.Combine(dir, "s0"), Path.Combine(dir, "s1"), "--out", Path.Combine(dir, "merged"));
        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.Equal(Records(Path.Combine(dir, "whole")), Records(Path.Combine(dir, "merged")));

        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "merged", BatchSummary.JsonName))).RootElement;
        Assert.Equal(7, summary.GetProperty("jobs").GetInt32());
        // A folder's optimize jobs are variants per file (scenario) and algorithm: one median never mixes networks.
        var variants = summary.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("variant").GetString()).ToList();
        Assert.Equal(7, variants.Count);
        Assert.Contains("optimize:hanoi.wdn|de", variants);
        Assert.Contains("optimize:two-loop-a.wdn|de", variants);
        string csv = File.ReadAllText(Path.Combine(dir, "merged", BatchSummary.CsvName));
        Assert.StartsWith("job,kind,variant,status,seconds,figure,value,error\n", csv);
        Assert.Equal(8, csv.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void Merging_a_shard_twice_or_leaving_one_out_is_refused()
    {
        string dir = Folder(), input = Path.Combine(dir, "in");
        Batch(input, Path.Combine(dir, "s0"), "--shard", "0/2");
        Batch(input, Path.Combine(dir, "s1"), "--shard", "1/2");
        var twice = CliRunner.Run("batch", "merge", Path.Combine(dir, "s0"), Path.Combine(dir, "s0"), "--out", Path.Combine(dir, "m1"));
        Assert.Equal(2, twice.ExitCode);
        Assert.Contains("0/2", twice.Error);
        var missing = CliRunner.Run("batch", "merge", Path.Combine(dir, "s0"), "--out", Path.Combine(dir, "m2"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("1/2 missing", missing.Error);
    }

    [Fact]
    public void A_run_killed_inside_a_record_resumes_to_the_uninterrupted_result()
    {
        string dir = Folder(), input = Path.Combine(dir, "in");
        Batch(input, Path.Combine(dir, "whole"));
        string killed = Path.Combine(dir, "killed");
        Batch(input, killed);
        // As if killed while writing the fourth record, before the summaries: cut the stream inside that record.
        string results = Path.Combine(killed, BatchResultFile.FileName);
        long cut = BatchResultFile.Read(results).Records.Take(3).Sum(r => (long)r.Encode().Length) + 11;
        using (var f = new FileStream(results, FileMode.Open)) f.SetLength(cut);
        File.Delete(Path.Combine(killed, BatchSummary.JsonName));

        var again = Batch(input, killed);
        Assert.Equal(2, again.ExitCode); // --out holds results: continuing needs --resume
        Assert.Contains("--resume", again.Error);

        var resumed = Batch(input, killed, "--resume");
        Assert.Equal(3, resumed.ExitCode);
        Assert.Contains("torn record", resumed.Error);
        Assert.Contains("4 run now, 3 done before", resumed.Out);
        Assert.Equal(Records(Path.Combine(dir, "whole")), Records(killed));
        Assert.True(File.Exists(Path.Combine(killed, BatchSummary.JsonName)));
    }

    [Fact]
    public void Progress_goes_to_a_non_terminal_stderr_as_plain_lines()
    {
        string dir = Folder(), input = Path.Combine(dir, "in");
        var r = Batch(input, Path.Combine(dir, "out"));
        Assert.Contains("batch: 7/7 jobs (0 done before), 1 failed", r.Error);
        Assert.DoesNotContain("\r", r.Error);
    }

    [Fact]
    public void Bad_batch_input_is_an_input_error()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(2, CliRunner.Run("batch", Path.Combine(dir, "nope"), "--out", Path.Combine(dir, "o")).ExitCode);
        Assert.Equal(2, CliRunner.Run("batch", dir, "--out", Path.Combine(dir, "o")).ExitCode); // no scenario files
        var job = CliRunner.Run("batch", CliRunner.Data("scenarios"), "--out", Path.Combine(dir, "o"), "--job", "dance");
        Assert.Equal(2, job.ExitCode);
        Assert.Contains("--job", job.Error);
        Assert.Equal(2, CliRunner.Run("batch", CliRunner.Data("scenarios")).ExitCode); // no --out
    }

    [Fact]
    public void A_planned_variant_study_streams_through_shards_and_groups_replicates()
    {
        string dir = CliRunner.TempDir();
        string plan = Path.Combine(dir, "sweep.wdnb");
        var planned = CliRunner.Run("batch", "plan", "--scenarios", $"{CliRunner.Data("scenarios", "TLN.wdn")},{CliRunner.Data("scenarios", "HAN.wdn")}",
            "--algorithms", "de,ga", "--replicates", "3", "--evaluations", "500", "--out", plan);
        Assert.True(planned.ExitCode == 0, planned.Error);
        Assert.Contains("wrote 12 scenarios", planned.Out);

        var whole = Batch(plan, Path.Combine(dir, "whole"));
        Assert.Contains(whole.ExitCode, new[] { 0, 3 });
        var records = BatchResultFile.Read(Path.Combine(dir, "whole", BatchResultFile.FileName)).Records;
        Assert.Equal(12, records.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), records.Select(r => r["index"]!.AsInt64())); // stream order
        Assert.Equal("TLN|de|demand=1|seed=1", records[0].Job); // scenario|algorithm|demand multiplier|replicate
        Assert.Equal(600, records[0]["evaluations_budget"]!.AsInt64()); // the batch's --evaluations overrides the planned 500
        Assert.All(records, r => Assert.True(r["evaluations"]!.AsInt64() <= r["evaluations_budget"]!.AsInt64() && r["cache_hits"]!.AsInt64() >= 0, r.Job));
        Assert.Equal("ga", records[3]["algorithm"]!.AsString());

        var variants = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "whole", BatchSummary.JsonName))).RootElement.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(4, variants.Count);
        Assert.All(variants, v => Assert.Equal(3, v.GetProperty("count").GetInt32()));
        Assert.All(variants, v => Assert.DoesNotContain("seed=", v.GetProperty("variant").GetString()));

        foreach (int i in new[] { 0, 1, 2 }) Batch(plan, Path.Combine(dir, $"s{i}"), "--shard", $"{i}/3");
        var merged = CliRunner.Run("batch", "merge", Path.Combine(dir, "s2"), Path.Combine(dir, "s0"), Path.Combine(dir, "s1"), "--out", Path.Combine(dir, "merged"));
        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.Equal(Records(Path.Combine(dir, "whole")), Records(Path.Combine(dir, "merged")));
    }

    [Fact]
    public void A_stream_with_two_scenarios_of_one_name_is_refused()
    {
        string dir = CliRunner.TempDir();
        string plan = Path.Combine(dir, "twice.wdnb");
        // `batch plan` refuses a repeated scenario, so write such a stream by hand.
        var tln = Core.Io.ScenarioFile.Load(CliRunner.Data("scenarios", "TLN.wdn")).Scenario;
        using (var writer = Core.Io.Scenarios.ScenarioBatchWriter.Create(plan))
        {
            writer.Write(tln);
            writer.Write(tln);
        }
        var r = Batch(plan, Path.Combine(dir, "out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("scenario[1].name", r.Error);
    }

    [Fact]
    public void A_manifest_runs_the_study_it_describes_like_the_planned_stream()
    {
        string dir = CliRunner.TempDir();
        File.Copy(CliRunner.Data("scenarios", "TLN.wdn"), Path.Combine(dir, "TLN.wdn"));
        File.WriteAllText(Path.Combine(dir, "study.json"), """
            {"manifest": "wdnaccel-batch", "job": "optimize", "scenarios": ["TLN.wdn"], "algorithms": ["de", "cro"],
             "replicates": 2, "demand_multipliers": [0.9, 1.1], "evaluations": 400}
            """);
        var planned = CliRunner.Run("batch", "plan", "--scenarios", Path.Combine(dir, "TLN.wdn"), "--algorithms", "de,cro", "--replicates", "2",
            "--demand-multipliers", "0.9,1.1", "--evaluations", "400", "--out", Path.Combine(dir, "study.wdnb"));
        Assert.Equal(0, planned.ExitCode);
        var fromManifest = CliRunner.Run("batch", Path.Combine(dir, "study.json"), "--out", Path.Combine(dir, "m"), "--backend", "simd");
        var fromStream = CliRunner.Run("batch", Path.Combine(dir, "study.wdnb"), "--out", Path.Combine(dir, "s"), "--job", "optimize", "--backend", "simd");
        Assert.Contains("8 optimize job(s)", fromManifest.Out);
        var a = BatchResultFile.Read(Path.Combine(dir, "m", BatchResultFile.FileName)).Records;
        var b = BatchResultFile.Read(Path.Combine(dir, "s", BatchResultFile.FileName)).Records;
        Assert.Equal(b.Select(r => r.Job), a.Select(r => r.Job));
        Assert.Equal(b.Select(r => r["best_cost"]!.AsDouble()), a.Select(r => r["best_cost"]!.AsDouble()));
        Assert.Equal(b.Select(r => r["input_sha256"]!.AsString()), a.Select(r => r["input_sha256"]!.AsString()));
        Assert.Contains(a, r => r.Job == "TLN|cro|demand=1.1|seed=2");
    }

    [Fact]
    public void A_csv_manifest_runs_its_rows_like_the_same_variants_in_a_json_manifest()
    {
        string dir = CliRunner.TempDir();
        File.Copy(CliRunner.Data("scenarios", "TLN.wdn"), Path.Combine(dir, "TLN.wdn"));
        // A spreadsheet's export: CRLF, a quoted path, an empty cell taking the default (replicate 1).
        File.WriteAllText(Path.Combine(dir, "study.csv"),
            "scenario,algorithm,demand_multiplier,replicate,evaluations\r\n\"TLN.wdn\",de,0.9,,400\r\nTLN.wdn,cro,1.1,2,400\r\n");
        File.WriteAllText(Path.Combine(dir, "study.json"), """
            {"manifest": "wdnaccel-batch", "job": "optimize", "scenarios": ["TLN.wdn"], "algorithms": ["de", "cro"],
             "replicates": 2, "demand_multipliers": [0.9, 1.1], "evaluations": 400}
            """);
        var fromCsv = CliRunner.Run("batch", Path.Combine(dir, "study.csv"), "--out", Path.Combine(dir, "c"), "--job", "optimize", "--backend", "simd");
        Assert.Equal(0, fromCsv.ExitCode);
        Assert.Contains("2 optimize job(s)", fromCsv.Out);
        var fromJson = CliRunner.Run("batch", Path.Combine(dir, "study.json"), "--out", Path.Combine(dir, "j"), "--backend", "simd");
        Assert.Equal(0, fromJson.ExitCode);
        var csv = BatchResultFile.Read(Path.Combine(dir, "c", BatchResultFile.FileName)).Records;
        var json = BatchResultFile.Read(Path.Combine(dir, "j", BatchResultFile.FileName)).Records.ToDictionary(r => r.Job);
        Assert.Equal(["TLN|de|demand=0.9|seed=1", "TLN|cro|demand=1.1|seed=2"], csv.Select(r => r.Job));
        foreach (var r in csv)
        {
            Assert.Equal(json[r.Job]["best_cost"]!.AsDouble(), r["best_cost"]!.AsDouble());
            Assert.Equal(json[r.Job]["input_sha256"]!.AsString(), r["input_sha256"]!.AsString());
        }
    }

    [Theory]
    [InlineData("scenario,algoritm\nTLN.wdn,de\n", "line 1", "unknown column 'algoritm'")]
    [InlineData("scenario,demand_multiplier\nTLN.wdn,1.0\nTLN.wdn,-2\n", "line 3", "expected a positive number, got '-2'")]
    [InlineData("scenario,replicate\nTLN.wdn,1.5\n", "line 2", "expected a whole number ≥ 1, got '1.5'")]
    [InlineData("scenario,algorithm\nTLN.wdn,de\nmissing.wdn,de\n", "line 3", "no such scenario file")]
    [InlineData("scenario,algorithm\nTLN.wdn,de\nTLN.wdn\n", "line 3", "expected 2 fields like the header, got 1")]
    [InlineData("scenario,algorithm\n\"TLN.wdn,de\n", "line 2", "quoted field is not closed")]
    [InlineData("scenario,algorithm\nTLN.wdn,de\nTLN.wdn,de\n", "line 3", "lines 2 and 3 make the same job 'TLN|de|demand=1|seed=1'")]
    [InlineData("algorithm\nde\n", "line 1", "no 'scenario' column")]
    public void A_broken_csv_manifest_is_refused_naming_its_line(string text, string where, string problem)
    {
        string dir = CliRunner.TempDir();
        File.Copy(CliRunner.Data("scenarios", "TLN.wdn"), Path.Combine(dir, "TLN.wdn"));
        File.WriteAllText(Path.Combine(dir, "bad.csv"), text);
        var r = CliRunner.Run("batch", Path.Combine(dir, "bad.csv"), "--out", Path.Combine(dir, "out"), "--job", "optimize");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("bad.csv", r.Error);
        Assert.Contains(where, r.Error);
        Assert.Contains(problem, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    /// <summary>Keys a record adds about the batch itself, or that the verb words differently.</summary>
    private static readonly string[] BatchOnlyKeys =
        ["job", "status", "index", "kind", "file", "input_sha256", "backend", "version", "seconds", "evaluations_per_second", "best_known_cost", "solver_status", "min_pressure", "min_pressure_node", "total_demand"];

    [Theory]
    [InlineData("optimize")]
    [InlineData("simulate")]
    public void A_record_repeats_the_verbs_json_fields_with_their_values(string kind)
    {
        string dir = CliRunner.TempDir(), input = Path.Combine(dir, "in");
        Directory.CreateDirectory(input);
        File.Copy(CliRunner.Data("scenarios", "TLN.wdn"), Path.Combine(input, "two-loop.wdn"));
        var batch = CliRunner.Run("batch", input, "--out", Path.Combine(dir, "out"), "--job", kind, "--evaluations", "600", "--seed", "4", "--backend", "scalar");
        Assert.Equal(0, batch.ExitCode);
        var record = Assert.Single(BatchResultFile.Read(Path.Combine(dir, "out", BatchResultFile.FileName)).Records);
        string seed = record["seed"]!.AsInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var verb = kind == "optimize"
            ? CliRunner.Run("optimize", Path.Combine(input, "two-loop.wdn"), "--json", "--no-refine", "--evaluations", "600", "--seed", seed, "--backend", "scalar")
            : CliRunner.Run("simulate", Path.Combine(input, "two-loop.wdn"), "--json", "--backend", "scalar");
        using var json = JsonDocument.Parse(verb.Out);
        var root = json.RootElement;
        int compared = 0;
        foreach (var (key, value) in record.Fields)
        {
            if (BatchOnlyKeys.Contains(key) || (kind == "simulate" && key == "seed")) continue; // a simulate job's seed is unused
            Assert.True(root.TryGetProperty(key, out var expected), $"record field '{key}' is not in `{kind} --json`");
            switch (value.Type)
            {
                case Core.Io.Msgpack.MessagePackType.Float or Core.Io.Msgpack.MessagePackType.Integer:
                    Assert.Equal(expected.GetDouble(), value.AsDouble());
                    break;
                case Core.Io.Msgpack.MessagePackType.String:
                    Assert.Equal(expected.GetString(), value.AsString());
                    break;
                case Core.Io.Msgpack.MessagePackType.Boolean:
                    Assert.Equal(expected.GetBoolean(), value.AsBoolean());
                    break;
                case Core.Io.Msgpack.MessagePackType.Array: // warnings: the same codes and messages in order
                    Assert.Equal(expected.EnumerateArray().Select(x => x.GetProperty("code").GetString() + ": " + x.GetProperty("message").GetString()),
                        value.AsArray().Select(x => x.AsMap().Single(e => e.Key.AsString() == "code").Value.AsString() + ": " + x.AsMap().Single(e => e.Key.AsString() == "message").Value.AsString()));
                    break;
                default: // design / parameters maps
                    Assert.Equal(expected.EnumerateObject().Count(), value.AsMap().Count);
                    break;
            }
            compared++;
        }
        Assert.True(compared >= (kind == "optimize" ? 14 : 6), $"only {compared} fields compared");
        if (kind == "simulate") Assert.Equal(root.GetProperty("status").GetString(), record["solver_status"]!.AsString());
    }
    /// <summary>
    /// Simulate jobs of one network share a batch where they differ only in a lane's inputs; a copy without its controls
    /// on junction pressure, or with another DAMPLIMIT, must not be solved with the first file's (it was, before
    /// NetworkStructure.Same compared them): each record is what `simulate` of that file alone reports.
    /// </summary>
    [Fact]
    public void Simulate_jobs_that_differ_in_controls_or_solver_options_are_each_solved_as_their_own_file()
    {
        string dir = CliRunner.TempDir(), input = Path.Combine(dir, "in");
        Directory.CreateDirectory(input);
        string text = File.ReadAllText(Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "snapshot", "PRESSURE_CONTROLS.inp"));
        File.WriteAllText(Path.Combine(input, "a-with-controls.inp"), text);
        File.WriteAllText(Path.Combine(input, "b-without-controls.inp"), System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^ LINK .* IF NODE .*$", ""));
        File.WriteAllText(Path.Combine(input, "c-damped.inp"), text.Replace(" Accuracy  0.001", " Accuracy  0.001\n DampLimit 0.5"));
        var run = CliRunner.Run("batch", input, "--out", Path.Combine(dir, "out"), "--backend", "simd", "--threads", "1");
        Assert.True(run.ExitCode == 0, run.Error);
        var records = BatchResultFile.Read(Path.Combine(dir, "out", BatchResultFile.FileName)).Records;
        Assert.Equal(3, records.Count);
        var alone = new List<double>();
        foreach (var r in records)
        {
            var snapshot = JsonDocument.Parse(CliRunner.Run("simulate", Path.Combine(input, r.Job), "--backend", "simd", "--json").Out).RootElement;
            double lowest = snapshot.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("type").GetString() == "junction").Min(n => n.GetProperty("pressure").GetDouble());
            Assert.Equal(lowest, r["min_pressure"]!.AsDouble(), 9);
            alone.Add(lowest);
        }
        // The controls matter here: the file without them has another lowest pressure.
        Assert.True(Math.Abs(alone[0] - alone[1]) > 1, $"lowest pressures {alone[0]} and {alone[1]}");
    }
}
