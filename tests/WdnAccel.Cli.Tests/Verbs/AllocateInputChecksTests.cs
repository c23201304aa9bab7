using System.Text.Json;
using System.Text.Json.Nodes;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// allocate's answers where the input cannot be met or is misspelt: an infeasible Lishui case reports that no allocation
/// exists (valid JSON, exit 3, no "proven optimum"), a plan file's unknown key or repeated pair is refused, options the
/// Lishui model has no use for are refused, --no-exact keeps the exact fields (null), and --out adds a file.
/// </summary>
public sealed class AllocateInputChecksTests
{
    private static readonly string Lishui = CliRunner.Data("scenarios", "lishui-2030.json");
    private static readonly string Plan1 = CliRunner.Data("plans", "lishui-2030-plan1.json");
    private static readonly string Supply = CliRunner.Data("scenarios", "supply-allocation.json");

    private static JsonObject ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();

    [Fact]
    public void A_lishui_case_no_allocation_can_meet_says_so_in_valid_json_and_text()
    {
        var scenario = ReadJson(Lishui);
        scenario["graph_allocation"]!["nodes"]![0]!["demand"] = 5e6; // unit 1 needs more than every plant can make
        string file = Path.Combine(CliRunner.TempDir(), "lishui-too-much.json");
        File.WriteAllText(file, scenario.ToJsonString());

        var json = CliRunner.Run("allocate", file, "--evaluations", "500", "--json");
        Assert.Equal(3, json.ExitCode);
        var doc = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("infeasible", doc.GetProperty("status").GetString());
        Assert.True(doc.GetProperty("no_feasible_allocation").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("lower_bound").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.GetProperty("gap").ValueKind);
        Assert.StartsWith("no feasible allocation exists", doc.GetProperty("source").GetString());

        var text = CliRunner.Run("allocate", file, "--evaluations", "500");
        Assert.Equal(3, text.ExitCode);
        Assert.Contains("lower bound   none: no allocation meets every demand and limit", text.Out);
        foreach (string wrong in new[] { "proven within", "Infinity", "NaN" }) Assert.DoesNotContain(wrong, text.Out);
    }

    [Theory]
    [InlineData("root", "plantz", "field 'plantz': unknown key 'plantz' (did you mean plants?)")]
    [InlineData("plant", "capcity", "field 'plants[0].capcity': unknown key 'capcity' (did you mean capacity?)")]
    [InlineData("allocation", "flw", "field 'allocation[0].flw': unknown key 'flw' (did you mean flow?)")]
    public void A_plan_with_a_misspelt_key_is_refused_naming_it(string where, string key, string expected)
    {
        var plan = ReadJson(Plan1);
        JsonObject target = where switch { "root" => plan, "plant" => plan["plants"]![0]!.AsObject(), _ => plan["allocation"]![0]!.AsObject() };
        target[key] = 1;
        var (file, error) = RefusedPlan(plan);
        Assert.Contains($"{file}, {expected}", error);
    }

    /// <summary>Prices <paramref name="plan"/> from a file; the run must refuse it (exit 2): the file and stderr.</summary>
    private static (string File, string Error) RefusedPlan(JsonObject plan)
    {
        string file = Path.Combine(CliRunner.TempDir(), "plan.json");
        File.WriteAllText(file, plan.ToJsonString());
        var r = CliRunner.Run("allocate", Lishui, "--plan", file);
        Assert.Equal(2, r.ExitCode);
        return (file, r.Error);
    }

    [Fact]
    public void A_plan_giving_one_pair_twice_is_refused()
    {
        var plan = ReadJson(Plan1);
        var allocation = plan["allocation"]!.AsArray();
        allocation.Add(allocation[0]!.DeepClone());
        Assert.Contains($"field 'allocation[{allocation.Count - 1}]': plant '13' to unit '1' is given twice", RefusedPlan(plan).Error);
    }

    [Fact]
    public void A_plan_listing_a_plant_twice_is_refused()
    {
        var plan = ReadJson(Plan1);
        var plants = plan["plants"]!.AsArray();
        plants.Add(plants[0]!.DeepClone());
        Assert.Contains($"field 'plants[{plants.Count - 1}].id': plant '13' is listed twice", RefusedPlan(plan).Error);
    }

    [Theory]
    [InlineData("--write-model", "model.lp")]
    [InlineData("--no-exact", null)]
    public void Options_of_the_supply_lp_are_refused_for_the_lishui_model(string option, string? value)
    {
        string[] args = value is null ? ["allocate", Lishui, option] : ["allocate", Lishui, option, Path.Combine(CliRunner.TempDir(), value)];
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"field '{option}': {option} applies to a 'supply' block's LP", r.Error);
        if (value is not null) Assert.False(File.Exists(args[^1]));
    }

    [Fact]
    public void No_exact_keeps_the_exact_fields_as_null_and_prints_no_negative_zero()
    {
        var r = CliRunner.Run("allocate", Supply, "--no-exact", "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.False(doc.GetProperty("certified").GetBoolean());
        foreach (string field in new[] { "objective_exact", "solution_exact", "duals_exact", "reduced_costs" })
            Assert.Equal(JsonValueKind.Null, doc.GetProperty(field).ValueKind);
        Assert.Equal(JsonValueKind.Object, doc.GetProperty("duals").ValueKind);
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("version").GetString()));
        Assert.DoesNotMatch(@"(?<![\w.])-0(\.0+)?(?![\d.])", CliRunner.Run("allocate", Supply, "--no-exact").Out);
    }

    [Theory]
    [InlineData("supply", "--seed", "5", "field '--seed': --seed sets the metaheuristic of a graph_allocation block")]
    [InlineData("supply", "--algorithm", "ga", "field '--algorithm': --algorithm sets the metaheuristic of a graph_allocation block")]
    [InlineData("plan", "--evaluations", "5", "field '--evaluations': --evaluations sets the search for the least-cost allocation, and --plan prices a given plan")]
    public void Search_options_without_a_search_are_refused(string kind, string option, string value, string expected)
    {
        string[] args = kind == "supply" ? ["allocate", Supply, option, value] : ["allocate", Lishui, "--plan", Plan1, option, value];
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error);
    }

    [Fact]
    public void Out_of_a_planning_or_lishui_report_is_text_unless_json_is_asked_for()
    {
        string text = Path.Combine(CliRunner.TempDir(), "seasons.txt"), json = Path.Combine(CliRunner.TempDir(), "seasons.json");
        var r = CliRunner.Run("allocate", CliRunner.Data("scenarios", "supply-seasons.json"), "--out", text);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(r.Out, File.ReadAllText(text)); // the report, on stdout and in the file
        Assert.Contains("settings: exact certification on; wdnaccel", r.Out);
        Assert.Equal(0, CliRunner.Run("allocate", CliRunner.Data("scenarios", "supply-seasons.json"), "--out", json).ExitCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public void Out_writes_the_answer_besides_the_report()
    {
        string file = Path.Combine(CliRunner.TempDir(), "answer.json");
        var r = CliRunner.Run("allocate", Supply, "--out", file);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Total daily cost: $989", r.Out);
        Assert.Contains($"settings: exact certification on; wdnaccel {WdnAccel.Core.Io.ProductVersion.Text}\n", r.Out.Replace("\r", ""));
        Assert.Contains("settings: exact certification off (--no-exact)", CliRunner.Run("lp", CliRunner.Data("lp", "wyndor.lp"), "--no-exact").Out);
        Assert.Equal("optimal", JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("status").GetString());
    }
}
