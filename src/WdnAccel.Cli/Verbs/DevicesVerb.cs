using System.Globalization;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel devices [--json] [--ptx DIR [--arch sm_90]]`: the accelerators ILGPU finds (CUDA GPUs, OpenCL 2.0+
/// devices, and its CPU accelerator, always) with the `--backend` value that selects each; with --ptx, every kernel
/// compiled to PTX for the given architecture, one file per kernel, so users can read what runs on their card
/// (no GPU needed).
/// </summary>
[Verb("devices", HelpText = "List the accelerators ILGPU finds (name, kind, memory, the --backend that selects each); --ptx DIR writes every kernel's PTX.")]
public sealed class DevicesVerb : CommonOptions, ICommand
{
    [Option("ptx", HelpText = "Also compile every GPU kernel to PTX and write DIR/<kernel>.ptx (no GPU needed).")]
    public string? Ptx { get; set; }

    [Option("arch", Default = "sm_90", HelpText = "CUDA architecture for --ptx, e.g. sm_80, sm_90.")]
    public string Arch { get; set; } = "sm_90";

    public ExitCode Execute(CommandContext context)
    {
        var written = new List<(string Name, string Path, int Bytes)>();
        if (Ptx is not null)
        {
            ILGPU.Runtime.Cuda.CudaArchitecture arch;
            try
            {
                arch = PtxCompiler.ParseArchitecture(Arch);
            }
            catch (FormatException e)
            {
                throw new InvalidInputException(e.Message, field: "--arch");
            }
            PrepareDirectory(Ptx);
            foreach (var (name, ptx) in PtxCompiler.CompileAll(arch))
            {
                string path = Path.Combine(Ptx, name + ".ptx");
                WriteAtomically(path, ptx);
                written.Add((name, path, ptx.Length));
            }
        }
        var devices = IlgpuDevices.List();
        Emit(context, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("devices");
            foreach (var d in devices)
            {
                w.WriteStartObject();
                w.WriteString("name", d.Name);
                w.WriteString("kind", d.Kind switch { IlgpuDeviceKind.Cuda => "cuda", IlgpuDeviceKind.OpenCL => "opencl", _ => "cpu" });
                w.WriteNumber("index", d.Index);
                w.WriteString("backend", d.BackendName);
                if (d.MemoryBytes is { } memory) w.WriteNumber("memory_bytes", memory);
                else w.WriteNull("memory_bytes");
                w.WriteNumber("multiprocessors", d.Multiprocessors);
                w.WriteNumber("warp_size", d.WarpSize);
                w.WriteNumber("max_threads_per_group", d.MaxThreadsPerGroup);
                w.WriteNumber("shared_memory_per_group_bytes", d.SharedMemoryPerGroup);
                if (d.Architecture is not null) w.WriteString("architecture", d.Architecture);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (Ptx is not null)
            {
                w.WriteString("ptx_architecture", Arch);
                w.WriteStartArray("ptx");
                foreach (var (name, path, bytes) in written)
                {
                    w.WriteStartObject();
                    w.WriteString("kernel", name);
                    w.WriteString("file", path);
                    w.WriteNumber("bytes", bytes);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }, o =>
        {
            foreach (var d in devices)
            {
                string memory = d.MemoryBytes is { } m ? string.Format(CultureInfo.InvariantCulture, "{0:F1} GiB", m / (1024.0 * 1024 * 1024)) : "host memory";
                o.WriteLine(string.Format(CultureInfo.InvariantCulture, "--backend {0,-9} [{1}] {2}  ({3}, {4} multiprocessors, warp {5}{6})",
                    d.BackendName, d.Index, d.Name, memory, d.Multiprocessors, d.WarpSize, d.Architecture is null ? "" : ", " + d.Architecture));
            }
            if (!devices.Any(d => d.Kind != IlgpuDeviceKind.Cpu))
                o.WriteLine("no GPU found: --backend auto uses simd; the CPU accelerator above runs the GPU kernels for parity checks only");
            foreach (var (name, path, bytes) in written) o.WriteLine($"wrote {path} ({bytes:N0} bytes of PTX for {Arch}, kernel {name})");
        });
        return ExitCode.Success;
    }

    /// <summary>Creates the folder and proves it writable before compiling anything.</summary>
    private static void PrepareDirectory(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
            string probe = Path.Combine(dir, $".wdnaccel-write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException($"cannot write PTX files into '{dir}': {e.Message}", field: "--ptx");
        }
    }

    /// <summary>Temporary file + rename: a killed run never leaves a truncated .ptx.</summary>
    private static void WriteAtomically(string path, string text)
    {
        string temp = path + $".tmp-{Environment.ProcessId}";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
