using System.Text.Json;
using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// `wdnaccel devices`: lists what the binding enumerates, or exits 4 with install advice when there is no
/// runtime. Not parallel: one test changes WDNACCEL_OPENCL_LIBRARY for the process.
/// </summary>
[Collection(nameof(DevicesVerbCollection))]
public sealed class DevicesVerbTests
{
    [Fact]
    public void Json_lists_every_device_the_runtime_reports_or_exits_4_without_one()
    {
        var devices = OpenClRuntime.TryGetDevices(out _);
        var (code, stdout, stderr) = Run("devices", "--json");
        if (devices.Count == 0)
        {
            Assert.Equal(4, code);
            Assert.Contains("pocl-opencl-icd", stderr);
            return;
        }
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var listed = json.RootElement.GetProperty("platforms").EnumerateArray()
            .SelectMany(p => p.GetProperty("devices").EnumerateArray()).ToList();
        Assert.Equal(devices.Count, listed.Count);
        for (int i = 0; i < devices.Count; i++)
        {
            Assert.Equal(devices[i].Name, listed[i].GetProperty("name").GetString());
            Assert.Equal(devices[i].Index, listed[i].GetProperty("index").GetInt32());
            Assert.Equal(devices[i].Kind.ToString().ToLowerInvariant(), listed[i].GetProperty("type").GetString());
            Assert.Equal(devices[i].ComputeUnits, listed[i].GetProperty("compute_units").GetInt32());
            Assert.Equal(devices[i].GlobalMemoryBytes, listed[i].GetProperty("global_memory_bytes").GetUInt64());
            Assert.Equal(devices[i].SupportsFp64, listed[i].GetProperty("fp64").GetBoolean());
        }
    }

    [Fact]
    public void Human_output_names_each_device_with_its_type()
    {
        var devices = OpenClRuntime.TryGetDevices(out _);
        var (code, stdout, _) = Run("devices");
        Assert.Equal(devices.Count == 0 ? 4 : 0, code);
        foreach (var d in devices) Assert.Contains($"[{d.Index}] {d.Name}  type={d.Kind.ToString().ToLowerInvariant()}", stdout);
    }

    [Fact]
    public void No_runtime_exits_4_with_what_to_install()
    {
        var previous = Environment.GetEnvironmentVariable(OpenClRuntime.LibraryVariable);
        Environment.SetEnvironmentVariable(OpenClRuntime.LibraryVariable, "libWdnAccelNoSuchOpenCL.so.9");
        try
        {
            var (code, stdout, stderr) = Run("devices", "--json");
            Assert.Equal(4, code);
            Assert.Equal("", stdout);
            Assert.Contains("apt-get install pocl-opencl-icd ocl-icd-libopencl1", stderr);
        }
        finally
        {
            Environment.SetEnvironmentVariable(OpenClRuntime.LibraryVariable, previous);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
