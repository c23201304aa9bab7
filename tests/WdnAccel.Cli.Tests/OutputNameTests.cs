using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests;

/// <summary>
/// Output file names as a researcher gives them: a name whose extension says another format than the one written
/// (`optimize --out r.csv` had received JSON, `batch plan --out s.json` a MessagePack stream that batch then read as a
/// manifest), an output that is also an input of the run (`lp m.json --out m.json` had replaced the model with the
/// answer), and two outputs on one file. Each is refused with exit 2 before the work, and no file is touched.
/// </summary>
public sealed class OutputNameTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");

    [Theory]
    [InlineData("r.csv", "--out", "optimize", "TLN", "--evaluations", "100", "--backend", "scalar")]
    [InlineData("r.inp", "--export-inp", "optimize", "TLN", "--evaluations", "100", "--backend", "scalar", "--export-inp", "r.json")]
    [InlineData("r.svg", "--plot", "optimize", "TLN", "--evaluations", "100", "--backend", "scalar", "--plot", "r.png")]
    [InlineData("r.csv", "--out", "front", "TLN", "--evaluations", "100", "--backend", "scalar")]
    [InlineData("r.csv", "--csv", "front", "TLN", "--evaluations", "100", "--backend", "scalar", "--csv", "r.json")]
    [InlineData("r.csv", "--csv", "bench", "--problems", "TLN", "--algorithms", "de", "--seeds", "1", "--evaluations", "100", "--csv", "r.json")]
    [InlineData("r.csv", "--out", "info", "TLN")]
    [InlineData("r.csv", "--out", "lp", "WYNDOR")]
    [InlineData("r.txt", "--out", "lp", "WYNDOR", "--json")]
    [InlineData("sweep.json", "--out", "batch", "plan", "--scenarios", "TLN", "--evaluations", "100")]
    public void A_name_that_says_another_format_is_refused_before_the_work(string outName, string field, params string[] args)
    {
        string dir = CliRunner.TempDir();
        // The row's own side-file name (after its option) is the wrong one; else --out is.
        var full = args.Select(a => a switch { "TLN" => Tln, "WYNDOR" => CliRunner.Data("lp", "wyndor.lp"), _ => a }).ToList();
        int at = full.IndexOf(field);
        string bad;
        if (at >= 0) { bad = Path.Combine(dir, full[at + 1]); full[at + 1] = bad; }
        else { bad = Path.Combine(dir, outName); full.AddRange(["--out", bad]); }
        var r = CliRunner.Run([.. full]);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Error}");
        Assert.Contains($"field '{field}'", r.Error);
        Assert.Contains($"got '{Path.GetExtension(bad)}'", r.Error);
        Assert.False(File.Exists(bad));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void The_names_that_say_the_format_are_taken()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("lp", CliRunner.Data("lp", "wyndor.lp"), "--out", Path.Combine(dir, "w.txt")).ExitCode);
        Assert.StartsWith("status: optimal", File.ReadAllText(Path.Combine(dir, "w.txt")));
        Assert.Equal(0, CliRunner.Run("batch", "plan", "--scenarios", Tln, "--evaluations", "100", "--out", Path.Combine(dir, "s.wdnb")).ExitCode);
        Assert.Equal(0, CliRunner.Run("info", Tln, "--out", Path.Combine(dir, "info")).ExitCode); // no extension: as given
        Assert.Equal('{', File.ReadAllText(Path.Combine(dir, "info"))[0]);
    }

    [Theory]
    [InlineData("lp", "model.json", "--out")]
    [InlineData("lp", "model.json", "--write-model")]
    [InlineData("paths", "graph.json", "--out")]
    [InlineData("simulate", "net.json", "--out")]
    [InlineData("allocate", "supply.json", "--out")]
    public void An_output_that_is_an_input_of_the_run_is_refused_and_the_input_kept(string verb, string input, string option)
    {
        string dir = CliRunner.TempDir(), file = Path.Combine(dir, input);
        string source = verb switch
        {
            "lp" => CliRunner.Data("lp", "thirds.json"),
            "paths" => CliRunner.Data("graphs", "small-directed.json"),
            "allocate" => CliRunner.Data("scenarios", "supply-allocation.json"),
            _ => "",
        };
        if (verb == "simulate") Assert.Equal(0, CliRunner.Run("convert", Tln, file).ExitCode);
        else File.Copy(source, file);
        string before = File.ReadAllText(file);
        var r = CliRunner.Run(verb, file, option, file);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Error}");
        Assert.Contains($"field '{option}': is also an input of this run", r.Error);
        Assert.Equal(before, File.ReadAllText(file));
        // --option=value names it too
        r = CliRunner.Run(verb, file, $"{option}={file}");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(before, File.ReadAllText(file));
    }

    [Fact]
    public void An_input_reached_through_a_link_is_not_overwritten()
    {
        if (OperatingSystem.IsWindows()) return; // symbolic links need privileges there
        string dir = CliRunner.TempDir(), net = Path.Combine(dir, "net.json");
        Assert.Equal(0, CliRunner.Run("convert", Tln, net).ExitCode);
        string before = File.ReadAllText(net);
        // latest.json → net.json, and a folder link runs → dir: three names of the one input.
        string latest = Path.Combine(dir, "latest.json"), runs = Path.Combine(dir, "runs");
        File.CreateSymbolicLink(latest, "net.json");
        Directory.CreateSymbolicLink(runs, dir);
        foreach (var (input, output) in new[] { (latest, net), (net, Path.Combine(runs, "net.json")), (Path.Combine(runs, "latest.json"), net) })
        {
            var r = CliRunner.Run("simulate", input, "--out", output);
            Assert.True(r.ExitCode == 2, $"simulate {input} --out {output}: exit {r.ExitCode}: {r.Error}");
            Assert.Contains("is also an input of this run", r.Error);
            Assert.Equal(before, File.ReadAllText(net));
        }
        // --out onto the link's own name replaces the link, not the file it points to: the input is safe, and taken.
        var ok = CliRunner.Run("simulate", net, "--out", latest);
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Equal(before, File.ReadAllText(net));
        Assert.Contains("\"nodes\"", File.ReadAllText(latest));
    }

    [Fact]
    public void A_design_file_given_as_out_is_kept()
    {
        string dir = CliRunner.TempDir(), design = Path.Combine(dir, "d.json");
        File.WriteAllText(design, """{"1": 0.5, "2": 0.4, "3": 0.4, "4": 0.3, "5": 0.4, "6": 0.3, "7": 0.3, "8": 0.2}""");
        var r = CliRunner.Run("simulate", Tln, "--design", design, "--out", design);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("""{"1": 0.5""", File.ReadAllText(design));
        // Another name for the answer works, and an existing output (not an input) is replaced as documented.
        string answer = Path.Combine(dir, "r.json");
        File.WriteAllText(answer, "old");
        Assert.Equal(0, CliRunner.Run("simulate", Tln, "--design", design, "--out", answer).ExitCode);
        Assert.StartsWith("{", File.ReadAllText(answer));
    }

    [Fact]
    public void Two_outputs_on_one_file_are_refused()
    {
        string dir = CliRunner.TempDir(), file = Path.Combine(dir, "r.svg");
        var r = CliRunner.Run("front", Tln, "--evaluations", "100", "--backend", "scalar", "--plot", file, "--csv", Path.Combine(dir, "f.csv"), "--out", Path.Combine(dir, "f.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("name the same file", r.Error);
        Assert.Empty(Directory.GetFiles(dir));
    }
}
