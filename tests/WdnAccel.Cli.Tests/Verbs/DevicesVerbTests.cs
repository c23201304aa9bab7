using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>`wdnaccel devices`: what ILGPU finds (the CPU accelerator always), and `--ptx DIR`, every kernel as PTX without a GPU.</summary>
[Collection(nameof(DevicesVerbCollection))]
public sealed class DevicesVerbTests
{
    [Fact]
    public void Json_lists_every_accelerator_ilgpu_finds_with_the_backend_that_selects_it()
    {
        var expected = IlgpuDevices.List();
        var r = CliRunner.Run("devices", "--json");
        Assert.Equal(0, r.ExitCode);
        var listed = JsonDocument.Parse(r.Out).RootElement.GetProperty("devices").EnumerateArray().ToList();
        Assert.Equal(expected.Count, listed.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Name, listed[i].GetProperty("name").GetString());
            Assert.Equal(expected[i].BackendName, listed[i].GetProperty("backend").GetString());
            Assert.Equal(expected[i].Index, listed[i].GetProperty("index").GetInt32());
        }
        var cpu = Assert.Single(listed, d => d.GetProperty("kind").GetString() == "cpu");
        Assert.Equal("ilgpu-cpu", cpu.GetProperty("backend").GetString());
        Assert.Equal(JsonValueKind.Null, cpu.GetProperty("memory_bytes").ValueKind);
        foreach (var gpu in listed.Where(d => d.GetProperty("kind").GetString() != "cpu"))
            Assert.True(gpu.GetProperty("memory_bytes").GetInt64() > 0);
    }

    [Fact]
    public void Human_output_names_each_backend()
    {
        var r = CliRunner.Run("devices");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--backend ilgpu-cpu", r.Out);
        foreach (var d in IlgpuDevices.List()) Assert.Contains(d.Name, r.Out);
    }

    [Fact]
    public void Ptx_writes_one_file_per_kernel_each_with_an_entry_point()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "ptx");
        var r = CliRunner.Run("devices", "--ptx", dir, "--arch", "sm_90", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var entries = JsonDocument.Parse(r.Out).RootElement.GetProperty("ptx").EnumerateArray().ToList();
        var files = entries.ToDictionary(e => e.GetProperty("kernel").GetString()!, e => e.GetProperty("file").GetString()!);
        // The report names the target the files carry, not the one asked for: ILGPU writes sm_80 code for Hopper.
        Assert.All(entries, e => Assert.Equal("sm_80", e.GetProperty("target").GetString()));
        Assert.Equal(IlgpuKernel.All.Select(k => k.Name).Order(), files.Keys.Order());
        Assert.Contains("gga_solve", files.Keys);
        Assert.Contains("design_limits", files.Keys);
        foreach (var (name, path) in files)
        {
            Assert.Equal(Path.Combine(dir, name + ".ptx"), path);
            string ptx = File.ReadAllText(path);
            Assert.Contains(".entry", ptx);
            Assert.Contains(".target sm_", ptx);
            Assert.Contains(".address_size 64", ptx);
            Assert.Contains($"wrote {path}", r.Error); // every file written is named on stderr
        }
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*"));
    }

    [Theory]
    [InlineData("--throughput-lanes", "64,x")]
    [InlineData("--throughput-lanes", "0")]
    [InlineData("--throughput-nodes", "48,,-2")]
    [InlineData("--throughput-nodes", ",")]
    public void Throughput_sizes_must_be_positive_counts(string option, string value)
    {
        var r = CliRunner.Run("devices", "--check", "ilgpu-cpu", "--throughput", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.Error);
        Assert.Contains(value, r.Error);
    }

    [Fact]
    public void A_bad_architecture_or_an_unwritable_folder_is_an_input_error()
    {
        foreach (string bad in new[] { "hopper", "sm_999" })
        {
            var arch = CliRunner.Run("devices", "--ptx", CliRunner.TempDir(), "--arch", bad);
            Assert.Equal(2, arch.ExitCode);
            Assert.Contains("--arch", arch.Error);
            Assert.Contains(bad, arch.Error);
            Assert.Contains("sm_90", arch.Error);
        }

        string file = Path.Combine(CliRunner.TempDir(), "a-file");
        File.WriteAllText(file, "x");
        var folder = CliRunner.Run("devices", "--ptx", Path.Combine(file, "ptx"));
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("--ptx", folder.Error);
    }

    [Fact]
    public void Check_runs_every_kernel_against_simd_and_reports_each_row()
    {
        var r = CliRunner.Run("devices", "--check", "ilgpu-cpu", "--lanes", "32", "--nodes", "40", "--graphs", "5",
            "--throughput", "--throughput-lanes", "64,96", "--throughput-nodes", "48", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var root = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("ilgpu-cpu", root.GetProperty("checked_backend").GetString());
        Assert.True(root.GetProperty("all_passed").GetBoolean());
        var rows = root.GetProperty("checks").EnumerateArray().ToList();
        // Hanoi and two-loop, the latter also with Darcy–Weisbach and with Chezy–Manning pipes, in both forms of the
        // Newton step and with the loop-flow scratch in shared memory; New York over the junctions; two-loop with a
        // control on a junction's pressure, with emitters and under PDA, and Hanoi with a PRV and an FCV (their own kernel,
        // over the junctions).
        var parity = rows.Where(c => c.GetProperty("check").GetString() == "gga+limits parity").Select(c => c.GetProperty("subject").GetString()!).ToList();
        Assert.Equal(17, parity.Count);
        Assert.Single(parity, p => p.StartsWith("Hanoi, a PRV beside pipe 4 and an FCV beside pipe 9, ") && p.Contains("over the junctions"));
        Assert.Single(parity, p => p.StartsWith("two-loop, pipe 8 closed below 30 m at node 7, "));
        Assert.Single(parity, p => p.StartsWith("two-loop, emitters at nodes 3 and 6, "));
        Assert.Single(parity, p => p.StartsWith("two-loop, pressure-driven demand from 20 to 50 m, "));
        Assert.Equal(3, parity.Count(p => p.StartsWith("two-loop, Darcy–Weisbach, ")));
        Assert.Equal(3, parity.Count(p => p.StartsWith("two-loop, Chezy–Manning, ")));
        Assert.Equal(8, parity.Count(p => p.Contains("loop-flow form")));
        Assert.Equal(["Hanoi", "two-loop", "two-loop", "two-loop"], parity.Where(p => p.Contains("scratch in shared memory")).Select(p => p.Split(',')[0]));
        // Floyd–Warshall: double and float with successors, then with distances alone, then the batch.
        Assert.Equal(["40 nodes, double, per-k", "40 nodes, float, per-k", "40 nodes, double, per-k, distances only", "40 nodes, float, per-k, distances only", "batched, 5 graphs of 24 nodes"],
            rows.Where(c => c.GetProperty("check").GetString() == "floyd-warshall parity").Select(c => c.GetProperty("subject").GetString()!));
        // Each batch size: the whole generation, then the kernel alone in each form (the loop-flow one with its scratch
        // in device and in shared memory) with the bytes its lanes moved.
        Assert.Equal(["Hanoi, 64 lanes per call", "Hanoi, 96 lanes per call"],
            rows.Where(c => c.GetProperty("check").GetString() == "gga+limits throughput").Select(c => c.GetProperty("subject").GetString()!));
        var kernels = rows.Where(c => c.GetProperty("check").GetString() == "gga kernel throughput").ToList();
        Assert.Equal(6, kernels.Count);
        Assert.All(kernels, c => Assert.Contains("kB per lane solve", c.GetProperty("detail").GetString()));
        // Per batch size: device-memory loop form, junction form, shared-memory loop form; the last moves the fewest bytes.
        for (int b = 0; b < 2; b++)
        {
            var kB = kernels.Skip(3 * b).Take(3).Select(c => KilobytesPerSolve(c.GetProperty("detail").GetString()!)).ToArray();
            Assert.Contains("scratch in shared memory", kernels[3 * b + 2].GetProperty("subject").GetString());
            Assert.True(kB[2] < kB[0] && kB[0] < kB[1], string.Join(", ", kB));
        }
        Assert.Contains(kernels, c => c.GetProperty("subject").GetString()!.Contains("loop-flow form (3 loops)"));
        Assert.Contains(kernels, c => c.GetProperty("subject").GetString()!.Contains("over the junctions"));
        Assert.All(kernels, c => Assert.True(c.GetProperty("per_second").GetDouble() > 0));
        // Each batch size: what `simulate --random-designs` runs per call, designs drawn on the device.
        var drawn = rows.Where(c => c.GetProperty("check").GetString() == "random designs on the device").ToList();
        Assert.Equal(2, drawn.Count);
        Assert.All(drawn, c => Assert.True(c.GetProperty("per_second").GetDouble() > 0));
        // …checked against the same designs sent as diameters: on the CPU accelerator both give the same bits.
        Assert.All(drawn, c => Assert.Contains("0 feasibility verdicts and 0 margins differ (largest |Δm|/(|m|+10 m) 0,", c.GetProperty("detail").GetString()));
        Assert.StartsWith("Hanoi, 64 lanes per call, GGA steps in loop-flow form", drawn[0].GetProperty("subject").GetString());
        var calls = rows.Where(c => c.GetProperty("check").GetString() == "floyd-warshall throughput").ToList();
        Assert.Equal(["48 nodes, double", "48 nodes, double, distances only", "48 nodes, float", "48 nodes, float, distances only"],
            calls.Select(c => c.GetProperty("subject").GetString()!));
        // The kernels alone, split from the same best call: faster than the whole call that contains them.
        var fwKernels = rows.Where(c => c.GetProperty("check").GetString() == "floyd-warshall kernel throughput").ToList();
        Assert.Equal(["48 nodes, double, per-k", "48 nodes, double, per-k, distances only", "48 nodes, float, per-k", "48 nodes, float, per-k, distances only"],
            fwKernels.Select(c => c.GetProperty("subject").GetString()!));
        for (int i = 0; i < 4; i++)
        {
            Assert.Contains("+ kernels", calls[i].GetProperty("detail").GetString());
            Assert.Contains("read and written once per k is", fwKernels[i].GetProperty("detail").GetString());
            Assert.True(fwKernels[i].GetProperty("seconds").GetDouble() < calls[i].GetProperty("seconds").GetDouble());
        }
        Assert.All(rows, c => Assert.True(c.GetProperty("passed").GetBoolean(), c.GetProperty("detail").GetString()));
        // Every row's figures also went to stderr as it was made, for a run that dies before the report.
        Assert.All(rows, c => Assert.Contains($"{c.GetProperty("check").GetString()}: {c.GetProperty("subject").GetString()}: ok;", r.Error));
        Assert.All(rows, c => Assert.Contains(c.GetProperty("detail").GetString()!, r.Error));
    }

    private static double KilobytesPerSolve(string detail)
    {
        var m = System.Text.RegularExpressions.Regex.Match(detail, @"([0-9.]+) kB per lane solve");
        Assert.True(m.Success, detail);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Check_takes_only_gpu_backends()
    {
        var r = CliRunner.Run("devices", "--check", "simd");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--check", r.Error);
        Assert.Contains("ilgpu-cpu", r.Error);
    }
}
