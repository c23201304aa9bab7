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
}
