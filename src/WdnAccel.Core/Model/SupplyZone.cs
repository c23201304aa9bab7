namespace WdnAccel.Core.Model;

/// <summary>
/// A distribution zone of the supply allocation model: minimum daily demand, an optional quality premium per unit
/// (any plant), the quality class it requires (plants below it may not serve it) and the head (m) it needs
/// (elevation + minimum service pressure): a plant whose outlet head is lower pays to lift the water.
/// </summary>
public sealed record SupplyZone(string Id, double Demand, double QualityPremium = 0)
{
    public int RequiredQuality { get; init; }
    public double? RequiredHead { get; init; }
}
