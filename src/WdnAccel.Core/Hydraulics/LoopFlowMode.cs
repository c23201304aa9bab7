namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// When a solver takes the GGA's Newton step in loop-flow form (<see cref="LoopBasis"/>: the SIMD lane blocks and the
/// GPU kernel's <see cref="LoopLaneSolver"/>) rather than over the junctions.
/// </summary>
public enum LoopFlowMode
{
    /// <summary>Where the network allows it and the loop system is cheaper than the junction factorization.</summary>
    Auto,
    /// <summary>Wherever the network allows it (pipes only, no check valve, none closed from the start, at most <see cref="LoopBasis.MaxLoops"/> loops: <see cref="LoopBasis.WherePaying"/>): for tests and benchmarks.</summary>
    Always,
    /// <summary>Never: the junction-based GGA only, for side-by-side benchmarks.</summary>
    Never,
}
