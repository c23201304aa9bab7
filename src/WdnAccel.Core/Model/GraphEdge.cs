namespace WdnAccel.Core.Model;

/// <summary>
/// A road or pipeline corridor of the Lishui case's supply graph: length in m (null = from the end nodes'
/// coordinates), a cost factor multiplying it into route weights, the construction difficulty K-hard (Table 4:
/// 0 easy … 1 hard, e.g. a river crossing) and whether it exists only in the planning year (Table 1's starred
/// roads). Undirected unless <see cref="Directed"/>.
/// </summary>
public sealed record GraphEdge(string From, string To, double? Length, double CostFactor = 1.0, bool Directed = false)
{
    public double Difficulty { get; init; }
    public bool Planned { get; init; }
}
