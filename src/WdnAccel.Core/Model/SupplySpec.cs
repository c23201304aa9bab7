namespace WdnAccel.Core.Model;

/// <summary>
/// The source→plant→zone allocation of the supply allocation guide (JAOT): minimise pumping + treatment cost subject to
/// source and plant capacities, plant flow balance and zone demands. Quantities are in <see cref="FlowUnit"/>
/// (the supply allocation guide: ML/day) and costs in <see cref="CostUnit"/> per unit volume; exact values are kept as given.
/// </summary>
public sealed record SupplySpec
{
    public required IReadOnlyList<SupplySource> Sources { get; init; }
    public required IReadOnlyList<SupplyPlant> Plants { get; init; }
    public required IReadOnlyList<SupplyZone> Zones { get; init; }
    public required IReadOnlyList<SupplyArc> Arcs { get; init; }
    public string FlowUnit { get; init; } = "ML/day";
    public string CostUnit { get; init; } = "$";
}
