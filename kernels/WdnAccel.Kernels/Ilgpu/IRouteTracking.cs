namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Whether a Floyd–Warshall kernel keeps successors, as a struct type argument beside <see cref="IFloydWarshallOps{T}"/>:
/// ILGPU compiles a kernel once per struct and folds the constant, so <see cref="DistancesOnly"/> kernels come out of
/// the same source with no successor load, store, select or shared array at all (an empty <c>next</c> on the host).
/// </summary>
internal interface IRouteTracking
{
    bool Routes { get; }

    /// <summary>Cells take the hardware minimum of old and new instead of the strict-improvement test and a select.</summary>
    bool Minimum { get; }
}

internal readonly struct WithRoutes : IRouteTracking
{
    public bool Routes => true;

    public bool Minimum => false;
}

internal readonly struct DistancesOnly : IRouteTracking
{
    public bool Routes => false;

    public bool Minimum => false;
}

/// <summary>
/// Distances alone, each cell updated by the hardware minimum (<see cref="IFloydWarshallOps{T}.Min"/>), for element
/// types where that is one instruction (<see cref="IFloydWarshallOps{T}.MinimumIsOneInstruction"/>: float). ptxas 11.8
/// for sm_90 gives float phase 3 46.5 instructions per 16 relaxations this way (FADD and FMNMX, its loop unrolled
/// four times) against 63 with FSETP and FSEL. Exact only where no value has its sign bit set (no negative weight, no
/// −0), which the session checks on the host before it picks this form; elsewhere <see cref="DistancesOnly"/> runs.
/// </summary>
internal readonly struct DistancesByMinimum : IRouteTracking
{
    public bool Routes => false;

    public bool Minimum => true;
}
