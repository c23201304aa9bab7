using CommandLine;
using WdnAccel.Core.Compute;
using WdnAccel.Kernels;

namespace WdnAccel.Cli;

/// <summary>Options of verbs that run batch kernels.</summary>
public abstract class BackendOptions : CommonOptions
{
    [Option("backend", Default = "auto", HelpText = "Compute backend: auto (a CUDA GPU, then an OpenCL GPU, else simd), scalar, simd, cuda, opencl, ilgpu-cpu (the GPU kernels on the CPU, for checks).")]
    public string Backend { get; set; } = "auto";

    [Option("threads", Default = 0, HelpText = "Worker threads for CPU backends (0 = all cores).")]
    public int Threads { get; set; }

    /// <summary>Worker threads asked for: --threads, or every core when it is 0.</summary>
    protected int RequestedThreads => Threads > 0 ? Threads : Environment.ProcessorCount;

    /// <summary>The threads a report states for <paramref name="backend"/>'s run: one for the scalar oracle, else <see cref="RequestedThreads"/>.</summary>
    protected int ReportedThreads(IComputeBackend backend) => backend.Name == "scalar" ? 1 : RequestedThreads;

    /// <summary>
    /// The backend these options name. A note on what auto chose (and why) goes to stderr as "note: …", in JSON
    /// mode too (stdout stays pure JSON); reports that carry a backend_note get it from <paramref name="note"/>.
    /// </summary>
    protected IComputeBackend CreateBackend(CommandContext context, out string? note)
    {
        if (Threads < 0) throw new Core.Io.InvalidInputException($"--threads must be >= 0 (0 = all cores), got {Threads}", field: "--threads");
        var backend = BackendFactory.Create(Backend, Threads, out note);
        if (note is not null) context.Error.WriteLine($"note: {note}");
        return backend;
    }
}
