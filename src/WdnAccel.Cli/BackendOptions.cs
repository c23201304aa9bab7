using CommandLine;

namespace WdnAccel.Cli;

/// <summary>Options of verbs that run batch kernels.</summary>
public abstract class BackendOptions : CommonOptions
{
    [Option("backend", Default = "auto", HelpText = "Compute backend: auto, scalar, simd, opencl.")]
    public string Backend { get; set; } = "auto";

    [Option("threads", Default = 0, HelpText = "Worker threads for CPU backends (0 = all cores).")]
    public int Threads { get; set; }
}
