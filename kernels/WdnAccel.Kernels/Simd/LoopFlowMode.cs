namespace WdnAccel.Kernels.Simd;

/// <summary>When the SIMD solver takes the GGA's Newton step in loop-flow form (GgaBatchSolver.LoopFlows) rather than over the junctions.</summary>
public enum LoopFlowMode
{
    /// <summary>Where the network allows it and the loop system is cheaper than the junction factorization.</summary>
    Auto,
    /// <summary>Wherever the network allows it (pipes only, at most <see cref="WdnAccel.Core.Hydraulics.LoopBasis.MaxLoops"/> loops): for tests and benchmarks.</summary>
    Always,
    /// <summary>Never: the junction-based GGA only, for side-by-side benchmarks.</summary>
    Never,
}
