namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// One pump schedule run through time: its speeds per pump (the network's order; null for a pump a schedule file does not
/// name, which keeps its own operation) and pattern period, the energy it used and cost, and what
/// it did to the network (lowest pressure of a connected junction at any report step, report steps with junctions cut off, tank levels at the end against the start).
/// </summary>
public sealed record PumpScheduleCandidate(
    int Index,
    double[]?[] Speeds,
    double KilowattHours,
    double EnergyCost,
    double MinPressure,
    string MinPressureNode,
    double[] TankLevelChange,
    bool Converged)
{
    /// <summary>Report times at which some junction was cut off from every source (an empty tank's outlet closed, a pump off).</summary>
    public int CutOffSteps { get; init; }
    /// <summary>The schedule's id in the file it was read from; null for a random schedule.</summary>
    public string? Id { get; init; }
}
