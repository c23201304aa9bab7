using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `simulate NET --eps-designs FILE`: each design of a CSV or JSON file runs through time as a lane and reports what the
/// same design, written into the network's .inp and run alone by plain `simulate`, reports; broken files exit 2 naming
/// the file, the line or field, and what was expected.
/// </summary>
public class SimulateEpsDesignFileTests
{
    private static string Net1 => CliRunner.Data("networks", "Net1.inp");

    // Net1 is in GPM, so its diameters are in inches; "keep" leaves pipe 31 at the network's 6 in.
    private const string Csv = "id,10,11,12,31,122\nbase,18,14,10,6,6\nsmall,12,10,8,4,4\nkeep,24,18,12,,8\n";

    private static readonly Dictionary<string, Dictionary<string, double>> Designs = new()
    {
        ["base"] = new() { ["10"] = 18, ["11"] = 14, ["12"] = 10, ["31"] = 6, ["122"] = 6 },
        ["small"] = new() { ["10"] = 12, ["11"] = 10, ["12"] = 8, ["31"] = 4, ["122"] = 4 },
        ["keep"] = new() { ["10"] = 24, ["11"] = 18, ["12"] = 12, ["122"] = 8 },
    };

    private static string Write(string name, string text)
    {
        string path = Path.Combine(CliRunner.TempDir(), name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Net1.inp with the [PIPES] diameters of <paramref name="design"/> (inches) written in.</summary>
    private static string EditedNet1(Dictionary<string, double> design) => InpPipeDiameters.Write(Net1, design, "Net1-edited.inp");

    private static JsonElement Json(params string[] args)
    {
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Out).RootElement;
    }

    [Fact]
    public void Each_file_design_reports_what_that_design_written_into_the_network_reports_alone()
    {
        string csv = Write("designs.csv", Csv);
        string[] args = ["simulate", Net1, "--eps-designs", csv, "--energy-price", "0.1", "--json"];
        var simd = Json([.. args, "--backend", "simd", "--batch", "2"]);
        var threaded = Json([.. args, "--threaded"]);
        Assert.Equal("file", simd.GetProperty("designs_from").GetString());
        Assert.Equal("in", simd.GetProperty("designs_file_diameter_unit").GetString());
        Assert.Equal("batched", simd.GetProperty("settings").GetProperty("path").GetString());
        Assert.Equal(2, simd.GetProperty("settings").GetProperty("lanes").GetInt32());
        Assert.Equal(["10", "11", "12", "31", "122"], simd.GetProperty("decision_pipes").EnumerateArray().Select(p => p.GetString()));
        foreach (var run in new[] { simd, threaded })
        {
            var c = run.GetProperty("candidates").EnumerateArray().ToArray();
            Assert.Equal(["base", "small", "keep"], c.Select(x => x.GetProperty("id").GetString()));
            foreach (var x in c)
            {
                var design = Designs[x.GetProperty("id").GetString()!];
                var alone = Json("simulate", EditedNet1(design), "--energy-price", "0.1", "--json");
                var steps = alone.GetProperty("steps").EnumerateArray().ToArray();
                double minPressure = steps.SelectMany(s => s.GetProperty("nodes").EnumerateArray())
                    .Where(n => n.GetProperty("type").GetString() == "junction").Min(n => n.GetProperty("pressure").GetDouble());
                double tank = steps[^1].GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "2").GetProperty("tank_level").GetDouble();
                double kwh = alone.GetProperty("pumps").EnumerateArray().Sum(p => p.GetProperty("kwh").GetDouble());
                Assert.Equal(minPressure, x.GetProperty("min_pressure").GetDouble(), 1e-6);
                Assert.Equal(tank, x.GetProperty("final_tank_levels")[0].GetDouble(), 1e-6);
                Assert.Equal(kwh, x.GetProperty("energy_kwh").GetDouble(), kwh * 1e-6);
                Assert.Equal(0.1 * kwh, x.GetProperty("energy_cost").GetDouble(), kwh * 1e-6);
                Assert.Equal(JsonValueKind.Null, x.GetProperty("pipe_cost").ValueKind);
                // Diameters are reported in m; pipe 31 of "keep" is the network's own 6 in.
                var d = x.GetProperty("diameters").EnumerateArray().Select(v => v.GetDouble()).ToArray();
                Assert.Equal(design["10"] * 0.0254, d[0], 12);
                Assert.Equal(design.GetValueOrDefault("31", 6) * 0.0254, d[3], 12);
            }
        }
        var p = simd.GetProperty("candidates").EnumerateArray().Select(x => x.GetProperty("min_pressure").GetDouble()).ToArray();
        Assert.True(p.Distinct().Count() == 3, "the designs differ");
    }

    [Fact]
    public void A_json_file_and_a_csv_without_an_id_column_give_the_same_designs()
    {
        string csv = Write("designs.csv", Csv);
        string json = Write("designs.json", JsonSerializer.Serialize(new
        {
            designs = Designs.Select(d => new { id = d.Key, diameters = d.Value }).ToArray(),
        }));
        string bare = Write("bare.csv", string.Join('\n', Csv.Split('\n').Select(l => l.Length == 0 ? l : l[(l.IndexOf(',') + 1)..])));
        var a = Json("simulate", Net1, "--eps-designs", csv, "--backend", "scalar", "--json").GetProperty("candidates").EnumerateArray().ToArray();
        var b = Json("simulate", Net1, "--eps-designs", json, "--backend", "scalar", "--json").GetProperty("candidates").EnumerateArray().ToArray();
        var c = Json("simulate", Net1, "--eps-designs", bare, "--backend", "scalar", "--json").GetProperty("candidates").EnumerateArray().ToArray();
        Assert.Equal(["1", "2", "3"], c.Select(x => x.GetProperty("id").GetString()));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(a[i].GetProperty("id").GetString(), b[i].GetProperty("id").GetString());
            foreach (var other in new[] { b[i], c[i] })
            {
                Assert.Equal(a[i].GetProperty("min_pressure").GetDouble(), other.GetProperty("min_pressure").GetDouble());
                Assert.Equal(a[i].GetProperty("energy_kwh").GetDouble(), other.GetProperty("energy_kwh").GetDouble());
            }
        }
    }

    [Theory]
    [InlineData("empty.csv", "", "line 1", "empty")]
    [InlineData("blank.csv", "\n\n", "line 1", "empty")]
    [InlineData("header.csv", "id,10,11\n", "line 2", "no designs")]
    [InlineData("unknown.csv", "id,10,99\na,12,10\n", "line 1, field 'column 3'", "unknown pipe id '99'")]
    [InlineData("pump.csv", "id,10,9\na,12,10\n", "line 1, field 'column 3'", "unknown pipe id '9'")]
    [InlineData("nan.csv", "id,10,11\na,12,10\nb,NaN,10\n", "line 3, field '10'", "> 0 in inches, got NaN")]
    [InlineData("negative.csv", "id,10,11\na,12,-10\n", "line 2, field '11'", "> 0 in inches, got -10")]
    [InlineData("zero.csv", "id,10,11\na,0,10\n", "line 2, field '10'", "> 0 in inches, got 0")]
    [InlineData("text.csv", "id,10,11\na,12,wide\n", "line 2, field '11'", "not a number: 'wide'")]
    [InlineData("short.csv", "id,10,11\na,12,10\nb,12\n", "line 3", "2 field(s), expected 3")]
    [InlineData("long.csv", "id,10,11\na,12,10,8\n", "line 2", "4 field(s), expected 3")]
    [InlineData("repeat.csv", "id,10,11\na,12,10\na,14,10\n", "line 3, field 'id'", "design id 'a' repeats line 2")]
    [InlineData("twice.csv", "id,10,10\na,12,10\n", "line 1, field 'column 3'", "pipe '10' has two columns")]
    [InlineData("noid.csv", "id,10\n,12\n", "line 2, field 'id'", "design id is empty")]
    [InlineData("quote.csv", "id,10\n\"a,12\n", "line 2", "not closed")]
    [InlineData("empty.json", "", "line 1, byte 1", "not valid JSON")]
    [InlineData("list.json", "[1,2]", "field 'designs'", "expected {\"designs\"")]
    [InlineData("none.json", "{\"designs\": []}", "field 'designs'", "no designs")]
    [InlineData("unknown.json", "{\"designs\": [{\"id\": \"a\", \"diameters\": {\"10\": 12, \"X\": 3}}]}", "field 'designs[0].diameters.X'", "unknown pipe id 'X'")]
    [InlineData("negative.json", "{\"designs\": [{\"id\": 1, \"diameters\": {\"10\": 12}}, {\"id\": 2, \"diameters\": {\"11\": -1}}]}", "field 'designs[1].diameters.11'", "> 0 in inches, got -1")]
    [InlineData("string.json", "{\"designs\": [{\"id\": \"a\", \"diameters\": {\"10\": \"12\"}}]}", "field 'designs[0].diameters.10'", "must be a number > 0 in inches, got \"12\"")]
    [InlineData("noid.json", "{\"designs\": [{\"diameters\": {\"10\": 12}}]}", "field 'designs[0]'", "no 'id'")]
    [InlineData("nodiameters.json", "{\"designs\": [{\"id\": \"a\"}]}", "field 'designs[0].diameters'", "expected 'diameters'")]
    [InlineData("repeat.json", "{\"designs\": [{\"id\": \"a\", \"diameters\": {}}, {\"id\": \"a\", \"diameters\": {}}]}", "field 'designs[1].id'", "repeats designs[0]")]
    [InlineData("designs.txt", "id,10\na,12\n", "", "expected .csv")]
    public void A_broken_design_file_exits_2_naming_the_file_the_place_and_what_was_expected(string name, string text, string where, string what)
    {
        string path = Write(name, text);
        var r = CliRunner.Run("simulate", Net1, "--eps-designs", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{path}{(where.Length > 0 ? ", " + where : "")}: ", r.Error);
        Assert.Contains(what, r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Fact]
    public void A_missing_file_and_catalog_options_with_a_file_are_named()
    {
        var r = CliRunner.Run("simulate", Net1, "--eps-designs", "no-such-designs.csv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--eps-designs", r.Error);
        Assert.Contains("no-such-designs.csv", r.Error);
        string csv = Write("designs.csv", Csv);
        r = CliRunner.Run("simulate", Net1, "--eps-designs", csv, "--catalog", "0.2,0.3");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--catalog", r.Error);
    }

    [Fact]
    public void The_report_goes_to_out_whole_and_a_bad_out_is_refused_before_the_work()
    {
        string dir = CliRunner.TempDir();
        string csv = Write("designs.csv", Csv);
        string outPath = Path.Combine(dir, "report.json");
        var r = CliRunner.Run("simulate", Net1, "--eps-designs", csv, "--out", outPath);
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(File.ReadAllText(outPath)).RootElement;
        Assert.Equal(3, doc.GetProperty("designs").GetInt32());
        Assert.Equal(["base", "small", "keep"], doc.GetProperty("candidates").EnumerateArray().Select(x => x.GetProperty("id").GetString()));
        r = CliRunner.Run("simulate", Net1, "--eps-designs", csv, "--out", Path.Combine(dir, "missing-folder", "report.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.DoesNotContain("designs:", r.Error); // refused before any design ran
    }
}
