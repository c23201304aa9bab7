using System.Globalization;
using CommandLine;
using WdnAccel.Core.Compute;
using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel devices [--json]`: the OpenCL platforms and devices `--backend opencl` can use (select one with
/// WDNACCEL_OPENCL_DEVICE=gpu|cpu|INDEX|NAME). No runtime or no device: exit 4 with what to install.
/// </summary>
[Verb("devices", HelpText = "List OpenCL platforms and devices (type, compute units, memory, fp64).")]
public sealed class DevicesVerb : CommonOptions, ICommand
{
    public ExitCode Execute(CommandContext context)
    {
        var platforms = OpenClRuntime.GetPlatforms();
        if (platforms.Sum(p => p.Devices.Count) == 0)
            throw new BackendUnavailableException($"the OpenCL runtime reports no platform or device; {OpenClRuntime.InstallHint}");

        string text = Json ? JsonOutput.Build(w => WriteJson(w, platforms)) : Human(platforms);
        if (Out is not null) File.WriteAllText(Out, text + Environment.NewLine);
        else context.Out.WriteLine(text);
        return ExitCode.Success;
    }

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, IReadOnlyList<ClPlatform> platforms)
    {
        w.WriteStartObject();
        w.WriteStartArray("platforms");
        foreach (var platform in platforms)
        {
            w.WriteStartObject();
            w.WriteString("name", platform.Name);
            w.WriteString("vendor", platform.Vendor);
            w.WriteString("version", platform.Version);
            w.WriteStartArray("devices");
            foreach (var d in platform.Devices)
            {
                w.WriteStartObject();
                w.WriteNumber("index", d.Index);
                w.WriteString("name", d.Name);
                w.WriteString("vendor", d.Vendor);
                w.WriteString("type", d.Kind.ToString().ToLowerInvariant());
                w.WriteNumber("compute_units", d.ComputeUnits);
                w.WriteNumber("clock_mhz", d.ClockMHz);
                w.WriteNumber("global_memory_bytes", d.GlobalMemoryBytes);
                w.WriteNumber("local_memory_bytes", d.LocalMemoryBytes);
                w.WriteNumber("max_allocation_bytes", d.MaxAllocationBytes);
                w.WriteNumber("max_work_group_size", d.MaxWorkGroupSize);
                w.WriteBoolean("fp64", d.SupportsFp64);
                w.WriteString("version", d.Version);
                w.WriteString("driver_version", d.DriverVersion);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Human(IReadOnlyList<ClPlatform> platforms)
    {
        var s = new System.Text.StringBuilder();
        foreach (var platform in platforms)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"platform: {platform.Name} ({platform.Vendor}, {platform.Version})");
            foreach (var d in platform.Devices)
            {
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"  [{d.Index}] {d.Name}  type={d.Kind.ToString().ToLowerInvariant()}  compute_units={d.ComputeUnits}  "
                    + $"global_memory={d.GlobalMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB  local_memory={d.LocalMemoryBytes / 1024} KiB  "
                    + $"max_work_group={d.MaxWorkGroupSize}  fp64={(d.SupportsFp64 ? "yes" : "no")}");
            }
        }
        return s.ToString().TrimEnd();
    }
}
