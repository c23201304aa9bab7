namespace WdnAccel.Core.Model;

/// <summary>
/// A storage tank. In a steady-state snapshot a tank is a fixed-head node at
/// <see cref="Elevation"/> + <see cref="InitLevel"/> (as EPANET does at time zero). SI units.
/// </summary>
public sealed record Tank(
    string Id,
    double Elevation,
    double InitLevel,
    double MinLevel,
    double MaxLevel,
    double Diameter,
    double MinVolume = 0,
    string? VolumeCurveId = null,
    bool CanOverflow = false,
    Point2? Coordinates = null)
{
    public double SnapshotHead => Elevation + InitLevel;

    /// <summary>Water-quality mixing model (EPANET [MIXING]).</summary>
    public MixingModel Mixing { get; init; } = MixingModel.Mixed;
    /// <summary>Mixing zone's fraction of the total volume (two-compartment model).</summary>
    public double MixingFraction { get; init; } = 1.0;
}
