using CommandLine;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels;

namespace WdnAccel.Cli;

/// <summary>Options of verbs that run batch kernels.</summary>
public abstract class BackendOptions : CommonOptions
{
    [Option("backend", Default = "auto", HelpText = "Compute backend: auto (a CUDA GPU, then an OpenCL GPU, else simd), scalar, simd, cuda, opencl, ilgpu-cpu (the GPU kernels on the CPU, for checks).")]
    public string Backend { get; set; } = "auto";

    [Option("threads", Default = 0, HelpText = "Worker threads for CPU backends (0 = all cores).")]
    public int Threads { get; set; }

    [Option("newton-steps", Default = "auto", HelpText = "How the simd and GPU backends solve each GGA trial: auto (in loop-flow form on pipes-only networks with few loops, where that is cheaper), loops (in loop-flow form wherever the network allows), junctions (over the junctions, as EPANET). Same iterates either way; for comparing solver variants.")]
    public string NewtonSteps { get; set; } = "auto";

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
        var loopFlows = NewtonSteps.ToLowerInvariant() switch
        {
            "auto" => LoopFlowMode.Auto,
            "loops" => LoopFlowMode.Always,
            "junctions" => LoopFlowMode.Never,
            _ => throw new Core.Io.InvalidInputException($"--newton-steps must be auto, loops or junctions, got '{NewtonSteps}'", field: "--newton-steps"),
        };
        var backend = BackendFactory.Create(Backend, Threads, out note, loopFlows);
        if (loopFlows != LoopFlowMode.Auto && backend.Name == "scalar")
            note = (note is null ? "" : note + "; ") + "--newton-steps applies to the simd and GPU backends; scalar (the oracle) steps over the junctions";
        if (note is not null) context.Error.WriteLine($"note: {note}");
        return backend;
    }
}
