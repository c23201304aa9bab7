using System.Diagnostics;
using System.Globalization;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests;

/// <summary>
/// SIGTERM (and Ctrl-C's SIGINT, through the same handler) during a long run: a clear line on stderr, the signal's
/// conventional exit status (143; 130 for SIGINT) and no answer file, whole or half. SIGINT is not sent here: a shell
/// starts background jobs with SIGINT ignored and children inherit that (see ServeProcessTests).
/// </summary>
public class InterruptionTests
{
    [Fact]
    public async Task SIGTERM_during_optimize_says_so_exits_143_and_leaves_no_out_file()
    {
        if (OperatingSystem.IsWindows()) return; // no kill(1)
        string dir = CliRunner.TempDir();
        string result = Path.Combine(dir, "result.json");
        string dll = Path.Combine(AppContext.BaseDirectory, "wdnaccel.dll");
        // Minutes of work at any speed (the cache off, so every evaluation is a solve); --json: progress shows anyway.
        var start = new ProcessStartInfo("dotnet", [dll, "optimize", CliRunner.Data("scenarios", "HAN.wdn"), "--algorithm", "de",
            "--evaluations", "200000000", "--cache", "off", "--seed", "1", "--backend", "simd", "--json", "--out", result])
        { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            // The first progress line (to a pipe: after 5 s) proves the run, and the handlers, are under way.
            string? line;
            do line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
            while (line is not null && !line.StartsWith("  gen", StringComparison.Ordinal));
            Assert.NotNull(line);
            using (var kill = Process.Start("kill", ["-s", "TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            try { await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(45)); }
            catch (TimeoutException) { Assert.Fail("still running 45 s after SIGTERM"); }
            string rest = await process.StandardError.ReadToEndAsync();
            Assert.Equal(143, process.ExitCode);
            Assert.Contains("interrupted by SIGTERM (exit 143)", rest);
            Assert.Equal("", await stdout);
            Assert.Empty(Directory.GetFiles(dir)); // neither result.json nor its temporary file
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }
}
