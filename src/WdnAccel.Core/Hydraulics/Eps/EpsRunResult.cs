namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>An extended-period run: results at every report time, every hydraulic period, pump energy and warnings.</summary>
public sealed record EpsRunResult(
    EpsNetwork Network,
    IReadOnlyList<EpsStep> Steps,
    IReadOnlyList<HydraulicPeriod> Periods,
    EpsEnergy Energy,
    IReadOnlyList<string> Warnings,
    int TotalTrials);
