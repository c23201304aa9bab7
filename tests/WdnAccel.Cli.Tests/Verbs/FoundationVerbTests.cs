using System.Text.Json;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

public class FoundationVerbTests
{
    [Fact]
    public void Help_exits_zero_and_lists_the_verbs()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("validate", r.Out);
        Assert.Contains("convert", r.Out);
    }

    /// <summary>
    /// --ignore-unsupported's help names what the reader still refuses: validate's said "valves, controls, ...",
    /// which a network with valves and controls (Net3) disproves by validating without it.
    /// </summary>
    [Theory]
    [InlineData("validate")]
    [InlineData("convert")]
    [InlineData("info")]
    [InlineData("simulate")]
    public void The_help_of_ignore_unsupported_names_what_is_refused(string verb)
    {
        var help = CliRunner.Run(verb, "--help");
        Assert.Contains("[LEAKAGE]", help.Out);
        Assert.DoesNotContain("valves, controls, ...", help.Out);
        string inp = CliRunner.Data("networks", "Net3.inp");
        Assert.Contains("[CONTROLS]", File.ReadAllText(inp));
        var r = CliRunner.Run("validate", inp);
        Assert.True(r.ExitCode == 0, r.Error);
    }

    [Fact]
    public void Unknown_verb_is_a_usage_error()
    {
        var r = CliRunner.Run("frobnicate");
        Assert.Equal(2, r.ExitCode);
    }

    [Fact]
    public void Info_json_reports_counts_and_total_demand_of_Hanoi()
    {
        var r = CliRunner.Run("info", CliRunner.Data("networks", "HAN.inp"), "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(31, doc.GetProperty("junctions").GetInt32());
        Assert.Equal(34, doc.GetProperty("pipes").GetInt32());
        // Hanoi's demands sum to 19,940 m³/h (Fujiwara & Khang 1990), converted with EPANET's CMH factor.
        Assert.Equal(19940 / 101.94 * 0.028316846592, doc.GetProperty("total_demand").GetDouble(), 12);
    }

    [Fact]
    public void Validate_finds_every_problem_with_its_line()
    {
        string dir = CliRunner.TempDir();
        string file = Path.Combine(dir, "two-islands.inp");
        File.WriteAllText(file, """
            [JUNCTIONS]
             A 10 1
             B 10 1
             C 10 1
            [RESERVOIRS]
             R 50
            [PIPES]
             1 R A 100 200 100
             2 B C 100 200 100
            [OPTIONS]
             Units LPS
            """);
        var r = CliRunner.Run("validate", file, "--json");
        Assert.Equal(2, r.ExitCode);
        var problems = JsonDocument.Parse(r.Out).RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => p.GetProperty("location").GetString() + ": " + p.GetProperty("message").GetString()).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("line 3 (junction B)") && p.Contains("disconnected"));
        Assert.Contains(problems, p => p.Contains("line 4 (junction C)") && p.Contains("disconnected"));
    }

    [Fact]
    public void Validate_reports_missing_fixed_head_node()
    {
        string file = Path.Combine(CliRunner.TempDir(), "nohead.inp");
        File.WriteAllText(file, "[JUNCTIONS]\n A 1 1\n B 1 1\n[PIPES]\n 1 A B 10 100 100\n");
        var r = CliRunner.Run("validate", file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no fixed-head node", r.Out);
    }

    [Theory]
    [InlineData("[JUNCTIONS]\n A 1 1\n[RESERVOIRS]\n R 9\n[PIPES]\n 1 R Z 10 100 100\n", "line 6", "unknown node 'Z'")]
    [InlineData("[JUNCTIONS]\n A 1 1\n[RESERVOIRS]\n R 9\n[PIPES]\n 1 R A -10 100 100\n", "line 6", "length of pipe 1")]
    [InlineData("[JUNCTIONS]\n A 1 x1\n", "line 2", "got 'x1'")]
    [InlineData("", "bad.inp", "empty file")]
    public void Broken_inp_exits_2_with_a_located_message_and_no_stack_trace(string text, string where, string what)
    {
        string file = Path.Combine(CliRunner.TempDir(), "bad.inp");
        File.WriteAllText(file, text);
        foreach (var verb in new[] { "info", "validate" })
        {
            var r = CliRunner.Run(verb, file);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(where, r.Error);
            Assert.Contains(what, r.Error);
            Assert.DoesNotContain("   at ", r.Error);
        }
    }

    [Theory]
    [InlineData("info")]
    [InlineData("validate")]
    [InlineData("simulate")]
    public void Out_writes_the_json_document_and_keeps_the_text_on_stdout(string verb)
    {
        string file = Path.Combine(CliRunner.TempDir(), "out.json");
        var r = CliRunner.Run(verb, CliRunner.Data("networks", "TLN.inp"), "--out", file);
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("{", r.Out.TrimStart()[..1]);
        var json = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.Equal(JsonDocument.Parse(CliRunner.Run(verb, CliRunner.Data("networks", "TLN.inp"), "--json").Out).RootElement.EnumerateObject().Count(),
            json.EnumerateObject().Count());
    }

    [Fact]
    public void Missing_file_exits_2()
    {
        var r = CliRunner.Run("info", "/nonexistent/net.inp");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/nonexistent/net.inp", r.Error);
    }

    [Fact]
    public void Convert_inp_to_inp_round_trips()
    {
        string dir = CliRunner.TempDir();
        string out1 = Path.Combine(dir, "a.inp"), out2 = Path.Combine(dir, "b.inp");
        Assert.Equal(0, CliRunner.Run("convert", CliRunner.Data("networks", "NYT.inp"), out1).ExitCode);
        Assert.Equal(0, CliRunner.Run("convert", out1, out2).ExitCode);
        Assert.Equal(File.ReadAllText(out1), File.ReadAllText(out2));
    }
}
