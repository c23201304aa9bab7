namespace WdnAccel.Core.Model;

/// <summary>
/// The Lishui case's multi-source allocation: a supply graph routed by Floyd–Warshall under the pressure rule, an
/// allocation x_ij from plant i to demand unit j, pipeline losses per (plant, unit), and the cost model's settings
/// (<see cref="Parameters"/>: named numbers with defaults, documented in docs/multi-source-allocation.md).
/// </summary>
public sealed record GraphAllocationSpec
{
    public required IReadOnlyList<GraphNode> Nodes { get; init; }
    public required IReadOnlyList<GraphEdge> Edges { get; init; }
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
    public IReadOnlyList<SupplyLoss> Losses { get; init; } = [];

    /// <summary>Whether roads marked planned take part (the planning year) or not (the base year).</summary>
    public bool IncludePlanned { get; init; } = true;

    /// <summary>How capital costs become annual: "capital_recovery" (A/P) or "sinking_fund" (A/F, the paper's literal symbol).</summary>
    public string Annuity { get; init; } = "capital_recovery";

    /// <summary>Unit of every cost in reports (the paper: 10⁴ yuan).</summary>
    public string CurrencyUnit { get; init; } = "10^4 yuan";
}
