namespace WdnAccel.Core.Model;

/// <summary>
/// A loading condition. Every junction's demand is its snapshot demand × <see cref="Multiplier"/>,
/// except junctions listed in <see cref="JunctionDemands"/> (m³/s, replacing the base demand).
/// <see cref="MinPressure"/> overrides the design's minimum pressure (m) in this case.
/// </summary>
public sealed record DemandCase(
    string Name,
    double Multiplier = 1.0,
    IReadOnlyDictionary<string, double>? JunctionDemands = null,
    double? MinPressure = null);
