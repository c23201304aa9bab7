using System.Numerics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The default CPU backend: <see cref="Vector{T}"/> lanes over candidates (candidate index fastest in memory)
/// and threads over lane blocks. Operations live in partial files, one per family.
/// </summary>
public sealed partial class SimdBackend(int threads = 0, LoopFlowMode loopFlows = LoopFlowMode.Auto) : IComputeBackend
{
    /// <summary>Worker threads; 0 means all logical processors.</summary>
    public int Threads { get; } = threads > 0 ? threads : Environment.ProcessorCount;

    /// <summary>When the GGA's Newton steps are taken in loop-flow form (`--newton-steps`).</summary>
    public LoopFlowMode LoopFlows { get; } = loopFlows;

    public string Name => "simd";
    public string Description =>
        $"{GgaBatchSolver.LaneWidth} double lanes per block in the GGA, " +
        (System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "512-bit register tiles in Floyd–Warshall, " : "") +
        $"Vector<double> x{Vector<double>.Count} elsewhere ({(Vector.IsHardwareAccelerated ? "hardware" : "software fallback")}), {Threads} thread(s)" +
        (LoopFlows == LoopFlowMode.Auto ? "" : LoopFlows == LoopFlowMode.Always ? ", Newton steps in loop-flow form wherever the network allows" : ", Newton steps over the junctions only");

    public void Dispose() { }

    /// <summary>Options for Parallel.For over lane blocks.</summary>
    internal ParallelOptions Parallelism => new() { MaxDegreeOfParallelism = Threads };
}
