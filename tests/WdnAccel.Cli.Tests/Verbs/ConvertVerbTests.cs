using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

public class ConvertVerbTests
{
    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(CliRunner.Data("networks"), "*.inp").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Inp_to_wdn_to_inp_gives_the_same_file_as_inp_to_inp(string file)
    {
        string dir = CliRunner.TempDir();
        string wdn = Path.Combine(dir, "x.wdn"), viaWdn = Path.Combine(dir, "y.inp"), direct = Path.Combine(dir, "z.inp");
        Assert.Equal(0, CliRunner.Run("convert", CliRunner.Data("networks", file), wdn).ExitCode);
        Assert.Equal(0, CliRunner.Run("convert", wdn, viaWdn).ExitCode);
        Assert.Equal(0, CliRunner.Run("convert", CliRunner.Data("networks", file), direct).ExitCode);
        // The .inp text is a pure function of the model: equal text means the .wdn carried the same model.
        Assert.Equal(File.ReadAllText(direct), File.ReadAllText(viaWdn));
    }

    [Fact]
    public void Truncated_wdn_exits_2_naming_the_byte_offset()
    {
        string dir = CliRunner.TempDir();
        string wdn = Path.Combine(dir, "x.wdn"), cut = Path.Combine(dir, "cut.wdn");
        Assert.Equal(0, CliRunner.Run("convert", CliRunner.Data("networks", "HAN.inp"), wdn).ExitCode);
        var bytes = File.ReadAllBytes(wdn);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        foreach (var verb in new[] { "info", "validate", "simulate" })
        {
            var r = CliRunner.Run(verb, cut);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("cut.wdn", r.Error);
            Assert.Contains("byte offset", r.Error);
            Assert.DoesNotContain("   at ", r.Error);
        }
    }

    [Fact]
    public void Merge_of_a_design_with_an_unknown_pipe_is_refused()
    {
        string dir = CliRunner.TempDir();
        string overlay = Path.Combine(dir, "d.json");
        File.WriteAllText(overlay, """
            { "format": "wdnaccel-scenario", "version": 1,
              "design": { "catalog": [ { "diameter": 0.1, "unit_cost": 1 } ], "decision_pipes": ["99"], "min_pressure": 30 } }
            """);
        var r = CliRunner.Run("convert", CliRunner.Data("networks", "TLN.inp"), Path.Combine(dir, "x.wdn"), "--merge", overlay);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown pipe '99'", r.Error);
    }

    /// <summary>convert X.inp X.inp overwrote its input (comments lost): refused, the file left as it was.</summary>
    [Fact]
    public void Converting_a_file_onto_itself_is_refused()
    {
        string dir = CliRunner.TempDir();
        string path = Path.Combine(dir, "x.inp");
        File.Copy(CliRunner.Data("networks", "HAN.inp"), path);
        string before = File.ReadAllText(path);
        string other = Path.Combine(dir, ".", "..", Path.GetFileName(dir), "x.inp");
        foreach (var output in new[] { path, other })
        {
            var r = CliRunner.Run("convert", path, output);
            Assert.Equal(2, r.ExitCode);
            Assert.Contains("field 'OUT'", r.Error);
            Assert.Contains("is the input file", r.Error);
        }
        Assert.Equal(before, File.ReadAllText(path));
    }

    /// <summary>--compress was ignored for a .json or .inp output; it is refused naming the option.</summary>
    [Theory]
    [InlineData("h.json")]
    [InlineData("h.inp")]
    public void Compress_for_an_output_that_is_not_wdn_is_refused(string name)
    {
        string path = Path.Combine(CliRunner.TempDir(), name);
        var r = CliRunner.Run("convert", CliRunner.Data("networks", "HAN.inp"), path, "--compress");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--compress'", r.Error);
        Assert.Contains(".wdn", r.Error);
        Assert.False(File.Exists(path));
    }
}
