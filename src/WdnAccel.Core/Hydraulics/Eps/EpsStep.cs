namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// Results at one report time (s from the start), indexed as <see cref="EpsNetwork"/> numbers nodes and links, SI:
/// heads and pressures in m, demands and flows in m³/s, quality in the network's quality units (null without a
/// quality run).
/// </summary>
public sealed record EpsStep(
    long Time,
    double[] Head,
    double[] Pressure,
    double[] Demand,
    double[] Flow,
    EpsStatus[] Status,
    double[] Setting,
    double[] TankLevel)
{
    public double[]? NodeQuality { get; set; }
    public double[]? LinkQuality { get; set; }
    /// <summary>
    /// Junctions cut off from every reservoir and tank at this time (true at their index; null when none is): their
    /// heads and pressures are not meaningful.
    /// </summary>
    public bool[]? CutOff { get; init; }
    /// <summary>How many junctions are cut off (<see cref="CutOff"/>).</summary>
    public int CutOffCount => CutOff?.Count(c => c) ?? 0;
}
