using System.Text.Json.Nodes;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Cli.Verbs;

namespace WdnAccel.Cli.Tests;

/// <summary>
/// Usage errors where a user walkthrough found them wrong: a bad allocate budget exiting 1 as an internal error, errors
/// naming the wrong field or none, .NET's "(Parameter 'name')" tail, option values of the wrong type answered with
/// 67 lines of help and no word of the value, optimizer lists without shade, and "-+0.00" in pump-schedule reports.
/// </summary>
public sealed class UsageErrorTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");
    private static readonly string Lishui = CliRunner.Data("scenarios", "lishui-2030.json");

    private static void AssertBadInput(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Error}");
        Assert.DoesNotContain("internal error", r.Error);
        Assert.DoesNotContain("Exception", r.Error);
        Assert.DoesNotContain("(Parameter '", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    /// <summary>Options that only apply with another one, or to another kind of work, are refused rather than dropped.</summary>
    [Theory]
    [InlineData("field '--throughput': --throughput applies to a device check", "devices", "--throughput")]
    [InlineData("field '--lanes': --lanes applies to a device check", "devices", "--lanes", "5")]
    [InlineData("field '--lanes': --lanes applies to a device check", "devices", "--lanes", "4096")] // the default too: given is given
    [InlineData("field '--arch': --arch chooses the architecture of --ptx DIR's files", "devices", "--arch", "sm_80")]
    [InlineData("field '--throughput-nodes': --throughput-nodes sizes the throughput rows", "devices", "--check", "ilgpu-cpu", "--throughput-nodes", "64")]
    [InlineData("field '--newton-steps': --newton-steps chooses how hydraulic (GGA) solves step", "paths", "DATA", "--newton-steps", "loops")]
    public void Options_that_would_be_dropped_are_refused(string expected, params string[] args)
    {
        var r = CliRunner.Run([.. args.Select(a => a == "DATA" ? CliRunner.Data("graphs", "small-directed.json") : a)]);
        AssertBadInput(r);
        Assert.Contains(expected, r.Error);
    }

    /// <summary>A folder option given an existing file: said in the project's words, not .NET's "already exists".</summary>
    [Theory]
    [InlineData("bench", "--plot")]
    [InlineData("study", "--out")]
    public void A_folder_option_naming_a_file_says_so(string verb, string option)
    {
        string file = Path.Combine(CliRunner.TempDir(), "exists.json");
        File.WriteAllText(file, "{}");
        string[] args = verb == "bench" ? ["bench", "--problems", "TLN", "--algorithms", "de", "--seeds", "1", option, file] : ["study", "layouts", option, file];
        var r = CliRunner.Run(args);
        AssertBadInput(r);
        Assert.Contains($"{file}, field '{option}': is a file; expected a folder", r.Error);
        Assert.DoesNotContain("already exists", r.Error);
    }

    /// <summary>optimize --algorithm nsga2 runs `front`; the least-cost search's own options would be dropped silently.</summary>
    [Theory]
    [InlineData("--param", "population=50")]
    [InlineData("--target", "420000")]
    [InlineData("--export-inp", "best.inp")]
    [InlineData("--no-refine", null)]
    [InlineData("--min-segment", "5")]
    public void Nsga2_refuses_the_options_of_the_least_cost_search(string option, string? value)
    {
        var args = new List<string> { "optimize", Tln, "--algorithm", "nsga2", "--evaluations", "200", option };
        if (value is not null) args.Add(value);
        var r = CliRunner.Run([.. args]);
        AssertBadInput(r);
        Assert.Contains($"field '{option}'", r.Error);
        Assert.Contains("takes no " + option, r.Error);
    }

    // ---- 1. allocate checks its numbers as optimize does ----

    [Theory]
    [InlineData("--evaluations", "-5", "--evaluations must be at least 1, got -5")]
    [InlineData("--evaluations", "0", "--evaluations must be at least 1, got 0")]
    [InlineData("--max-nodes", "0", "--max-nodes must be at least 1, got 0")]
    [InlineData("--time-limit", "-1", "--time-limit must be a positive number of seconds, got -1")]
    public void Allocate_refuses_a_bad_number_naming_the_option(string option, string value, string expected)
    {
        var r = CliRunner.Run("allocate", Lishui, option, value);
        AssertBadInput(r);
        Assert.Contains($"error: field '{option}': {expected}", r.Error);
    }

    [Fact]
    public void Allocate_lists_the_algorithms_it_takes_with_the_nearest()
    {
        var r = CliRunner.Run("allocate", Lishui, "--algorithm", "foo");
        AssertBadInput(r);
        Assert.Contains("field '--algorithm': unknown algorithm 'foo'; expected one of ga, de, cro, gacoasa, shade (did you mean cro?)\n", r.Error.Replace("\r\n", "\n"));
        var front = CliRunner.Run("allocate", Lishui, "--algorithm", "nsga2");
        AssertBadInput(front);
        Assert.Contains("field '--algorithm': nsga2 is multi-objective", front.Error);
        Assert.Contains("expected one of ga, de, cro, gacoasa, shade", front.Error);
    }

    // ---- 2. errors name the field the value came from ----

    [Fact]
    public void Bench_names_evaluations_not_the_solver_parameters()
    {
        var r = CliRunner.Run("bench", "--problems", "TLN", "--evaluations", "-100", "--backend", "scalar");
        AssertBadInput(r);
        Assert.Contains("field '--evaluations': --evaluations must be at least 1, got -100", r.Error);
        Assert.DoesNotContain("solver.parameters", r.Error);
    }

    [Theory]
    [InlineData("--param", "bogus=1", "field '--param': 'bogus=1': de: unknown parameter 'bogus'")]
    [InlineData("--population", "3", "field '--population': --population 3: de: parameter 'population' = 3 is outside [4, 1000000]")]
    public void Optimize_names_the_option_a_bad_parameter_came_from(string option, string value, string expected)
    {
        var r = CliRunner.Run("optimize", Tln, "--algorithm", "de", "--evaluations", "100", "--backend", "scalar", option, value);
        AssertBadInput(r);
        Assert.Contains(expected, r.Error);
        Assert.DoesNotContain("solver.parameters", r.Error);
    }

    /// <summary>TLN as JSON with its solver block replaced by <paramref name="solver"/>.</summary>
    private static string TlnWithSolver(JsonObject solver)
    {
        string dir = CliRunner.TempDir(), json = Path.Combine(dir, "tln.json");
        Assert.Equal(0, CliRunner.Run("convert", Tln, json).ExitCode);
        var root = JsonNode.Parse(File.ReadAllText(json))!.AsObject();
        root["solver"] = solver;
        File.WriteAllText(json, root.ToJsonString());
        return json;
    }

    [Fact]
    public void A_scenario_budget_of_zero_is_refused_naming_the_file_and_field()
    {
        string file = TlnWithSolver(new JsonObject { ["evaluations"] = 0 });
        foreach (var args in new[] { new[] { "optimize", file }, ["bench", "--problems", file, "--backend", "scalar"], ["validate", file] })
        {
            var r = CliRunner.Run(args);
            AssertBadInput(r);
            Assert.Contains($"{file}, line 1, field 'solver.evaluations': expected an integer ≥ 1, got 0", r.Error + r.Out);
            Assert.DoesNotContain("--evaluations", r.Error);
        }
    }

    [Fact]
    public void A_scenario_algorithm_is_refused_naming_the_file_and_field()
    {
        string file = TlnWithSolver(new JsonObject { ["algorithm"] = "foo" });
        foreach (var args in new[] { new[] { "optimize", file }, ["validate", file] })
        {
            var r = CliRunner.Run(args);
            AssertBadInput(r);
            Assert.Contains($"{file}, line 1, field 'solver.algorithm': unknown algorithm 'foo'; expected one of ga, de, cro, gacoasa, shade (did you mean cro?)", r.Error + r.Out);
        }
    }

    [Fact]
    public void A_bad_scenario_parameter_names_the_file_and_its_field()
    {
        string file = TlnWithSolver(new JsonObject { ["algorithm"] = "de", ["parameters"] = new JsonObject { ["cr"] = 7 } });
        var r = CliRunner.Run("optimize", file, "--evaluations", "100", "--backend", "scalar");
        AssertBadInput(r);
        Assert.Contains($"{file}, field 'solver.parameters.cr': de: parameter 'cr' = 7 is outside", r.Error);
        // --param replaces the file's value: then it is not refused.
        var replaced = CliRunner.Run("optimize", file, "--evaluations", "100", "--backend", "scalar", "--no-refine", "--param", "cr=0.5");
        Assert.True(replaced.ExitCode is 0 or 3, $"exit {replaced.ExitCode}: {replaced.Error}");
    }

    // ---- 3. a value of the wrong type: echoed, its type said, in a line or two ----

    [Theory]
    [InlineData("optimize", "--evaluations", "abc", "'abc' is not a whole number")]
    [InlineData("optimize", "--evaluations", "1e3", "'1e3' is not a whole number (write 1000)")]
    [InlineData("optimize", "--evaluations", "2.5", "'2.5' is not a whole number")]
    [InlineData("optimize", "--evaluations", "99999999999999999999", "'99999999999999999999' is too large (at most 9223372036854775807)")]
    [InlineData("optimize", "--seed", "abc", "'abc' is not a whole number ≥ 0")]
    [InlineData("optimize", "--seed", "-1", "'-1' is not a whole number ≥ 0")]
    [InlineData("bench", "--threads", "two", "'two' is not a whole number")]
    [InlineData("bench", "--tolerance", "abc", "'abc' is not a number")]
    [InlineData("batch", "--demand-multipliers", "1,abc", "'abc' is not a number (in '1,abc')")]
    public void A_value_of_the_wrong_type_is_echoed_with_the_type_expected(string verb, string option, string value, string expected)
    {
        string[] args = verb switch
        {
            "optimize" => [verb, Tln, option, value],
            "batch" => [verb, "plan", "--scenarios", Tln, option, value, "--out", Path.Combine(CliRunner.TempDir(), "s.wdnb")],
            _ => [verb, option, value],
        };
        foreach (var form in new[] { args, [.. args.Where(a => a != option && a != value), $"{option}={value}"] })
        {
            var r = CliRunner.Run(form);
            AssertBadInput(r);
            string error = r.Error.Replace("\r\n", "\n");
            Assert.Equal($"error: {option}: {expected}\nsee: wdnaccel {verb} --help\n", error);
        }
    }

    [Fact]
    public void Help_is_still_shown_without_a_verb_or_a_required_argument()
    {
        var none = CliRunner.Run();
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("optimize", none.Error);
        Assert.Contains("error: no verb given", none.Error);
        var noFile = CliRunner.Run("optimize");
        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("Evaluation budget", noFile.Error);
        Assert.Contains("error: missing a required argument", noFile.Error);
    }

    // ---- 4. every list of optimizers is the catalog's ----

    [Fact]
    public void Help_texts_list_every_optimizer()
    {
        const string all = "ga, de, cro, gacoasa, shade";
        string Flat(string text) => string.Join(" ", text.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"({all}; nsga2 for a cost–resilience front)", Flat(CliRunner.Run("--help").Out));
        Assert.Contains($"seeds the exact search ({all}; default gacoasa)", Flat(CliRunner.Run("allocate", "--help").Out));
        Assert.Contains($"{all} (default: the scenario's solver block", Flat(CliRunner.Run("optimize", "--help").Out));
        Assert.Contains($"any of {all} (default: all of them)", Flat(CliRunner.Run("bench", "--help").Out));
    }

    [Fact]
    public void Completion_offers_nsga2_to_optimize_only()
    {
        string script = CompletionVerb.BashScript();
        Assert.Contains("--algorithm) case \"$verb\" in optimize) words=\"ga de cro gacoasa shade nsga2\" ;; *) words=\"ga de cro gacoasa shade\" ;; esac;", script);
    }

    // ---- 5. pump schedules: one sign, and a heading that says what it counts ----

    [Fact]
    public void Pump_schedule_tank_changes_carry_one_sign_and_the_heading_says_connected()
    {
        var r = CliRunner.Run("simulate", CliRunner.Data("networks", "Net3.inp"), "--pump-schedules", "1000", "--seed", "1", "--energy-price", "0.12", "--backend", "scalar");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.DoesNotContain("-+", r.Out);
        Assert.DoesNotContain("+-", r.Out);
        Assert.Contains("schedules that converge with every junction connected to a source throughout (pressures not checked): ", r.Out);
        Assert.DoesNotContain("supplied", r.Out);
        // Net3's tanks emptied by a schedule keep supplying at their minimum level (EPANET 2.2's tankstatus leaves their
        // outlets open within HTOL; checked against EPANET with both pumps off), so such schedules count as connected.
        Assert.Matches(@"#446: [^\n]*tanks -3\.96 -5\.18 -7\.32 m", r.Out);
        Assert.Matches(@"#867: [^\n]*tanks \+1\.86 \+0\.66 \+0\.57 m", r.Out);
    }
}
