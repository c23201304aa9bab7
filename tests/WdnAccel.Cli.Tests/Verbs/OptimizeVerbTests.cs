using System.Globalization;
using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

public class OptimizeVerbTests
{
    private static JsonElement Run(out int code, params string[] args)
    {
        var r = CliRunner.Run(args);
        code = r.ExitCode;
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Progress_goes_to_stderr_in_json_mode_too_and_not_before_the_first_second()
    {
        // A short run on a terminal draws no progress line (the first one said "~34 min left" at generation 0).
        var shortOut = new StringWriter();
        var shortErr = new StringWriter();
        Assert.Equal(0, Program.Run(["optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--evaluations", "300", "--seed", "2", "--backend", "simd"],
            shortOut, shortErr, interactive: true));
        Assert.DoesNotContain("\r", shortErr.ToString());
        // A run of a few seconds with --json: the line is drawn on stderr, stdout is the JSON answer alone.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0, Program.Run(["optimize", CliRunner.Data("scenarios", "HAN.wdn"), "--algorithm", "de", "--evaluations", "2000000",
            "--cache", "off", "--seed", "2", "--backend", "simd", "--no-refine", "--json"], stdout, stderr, interactive: true));
        Assert.Contains("\r  gen", stderr.ToString());
        Assert.Equal(2000000, JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("evaluations").GetInt64());
    }

    [Fact]
    public void Two_loop_design_is_feasible_its_cost_adds_up_and_simulate_agrees()
    {
        string dir = CliRunner.TempDir();
        string svg = Path.Combine(dir, "c.svg"), inp = Path.Combine(dir, "best.inp");
        var doc = Run(out int code, "optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "de", "--evaluations", "4000",
            "--seed", "7", "--backend", "simd", "--json", "--plot", svg, "--export-inp", inp);
        Assert.Equal(0, code);
        Assert.True(doc.GetProperty("feasible").GetBoolean());
        var design = doc.GetProperty("design").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(8, design.Count);

        // The reported cost is the catalog price of the reported diameters (all TLN pipes are 1000 m).
        double[] inches = [1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24];
        double[] price = [2, 5, 8, 11, 16, 23, 32, 50, 60, 90, 130, 170, 300, 550];
        double cost = design.Values.Sum(d => 1000 * price[Array.FindIndex(inches, i => Math.Abs(i * 0.0254 - d) < 1e-12)]);
        Assert.Equal(cost, doc.GetProperty("best_cost").GetDouble(), 1e-6);
        Assert.True(doc.GetProperty("min_pressure_margin").GetDouble() >= 0);

        // History: evaluations increase, best cost never increases, ends at the best.
        var history = doc.GetProperty("history").EnumerateArray().Select(h => (E: h[0].GetDouble(), C: h[1].GetDouble())).ToList();
        for (int i = 1; i < history.Count; i++)
        {
            Assert.True(history[i].E > history[i - 1].E);
            Assert.True(history[i].C < history[i - 1].C);
        }
        Assert.Equal(cost, history[^1].C, 1e-6);

        var lp = doc.GetProperty("lp_refinement");
        Assert.True(lp.GetProperty("certified").GetBoolean());
        Assert.False(lp.GetProperty("lower_bound").GetBoolean());
        Assert.True(lp.GetProperty("split_pipe_cost").GetDouble() <= cost * (1 + 1e-6));
        Assert.Equal(10.667, doc.GetProperty("omega").GetDouble(), 3);
        Assert.Contains("<svg", File.ReadAllText(svg));

        // Independent check: simulate the exported design; every junction keeps 30 m.
        string designFile = Path.Combine(dir, "design.json");
        File.WriteAllText(designFile, JsonSerializer.Serialize(design));
        var sim = Run(out int simCode, "simulate", CliRunner.Data("scenarios", "TLN.wdn"), "--design", designFile, "--json");
        Assert.Equal(0, simCode);
        Assert.True(sim.GetProperty("converged").GetBoolean());
        Assert.All(sim.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("demand").GetDouble() > 0),
            n => Assert.True(n.GetProperty("pressure").GetDouble() >= 30 - 1e-9));
        // The exported .inp re-imports with the optimized diameters.
        var exported = Run(out _, "info", inp, "--json");
        Assert.Equal(8, exported.GetProperty("pipes").GetInt32());
    }

    [Fact]
    public void Optimize_result_file_re_imports_into_simulate()
    {
        string result = Path.Combine(CliRunner.TempDir(), "result.json");
        Assert.Equal(0, CliRunner.Run("optimize", CliRunner.Data("scenarios", "NYT.wdn"), "--evaluations", "3000", "--out", result, "--no-refine").ExitCode);
        var optimized = JsonDocument.Parse(File.ReadAllText(result)).RootElement;
        var sim = Run(out int code, "simulate", CliRunner.Data("scenarios", "NYT.wdn"), "--design", result, "--json");
        Assert.Equal(0, code);
        // New York Tunnels' limit is a total head at every node (255 ft; 260 ft at 16, 272.8 ft at 17): the optimizer's
        // reported margin must be what the independent snapshot shows.
        double Limit(string id) => (id == "16" ? 260 : id == "17" ? 272.8 : 255) * 0.3048;
        double margin = sim.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("id").GetString() != "1")
            .Min(n => n.GetProperty("head").GetDouble() - Limit(n.GetProperty("id").GetString()!));
        Assert.Equal(optimized.GetProperty("min_pressure_margin").GetDouble(), margin, 1e-9);
    }

    [Fact]
    public void Same_seed_same_result_different_seed_differs()
    {
        string[] args = ["optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "ga", "--evaluations", "1500", "--json", "--no-refine"];
        var a = Run(out _, [.. args, "--seed", "3"]);
        var b = Run(out _, [.. args, "--seed", "3"]);
        var c = Run(out _, [.. args, "--seed", "4"]);
        Assert.Equal(a.GetProperty("history").ToString(), b.GetProperty("history").ToString());
        Assert.Equal(a.GetProperty("design").ToString(), b.GetProperty("design").ToString());
        Assert.NotEqual(a.GetProperty("history").ToString(), c.GetProperty("history").ToString());
        // The report names how the hydraulics were solved: two-loop is pipes only with 2 loops.
        Assert.Equal("GGA steps in loop-flow form (2 loops)", a.GetProperty("hydraulic_method").GetString());
    }

    [Fact]
    public void No_feasible_design_exits_3()
    {
        // Only 1-inch pipes: Two-loop cannot keep 30 m anywhere.
        string dir = CliRunner.TempDir();
        string overlay = Path.Combine(dir, "tiny.json"), scenario = Path.Combine(dir, "tiny.wdn");
        File.WriteAllText(overlay, """
            { "format": "wdnaccel-scenario", "version": 1, "name": "tiny",
              "design": { "catalog": [ { "diameter": 0.0254, "unit_cost": 2 } ],
                          "decision_pipes": ["1","2","3","4","5","6","7","8"], "min_pressure": 30 } }
            """);
        Assert.Equal(0, CliRunner.Run("convert", CliRunner.Data("networks", "TLN.inp"), scenario, "--merge", overlay).ExitCode);
        var r = CliRunner.Run("optimize", scenario, "--evaluations", "200", "--json");
        Assert.Equal(3, r.ExitCode);
        Assert.False(JsonDocument.Parse(r.Out).RootElement.GetProperty("feasible").GetBoolean());
    }

    [Theory]
    [InlineData("--algorithm", "simplex", "algorithm")]
    [InlineData("--param", "bogus=1", "bogus")]
    [InlineData("--evaluations", "0", "--evaluations")]
    [InlineData("--target", "-1", "field '--target': --target -1: expected a cost above 0")]
    [InlineData("--param", "population=50.5", "parameter 'population' = 50.5 must be a whole number")]
    public void Bad_settings_exit_2(string option, string value, string named)
    {
        var r = CliRunner.Run("optimize", CliRunner.Data("scenarios", "TLN.wdn"), option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(named, r.Error);
    }

    [Fact]
    public void Population_given_twice_must_agree_and_a_target_is_reported_with_where_it_stopped()
    {
        var both = CliRunner.Run("optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "ga", "--population", "50", "--param", "population=60");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--population 50 and --param population=60 disagree", both.Error);
        Assert.Equal(0, CliRunner.Run("optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "ga", "--evaluations", "300", "--population", "50", "--param", "population=50").ExitCode);

        string[] run = ["optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "de", "--evaluations", "3000", "--seed", "1", "--target", "425000"];
        var doc = Run(out int code, [.. run, "--json"]);
        Assert.Equal(0, code);
        Assert.Equal(425000, doc.GetProperty("target").GetDouble());
        Assert.Equal("TargetReached", doc.GetProperty("stop_reason").GetString());
        long at = doc.GetProperty("evaluations_to_target").GetInt64();
        Assert.Contains($"target        425,000 $: reached at {at:N0} evaluations, the run stopped there", CliRunner.Run(run).Out);
    }

    [Theory]
    [InlineData("--newton-steps", "bogus")]
    [InlineData("--cache", "maybe")]
    public void Nsga2_refuses_bad_backend_and_cache_values(string option, string value)
    {
        // nsga2 runs as `front`; the options it hands over (or only checks) are refused there too, not ignored.
        var r = CliRunner.Run("optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "nsga2", "--evaluations", "200", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.Error);
    }

    [Fact]
    public void Network_without_design_block_exits_2()
    {
        var r = CliRunner.Run("optimize", CliRunner.Data("networks", "TLN.inp"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("design block", r.Error);
    }

    [Fact]
    public void Bench_summarizes_every_algorithm_and_writes_csv()
    {
        string csv = Path.Combine(CliRunner.TempDir(), "bench.csv");
        var doc = Run(out int code, "bench", "--problems", "TLN", "--algorithms", "de,ga", "--seeds", "2", "--evaluations", "1000", "--json", "--csv", csv);
        Assert.Equal(0, code);
        var results = doc.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["de", "ga"], results.Select(r => r.GetProperty("algorithm").GetString()));
        foreach (var r in results)
        {
            Assert.Equal(2, r.GetProperty("runs").GetInt32());
            Assert.True(r.GetProperty("best_cost").GetDouble() <= r.GetProperty("worst_cost").GetDouble());
            Assert.Equal(419_000, r.GetProperty("best_known_cost").GetDouble());
            // Per-seed rows: seeds 1..N, and the row's best / median / worst are theirs.
            var seeds = r.GetProperty("seeds").EnumerateArray().ToList();
            Assert.Equal([1UL, 2UL], seeds.Select(x => x.GetProperty("seed").GetUInt64()));
            var costs = seeds.Where(x => x.GetProperty("feasible").GetBoolean()).Select(x => x.GetProperty("best_cost").GetDouble()).Order().ToList();
            Assert.Equal(r.GetProperty("feasible_runs").GetInt32(), costs.Count);
            Assert.Equal(costs[0], r.GetProperty("best_cost").GetDouble());
            Assert.Equal((costs[0] + costs[^1]) / 2, r.GetProperty("median_cost").GetDouble());
            Assert.All(seeds, x => Assert.Equal(1000, x.GetProperty("evaluations").GetInt64()));
        }
        // The CSV has the JSON's keys and numbers (not the table's "best" and "0/2"), and the comparison's settings.
        var lines = File.ReadAllLines(csv);
        Assert.Equal(3, lines.Length);
        var header = lines[0].Split(',');
        for (int i = 0; i < results.Count; i++)
        {
            var row = lines[i + 1].Split(',');
            Assert.Equal(header.Length, row.Length);
            foreach (var key in new[] { "evaluations_budget", "runs", "feasible_runs", "best_cost", "median_cost", "worst_cost", "best_known_cost",
                "successes", "success_rate", "hits_of_reference", "evaluations_per_second", "seconds", "omega", "accuracy", "max_trials" })
                Assert.Equal(results[i].GetProperty(key).GetDouble(), double.Parse(row[Array.IndexOf(header, key)], CultureInfo.InvariantCulture));
            Assert.Equal(results[i].GetProperty("cost_unit").GetString(), row[Array.IndexOf(header, "cost_unit")]);
            foreach (var key in new[] { "backend", "version" })
                Assert.Equal(doc.GetProperty(key).GetString(), row[Array.IndexOf(header, key)]);
            Assert.Equal(doc.GetProperty("tolerance").GetDouble(), double.Parse(row[Array.IndexOf(header, "tolerance")], CultureInfo.InvariantCulture));
        }
        // One Mann–Whitney comparison per pair of algorithms, on the per-seed costs above.
        var comparison = doc.GetProperty("comparisons").EnumerateArray().Single();
        Assert.Equal("de", comparison.GetProperty("a").GetString());
        Assert.Equal("ga", comparison.GetProperty("b").GetString());
        double p = comparison.GetProperty("p_value").GetDouble();
        Assert.InRange(p, 0, 1);
        Assert.Equal(results[0].GetProperty("median_cost").GetDouble(), comparison.GetProperty("median_cost_a").GetDouble());
    }

    [Fact]
    public void Bench_seed_start_runs_the_seeds_from_there_and_matches_the_same_seeds_inside_a_longer_range()
    {
        // Tune on one seed range, report on another: seeds 3..4 alone must be the same runs as seeds 3..4 of 1..4.
        JsonElement Seeds(params string[] extra)
        {
            var doc = Run(out int code, ["bench", "--problems", "TLN", "--algorithms", "shade", "--evaluations", "1200", "--backend", "scalar", "--json", .. extra]);
            Assert.Equal(0, code);
            return doc.GetProperty("results")[0].GetProperty("seeds");
        }
        var moved = Seeds("--seeds", "2", "--seed-start", "3").EnumerateArray().ToList();
        var all = Seeds("--seeds", "4").EnumerateArray().ToList();
        Assert.Equal([3UL, 4UL], moved.Select(x => x.GetProperty("seed").GetUInt64()));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(all[i + 2].GetProperty("best_cost").GetDouble(), moved[i].GetProperty("best_cost").GetDouble());
            Assert.Equal(all[i + 2].GetProperty("evaluations_to_best").GetInt64(), moved[i].GetProperty("evaluations_to_best").GetInt64());
        }
        Assert.NotEqual(all[0].GetProperty("evaluations_to_best").GetInt64(), moved[0].GetProperty("evaluations_to_best").GetInt64());
        Assert.Equal(2, CliRunner.Run("bench", "--problems", "TLN", "--algorithms", "de", "--seeds", "1", "--seed-start", "0").ExitCode);
    }

    [Fact]
    public void Bench_cache_on_answers_repeated_designs_from_the_cache_and_off_counts_every_row()
    {
        JsonElement Bench(params string[] extra)
        {
            var doc = Run(out int code, ["bench", "--problems", "TLN", "--algorithms", "shade", "--evaluations", "4000", "--seeds", "3", "--backend", "scalar", "--json", .. extra]);
            Assert.Equal(0, code);
            return doc;
        }
        var on = Bench();   // on by default
        var off = Bench("--cache", "off");
        Assert.True(on.GetProperty("evaluation_cache").GetBoolean());
        Assert.False(off.GetProperty("evaluation_cache").GetBoolean());
        var onRuns = on.GetProperty("results")[0].GetProperty("seeds").EnumerateArray().ToList();
        var offRuns = off.GetProperty("results")[0].GetProperty("seeds").EnumerateArray().ToList();
        Assert.All(offRuns, x => Assert.Equal(0, x.GetProperty("cache_hits").GetInt64()));
        Assert.True(onRuns.Sum(x => x.GetProperty("cache_hits").GetInt64()) > 0);
        Assert.All(onRuns, x => Assert.InRange(x.GetProperty("evaluations").GetInt64(), 1, 4000));
        // A run that repeated designs differs from the same seed counted row by row.
        Assert.Contains(Enumerable.Range(0, 3), i => onRuns[i].GetProperty("cache_hits").GetInt64() > 0
            && onRuns[i].GetProperty("evaluations_to_best").GetInt64() != offRuns[i].GetProperty("evaluations_to_best").GetInt64());
        var bad = CliRunner.Run("bench", "--problems", "TLN", "--algorithms", "shade", "--seeds", "1", "--cache", "maybe");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--cache 'maybe': expected on or off", bad.Error);
    }

    [Fact]
    public void Bench_plot_writes_convergence_per_problem_and_a_performance_profile()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "plots");
        var doc = Run(out int code, "bench", "--problems", "TLN", "--algorithms", "de,shade", "--seeds", "3", "--evaluations", "3000", "--backend", "scalar", "--json", "--plot", dir);
        Assert.Equal(0, code);
        var plots = doc.GetProperty("plots").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Equal(["convergence-TLN.svg", "performance-profile.svg"], plots.Select(Path.GetFileName));
        string convergence = File.ReadAllText(plots[0]);
        Assert.Contains("de (median of 3 seeds)", convergence);
        Assert.Contains("shade (median of 3 seeds)", convergence);
        Assert.Contains("<path", File.ReadAllText(plots[1]));

        // A --plot that is a file fails before any run.
        string file = Path.Combine(CliRunner.TempDir(), "not-a-folder");
        File.WriteAllText(file, "");
        var bad = CliRunner.Run("bench", "--problems", "TLN", "--algorithms", "de", "--seeds", "1", "--plot", file);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--plot", bad.Error);
        Assert.DoesNotContain("seed 1:", bad.Error);
    }

    [Fact]
    public void Text_reports_say_how_evaluations_were_counted()
    {
        var on = CliRunner.Run("optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "de", "--evaluations", "3000", "--seed", "3", "--backend", "scalar", "--json");
        Assert.Equal(0, on.ExitCode);
        long hits = JsonDocument.Parse(on.Out).RootElement.GetProperty("cache_hits").GetInt64();
        Assert.True(hits > 0, "DE on two-loop repeats designs within 3,000 evaluations");
        var text = CliRunner.Run("optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "de", "--evaluations", "3000", "--seed", "3", "--backend", "scalar");
        Assert.Contains($"evaluation cache on ({hits:N0} repeated designs answered from it, not counted)", text.Out.Replace('\u00a0', ' '));
        var off = CliRunner.Run("optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "de", "--evaluations", "3000", "--seed", "3", "--backend", "scalar", "--cache", "off");
        Assert.Contains("evaluation cache off", off.Out);
        Assert.Contains("evaluations: every design sent to the solver, repeats included (evaluation cache off)",
            CliRunner.Run("bench", "--problems", "TLN", "--algorithms", "de", "--seeds", "1", "--evaluations", "500", "--backend", "scalar", "--cache", "off").Out);
        Assert.Contains("evaluations: distinct designs (evaluation cache on",
            CliRunner.Run("bench", "--problems", "TLN", "--algorithms", "de", "--seeds", "1", "--evaluations", "500", "--backend", "scalar").Out);
    }

    [Fact]
    public void Bench_without_a_published_best_known_measures_against_the_best_cost_found_and_says_so()
    {
        // GoYang has no published best-known cost in our notes: successes and hits count against the least cost any
        // algorithm and seed found, instead of staying n/a.
        var doc = Run(out int code, "bench", "--problems", "GOY", "--algorithms", "de,ga", "--seeds", "2", "--evaluations", "1500", "--json");
        Assert.Equal(0, code);
        var results = doc.GetProperty("results").EnumerateArray().ToList();
        double least = results.SelectMany(r => r.GetProperty("seeds").EnumerateArray())
            .Where(x => x.GetProperty("feasible").GetBoolean()).Min(x => x.GetProperty("best_cost").GetDouble());
        foreach (var r in results)
        {
            Assert.Equal(JsonValueKind.Null, r.GetProperty("best_known_cost").ValueKind);
            Assert.Equal(JsonValueKind.Null, r.GetProperty("hits_of_best_known").ValueKind);
            Assert.Equal(least, r.GetProperty("reference_cost").GetDouble());
            Assert.StartsWith("best cost found in this comparison", r.GetProperty("reference").GetString());
            int hits = r.GetProperty("seeds").EnumerateArray().Count(x => x.GetProperty("feasible").GetBoolean() && x.GetProperty("best_cost").GetDouble() <= least * 1.001);
            Assert.Equal(hits, r.GetProperty("hits_of_reference").GetInt32());
        }
        Assert.True(results.Sum(r => r.GetProperty("hits_of_reference").GetInt32()) >= 1);
    }

    [Fact]
    public void Optimize_with_nsga2_gives_the_front_and_its_hypervolume()
    {
        var doc = Run(out int code, "optimize", CliRunner.Data("scenarios", "TLN.wdn"), "--algorithm", "nsga2", "--evaluations", "2000", "--backend", "scalar", "--json");
        Assert.Equal(0, code);
        var front = doc.GetProperty("front").EnumerateArray().ToList();
        Assert.NotEmpty(front);
        // Sorted by cost, the resilience index must rise: otherwise a point would be dominated.
        var points = front.Select(p => (Cost: p.GetProperty("cost").GetDouble(), Second: p.GetProperty("resilience").GetDouble())).OrderBy(p => p.Cost).ToList();
        for (int i = 1; i < points.Count; i++) Assert.True(points[i].Second > points[i - 1].Second, $"{points[i]} vs {points[i - 1]}");
        Assert.True(doc.GetProperty("hypervolume").GetDouble() > 0);
        Assert.All(front, p => Assert.Equal(8, p.GetProperty("design").EnumerateObject().Count()));
    }

    [Fact]
    public void Bench_records_the_parameters_it_ran_with_and_refuses_a_name_given_twice()
    {
        var doc = Run(out int code, "bench", "--problems", "TLN", "--algorithms", "shade,de", "--seeds", "1", "--evaluations", "500", "--param", "shade.p_max=0.5", "--json");
        Assert.Equal(0, code);
        var shade = doc.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("algorithm").GetString() == "shade");
        Assert.Equal(0.5, shade.GetProperty("parameters").GetProperty("p_max").GetDouble());
        var de = doc.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("algorithm").GetString() == "de");
        Assert.False(de.GetProperty("parameters").TryGetProperty("p_max", out _));
        string csvPath = Path.Combine(CliRunner.TempDir(), "b.csv");
        Assert.Equal(0, CliRunner.Run("bench", "--problems", "TLN", "--algorithms", "shade", "--seeds", "1", "--evaluations", "500", "--param", "p_max=0.5", "--csv", csvPath).ExitCode);
        var csv = File.ReadAllLines(csvPath);
        int column = Array.IndexOf(csv[0].Split(','), "changed_parameters");
        Assert.Equal("p_max=0.5", csv[1].Split(',')[column]);

        foreach (var (option, value, said) in new[] { ("--algorithms", "de,DE", "is given twice"), ("--problems", $"TLN,{CliRunner.Data("scenarios", "TLN.wdn")}", "name the same problem") })
        {
            string[] args = option == "--algorithms" ? ["bench", "--problems", "TLN", option, value, "--seeds", "1"] : ["bench", option, value, "--algorithms", "de", "--seeds", "1"];
            var twice = CliRunner.Run(args);
            Assert.Equal(2, twice.ExitCode);
            Assert.Contains($"field '{option}': ", twice.Error);
            Assert.Contains(said, twice.Error);
        }
    }

    [Fact]
    public void Bench_median_and_worst_count_a_seed_without_a_feasible_design_as_worse_than_any()
    {
        // Hanoi at 3,000 evaluations: GA-COA-SA finds a feasible design on some seeds and not on others.
        var doc = Run(out int code, "bench", "--problems", "HAN", "--algorithms", "gacoasa", "--seeds", "3", "--evaluations", "3000", "--json");
        Assert.Equal(0, code);
        var row = doc.GetProperty("results")[0];
        var costs = row.GetProperty("seeds").EnumerateArray()
            .Select(s => s.GetProperty("best_cost").ValueKind == JsonValueKind.Null ? double.PositiveInfinity : s.GetProperty("best_cost").GetDouble()).Order().ToArray();
        Assert.Contains(double.PositiveInfinity, costs);
        Assert.True(double.IsFinite(costs[1]), "the precondition: two of three seeds feasible");
        Assert.Equal(costs[1], row.GetProperty("median_cost").GetDouble());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("worst_cost").ValueKind);
        Assert.Equal(costs[0], row.GetProperty("best_cost").GetDouble());
    }

    [Fact]
    public void Bench_param_reaches_the_named_algorithm_and_overrides_the_scenario()
    {
        // DE refuses a population below 4: the value must have reached it.
        var tooSmall = CliRunner.Run("bench", "--problems", "TLN", "--algorithms", "de,ga", "--seeds", "1", "--evaluations", "500", "--param", "de.population=3");
        Assert.Equal(2, tooSmall.ExitCode);
        Assert.Contains("population", tooSmall.Error);
        // A bare name is ambiguous with two algorithms, and names the fix.
        var bare = CliRunner.Run("bench", "--problems", "TLN", "--algorithms", "de,ga", "--seeds", "1", "--param", "population=50");
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("de.population=50", bare.Error);
        // With one algorithm a bare name is enough, and a different population gives a different run.
        double Best(params string[] extra)
        {
            var doc = Run(out int code, ["bench", "--problems", "TLN", "--algorithms", "de", "--seeds", "1", "--evaluations", "800", "--backend", "scalar", "--json", .. extra]);
            Assert.Equal(0, code);
            return doc.GetProperty("results")[0].GetProperty("seeds")[0].GetProperty("evaluations_to_best").GetDouble();
        }
        Assert.NotEqual(Best(), Best("--param", "population=8"));
    }
}
