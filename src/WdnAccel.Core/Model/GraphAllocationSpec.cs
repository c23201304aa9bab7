namespace WdnAccel.Core.Model;

/// <summary>
/// The Lishui case's multi-source allocation: a supply graph routed by Floyd–Warshall and an allocation x_ij from
/// supply node i to demand node j. Named numeric <see cref="Parameters"/> carry the cost model
/// (annuity rate, years, chlorine limits, unit costs); their names are documented in docs/scenario-format.md.
/// </summary>
public sealed record GraphAllocationSpec
{
    public required IReadOnlyList<GraphNode> Nodes { get; init; }
    public required IReadOnlyList<GraphEdge> Edges { get; init; }
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
}
