using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `--out` and the other output options are checked before the work and written whole; a failing write is an input
/// error naming the file (it was an internal error), and device paths such as /dev/stdout are written directly.
/// </summary>
public sealed class OutputFileTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");

    [Theory]
    [InlineData("--out")]
    [InlineData("--plot")]
    [InlineData("--export-inp")]
    public void A_missing_folder_is_refused_before_the_run(string option)
    {
        // A budget that would take hours: the answer must come before any of it is spent.
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = CliRunner.Run("optimize", Tln, "--evaluations", "1000000000", "--backend", "simd", option, "/nonexistent-folder/x.out");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"field '{option}'", r.Error);
        Assert.Contains("does not exist", r.Error);
        Assert.True(sw.Elapsed.TotalSeconds < 30, $"took {sw.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public void A_folder_given_as_out_is_refused()
    {
        var r = CliRunner.Run("simulate", Tln, "--backend", "scalar", "--out", CliRunner.TempDir());
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a folder", r.Error);
    }

    /// <summary>'-' is standard output to many tools; it used to create a file named '-' in the current folder.</summary>
    [Fact]
    public void A_dash_is_refused_as_a_file_name_not_written_as_one()
    {
        bool existed = File.Exists("-");
        var r = CliRunner.Run("simulate", Tln, "--backend", "scalar", "--out", "-");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--out'", r.Error);
        Assert.Contains("without --out, answers go to standard output", r.Error);
        var c = CliRunner.Run("convert", Tln, "-");
        Assert.Equal(2, c.ExitCode);
        Assert.Contains("field 'OUT'", c.Error);
        Assert.Contains("expected a file name", c.Error);
        Assert.Equal(existed, File.Exists("-"));
    }

    [Fact]
    public void A_full_disk_is_an_input_error_naming_the_file()
    {
        if (!File.Exists("/dev/full")) return; // Linux only
        var r = CliRunner.Run("simulate", Tln, "--backend", "scalar", "--out", "/dev/full");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/dev/full", r.Error);
        Assert.Contains("cannot write", r.Error);
        Assert.True(File.Exists("/dev/full")); // written to, not renamed over
    }

    [Fact]
    public void Out_replaces_a_file_whole_and_leaves_no_temporary_files()
    {
        string dir = CliRunner.TempDir(), path = Path.Combine(dir, "r.json");
        File.WriteAllText(path, new string('x', 100_000)); // the old content, longer than the answer
        var r = CliRunner.Run("simulate", Tln, "--backend", "scalar", "--out", path);
        Assert.Equal(0, r.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal("base", doc.RootElement.GetProperty("case").GetString());
        Assert.Equal(["r.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void A_killed_optimize_leaves_the_old_out_file_or_the_whole_new_one_never_a_truncated_one()
    {
        // Real processes, killed at spread-out moments from start-up to past the write of --out. The moments follow
        // one run to its end under the same machine load (a fixed schedule missed the write on a busy machine).
        string dir = CliRunner.TempDir(), path = Path.Combine(dir, "result.json");
        string cli = typeof(Program).Assembly.Location;
        const string Old = "{\"old\": true}";
        int sawOld = 0, sawNew = 0;
        System.Diagnostics.Process Start() => System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo("dotnet", [cli, "optimize", Tln, "--evaluations", "3000", "--backend", "scalar", "--seed", "1", "--out", path])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
        void Check()
        {
            string text = File.ReadAllText(path);
            if (text == Old)
            {
                sawOld++;
                return;
            }
            using var doc = System.Text.Json.JsonDocument.Parse(text); // whole, or this throws
            Assert.True(doc.RootElement.GetProperty("best_cost").GetDouble() > 0);
            sawNew++;
        }

        File.WriteAllText(path, Old);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var whole = Start()) whole.WaitForExit();
        double runMs = clock.Elapsed.TotalMilliseconds;
        Check();
        Assert.Equal(1, sawNew); // a run left alone replaces the file
        for (int attempt = 0; attempt < 12; attempt++)
        {
            File.WriteAllText(path, Old);
            using var run = Start();
            Thread.Sleep((int)(20 + attempt * runMs * 1.2 / 11)); // from start-up to a fifth past the end
            try { run.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } // already finished
            run.WaitForExit();
            Check();
        }
        Assert.True(sawOld > 0 && sawNew > 0, $"kills should land both before and after the write: {sawOld} old, {sawNew} new");
    }
}
