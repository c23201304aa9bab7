namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// One pump schedule run through time: its speeds per pump and pattern period, the energy it used and cost, and what
/// it did to the network (lowest junction pressure at any report step, tank levels at the end against the start).
/// </summary>
public sealed record PumpScheduleCandidate(
    int Index,
    double[][] Speeds,
    double KilowattHours,
    double EnergyCost,
    double MinPressure,
    string MinPressureNode,
    double[] TankLevelChange,
    bool Converged);
