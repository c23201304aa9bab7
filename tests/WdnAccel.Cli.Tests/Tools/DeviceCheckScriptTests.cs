using System.Diagnostics;
using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Cli.Tests.Verbs;
using WdnAccel.Tests.Shared;

namespace WdnAccel.Cli.Tests.Tools;

/// <summary>
/// tools/device-check/check.sh is what a GPU machine runs, with minutes to spare for one try. Here it runs end to end
/// on ILGPU's CPU accelerator at small sizes, with this build's CLI in place of the published one, so a script that
/// no longer matches the CLI fails here and not on the GPU.
/// </summary>
[Collection(nameof(DevicesVerbCollection))]
public sealed class DeviceCheckScriptTests
{
    [Fact]
    public async Task The_device_check_script_runs_end_to_end_on_the_cpu_accelerator()
    {
        if (OperatingSystem.IsWindows()) return; // a bash script
        string dir = CliRunner.TempDir();
        string wrapper = Path.Combine(dir, "wdnaccel");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "wdnaccel.dll")}\" \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string output = Path.Combine(dir, "out");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "tools", "device-check", "check.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in new[]
        {
            ("BIN", wrapper), ("BACKEND", "ilgpu-cpu"), ("OUT", output), ("LANES", "16"), ("NODES", "40"), ("GRAPHS", "3"),
            ("THROUGHPUT_LANES", "64,80"), ("FW_SIZES", "48"), ("DESIGNS", "120"), ("BATCH", "50"),
        })
            start.Environment[name] = value;
        using var script = Process.Start(start)!;
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await script.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true); // not left running after the test has failed
            throw;
        }
        string said = await stdout + await stderr;

        Assert.Contains("check exit 0", said);
        var check = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "check.json"))).RootElement;
        Assert.Equal("ilgpu-cpu", check.GetProperty("checked_backend").GetString());
        Assert.True(check.GetProperty("all_passed").GetBoolean(), said);
        var rows = check.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("check").GetString()).ToHashSet();
        foreach (string row in new[] { "gga+limits parity", "floyd-warshall parity", "gga+limits throughput", "gga kernel throughput", "random designs on the device", "floyd-warshall throughput", "floyd-warshall kernel throughput" })
            Assert.Contains(row, rows);

        // The four end-to-end runs: both forms of the Newton step on the device (the loop-flow one with its scratch in
        // device and in shared memory), then simd; the same designs, so the same counts.
        var runs = new[] { "ilgpu-cpu-auto", "ilgpu-cpu-auto-shared", "ilgpu-cpu-junctions", "simd-auto" }
            .Select(r => JsonDocument.Parse(File.ReadAllText(Path.Combine(output, $"simulate-{r}.json"))).RootElement).ToList();
        Assert.All(runs, r => Assert.Equal(120, r.GetProperty("solves").GetInt32()));
        Assert.Equal(["ilgpu-cpu", "ilgpu-cpu", "ilgpu-cpu", "simd"], runs.Select(r => r.GetProperty("backend").GetString()));
        Assert.Contains("loop-flow form", runs[0].GetProperty("hydraulic_method").GetString());
        Assert.DoesNotContain("shared memory", runs[0].GetProperty("hydraulic_method").GetString());
        Assert.Contains("scratch in shared memory", runs[1].GetProperty("hydraulic_method").GetString());
        Assert.Contains("over the junctions", runs[2].GetProperty("hydraulic_method").GetString());
        Assert.Single(runs.Select(r => (r.GetProperty("feasible").GetInt32(), r.GetProperty("failed_designs").GetInt32())).Distinct());
    }
}
