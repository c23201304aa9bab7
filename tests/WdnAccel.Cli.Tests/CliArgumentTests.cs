using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests;

/// <summary>A mistyped command says what was wrong and what was meant; arguments and values nobody takes are refused.</summary>
public sealed class CliArgumentTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");

    [Theory]
    [InlineData(new[] { "simulat", "x.inp" }, "error: unknown verb 'simulat' (did you mean simulate?)")]
    [InlineData(new[] { "optimize", "x.wdn", "--evaluatons", "5" }, "error: unknown option '--evaluatons' (did you mean --evaluations?)")]
    [InlineData(new[] { "simulate", "x.wdn", "--backnd", "simd" }, "error: unknown option '--backnd' (did you mean --backend?)")]
    [InlineData(new[] { "simulate", "x.wdn", "--zzzzzzzz" }, "error: unknown option '--zzzzzzzz'\n")]
    [InlineData(new[] { "simulate" }, "error: missing a required argument")]
    public void A_parse_error_is_named_after_the_usage(string[] args, string expected)
    {
        var r = CliRunner.Run(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Error.Replace("\r\n", "\n") + "\n");
    }

    [Fact]
    public void An_extra_file_argument_is_refused_instead_of_ignored()
    {
        var r = CliRunner.Run("validate", Tln, "nosuch.inp");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unexpected argument 'nosuch.inp'", r.Error);
    }

    [Theory]
    [InlineData("--min-pressure", "NaN")]
    [InlineData("--min-pressure", "Infinity")]
    public void A_non_finite_option_value_is_refused(string option, string value)
    {
        var r = CliRunner.Run("simulate", Tln, "--random-designs", "5", "--backend", "scalar", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"field '{option}': expected a finite number", r.Error);
    }

    [Fact]
    public void Option_values_that_look_like_options_or_negative_numbers_still_parse()
    {
        var r = CliRunner.Run("simulate", Tln, "--random-designs", "5", "--backend", "scalar", "--min-pressure", "-5", "--seed", "3");
        Assert.Equal(0, r.ExitCode);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    public void Version_prints_one_line_with_the_version_and_commit(string arg)
    {
        var r = CliRunner.Run(arg);
        Assert.Equal(0, r.ExitCode);
        string line = Assert.Single(r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^wdnaccel \d+\.\d+\.\d+", line.Trim());
    }

    [Fact]
    public void Validate_lists_every_bad_line_of_an_inp()
    {
        string dir = CliRunner.TempDir(), path = Path.Combine(dir, "bad.inp");
        var lines = File.ReadAllLines(CliRunner.Data("networks", "TLN.inp")).ToList();
        int junction = lines.IndexOf("[JUNCTIONS]") + 2, pipe = lines.IndexOf("[PIPES]") + 2;
        lines[junction] = " 2 abc 100";
        lines[pipe] = " 1 1 2 1000 -3 130";
        File.WriteAllLines(path, lines);
        var r = CliRunner.Run("validate", path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"line {junction + 1}, field 'elevation of junction 2'", r.Out);
        Assert.Contains($"line {pipe + 1}, field 'diameter of pipe 1'", r.Out);
        Assert.Contains("2 problem(s)", r.Out);
    }
}
