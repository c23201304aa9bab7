using WdnAccel.Core.Hydraulics.Eps;

namespace WdnAccel.Core.Problems;

/// <summary>
/// One design run through the day by <see cref="DiurnalDesignProblem"/>: its capital (pipes, pumps), the annual cost
/// split (annualized pipes, annualized pumps, energy of one day × days per year), and the pressures it gives: the
/// lowest pressure over the checked junctions at every report time (hour 0..24), the lowest of those, and the total
/// shortfall below the minimum pressure summed over junctions and report times (0 = feasible).
/// <see cref="Solved"/>: every period converged, every junction stayed connected to a source and the run reached its
/// duration. <see cref="Run"/> holds the engine's steps only when the design was assessed with steps recorded.
/// </summary>
public sealed record DiurnalDesignEvaluation(
    double PipeCapital,
    double PumpCapital,
    double AnnualPipeCost,
    double AnnualPumpCost,
    double AnnualEnergyCost,
    double DailyKilowattHours,
    IReadOnlyList<string> Pumps,
    IReadOnlyList<long> Times,
    IReadOnlyList<double> MinPressureByTime,
    IReadOnlyList<string> MinPressureNodeByTime,
    double Violation,
    bool Solved,
    EpsRunResult? Run)
{
    public double AnnualCost => AnnualPipeCost + AnnualPumpCost + AnnualEnergyCost;

    /// <summary>True when the run was solved and no junction fell below its minimum pressure at any report time.</summary>
    public bool Feasible => Solved && Violation == 0;

    /// <summary>Lowest pressure (m) over every checked junction and report time.</summary>
    public double MinPressure => MinPressureByTime.Count == 0 ? double.NaN : MinPressureByTime.Min();

    /// <summary>Junction and report time (s) of <see cref="MinPressure"/> (the first, when tied).</summary>
    public (string Node, long Time) MinPressureAt
    {
        get
        {
            int best = 0;
            for (int t = 1; t < MinPressureByTime.Count; t++) if (MinPressureByTime[t] < MinPressureByTime[best]) best = t;
            return MinPressureByTime.Count == 0 ? ("", 0) : (MinPressureNodeByTime[best], Times[best]);
        }
    }
}
