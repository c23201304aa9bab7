namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Whether a Floyd–Warshall kernel keeps successors, as a struct type argument beside <see cref="IFloydWarshallOps{T}"/>:
/// ILGPU compiles a kernel once per struct and folds the constant, so <see cref="DistancesOnly"/> kernels come out of
/// the same source with no successor load, store, select or shared array at all (an empty <c>next</c> on the host).
/// </summary>
internal interface IRouteTracking
{
    bool Routes { get; }
}

internal readonly struct WithRoutes : IRouteTracking
{
    public bool Routes => true;
}

internal readonly struct DistancesOnly : IRouteTracking
{
    public bool Routes => false;
}
