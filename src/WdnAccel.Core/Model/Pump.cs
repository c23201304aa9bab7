namespace WdnAccel.Core.Model;

/// <summary>
/// A pump from <see cref="Node1"/> (suction) to <see cref="Node2"/> (discharge), either with a head curve
/// (1 or 3 points are fitted to h = h0 − r·Qⁿ as EPANET does; other point counts are a piecewise-linear custom curve) or with
/// constant power in kW. SI units; <see cref="Speed"/> is the relative speed setting.
/// </summary>
public sealed record Pump(
    string Id,
    string Node1,
    string Node2,
    string? HeadCurveId = null,
    double? Power = null,
    double Speed = 1.0,
    string? PatternId = null,
    LinkStatus Status = LinkStatus.Open,
    IReadOnlyList<Point2>? Vertices = null)
{
    /// <summary>Efficiency curve (flow m³/s → %) from [ENERGY]; null = the global efficiency.</summary>
    public string? EfficiencyCurveId { get; init; }
    /// <summary>Energy price per kWh from [ENERGY]; null = the global price.</summary>
    public double? EnergyPrice { get; init; }
    /// <summary>Price pattern from [ENERGY]; null = the global price pattern.</summary>
    public string? PricePatternId { get; init; }
}
