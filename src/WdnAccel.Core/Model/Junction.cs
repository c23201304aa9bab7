namespace WdnAccel.Core.Model;

/// <summary>
/// A demand node. SI: elevation in m, demands in m³/s. Optional pressure bounds (m of water)
/// override the design block's defaults for this node.
/// </summary>
public sealed record Junction(
    string Id,
    double Elevation,
    IReadOnlyList<DemandComponent> Demands,
    double? MinPressure = null,
    double? MaxPressure = null,
    Point2? Coordinates = null)
{
    /// <summary>Sum of the base demands of every category (m³/s), before pattern and global multipliers.</summary>
    /// <summary>Emitter coefficient (EPANET [EMITTERS]): outflow = coefficient × pressure^exponent, m³/s per m^exponent; 0 = none.</summary>
    public double EmitterCoefficient { get; init; }

    public double BaseDemand => Demands.Sum(d => d.BaseDemand);
}
