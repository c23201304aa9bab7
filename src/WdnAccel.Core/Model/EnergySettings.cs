namespace WdnAccel.Core.Model;

/// <summary>
/// Pump energy settings (EPANET [ENERGY]): the efficiency (%) of pumps without an efficiency curve, the energy price
/// per kWh and its time pattern, and a demand charge per maximum kW. Per-pump values live on <see cref="Pump"/>.
/// </summary>
public sealed record EnergySettings
{
    public double GlobalEfficiency { get; init; } = 75;
    public double GlobalPrice { get; init; }
    public string? GlobalPricePatternId { get; init; }
    public double DemandCharge { get; init; }
}
