namespace WdnAccel.Core.Problems;

/// <summary>
/// How plant i reaches demand unit j in the Lishui case's model: the Floyd–Warshall route under the pressure rule
/// (node ids), its length (km), the network cost coefficient Σ (base + hard·K)·d over its roads (F3 = coefficient ×
/// q^b), the pipeline loss, whether the flow is lifted at a pumping station (and by how many metres), and the
/// residual chlorine reaching the unit after re-chlorination where needed. <see cref="Reason"/> says why a pair
/// cannot be served (no route under the pressure rule, chlorine too low).
/// </summary>
public sealed record SupplyRoute(
    string Plant,
    string Unit,
    IReadOnlyList<string> Nodes,
    double LengthKm,
    double CostCoefficient,
    double Loss,
    bool Lifted,
    string? LiftedAt,
    double LiftHead,
    double Chlorine,
    string? RechlorinatedAt,
    string? Reason)
{
    public bool Feasible => Reason is null;
}
