namespace WdnAccel.Core.Model;

/// <summary>
/// A source→plant or plant→zone route with its pumping cost per unit volume, an optional capacity, and for
/// plant→zone routes a quality premium per unit that depends on the plant and the zone.
/// </summary>
public sealed record SupplyArc(string From, string To, double PumpingCost, double? Capacity = null)
{
    public double QualityPremium { get; init; }
}
