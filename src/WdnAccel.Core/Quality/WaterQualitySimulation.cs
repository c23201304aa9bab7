using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Quality;

/// <summary>
/// Entry point of the water-quality engine: runs the network's [QUALITY] analysis (chemical, age or trace) over the
/// hydraulic periods of an extended-period run and fills <see cref="EpsStep.NodeQuality"/> and
/// <see cref="EpsStep.LinkQuality"/> at every report step. For many runs on one network, compile a
/// <see cref="QualityNetwork"/> once and reuse a <see cref="QualitySolver"/>.
/// </summary>
public static class WaterQualitySimulation
{
    /// <summary>
    /// Fills the run's steps with quality; the run must have kept its hydraulic periods
    /// (<c>ExtendedPeriodSimulation.Run(..., keepPeriods: true)</c>). Without a quality analysis nothing changes.
    /// </summary>
    /// <exception cref="Io.InvalidInputException">The quality data do not fit the network, or the periods are missing.</exception>
    public static EpsRunResult Run(EpsRunResult run, string? file = null)
    {
        if (run.Network.Source.Quality.Mode == QualityMode.None) return run;
        if (run.Periods.Count == 0 && run.Steps.Count > 0)
            throw new Io.InvalidInputException("water quality needs the run's hydraulic periods; run the hydraulics with keepPeriods: true", file);
        // Hydraulics that diverged (NaN or infinite flows) carry nothing to route: quality stays unset (nodes' quality
        // null in the reports, links without one, as without a quality analysis), and the run says why.
        if (run.Periods.FirstOrDefault(p => !p.Flow.All(double.IsFinite)) is { } diverged)
            return run with { Warnings = [.. run.Warnings, $"{QualitySkippedWarning} from {ExtendedPeriodSimulation.Clock((long)diverged.Time)} on"] };
        Run(run.Network, run.Periods, run.Steps, file);
        return run;
    }

    /// <summary>The start of the warning a run gets when its hydraulics leave no flows to route quality through.</summary>
    public const string QualitySkippedWarning = "water quality not computed: the hydraulics gave no finite flows";

    /// <summary>Quality over any hydraulic periods of <paramref name="network"/> (e.g. another engine's), into <paramref name="steps"/>.</summary>
    public static void Run(EpsNetwork network, IReadOnlyList<HydraulicPeriod> periods, IReadOnlyList<EpsStep> steps, string? file = null)
    {
        if (network.Source.Quality.Mode == QualityMode.None) return;
        new QualitySolver(QualityNetwork.Compile(network, file)).Run(periods, steps);
    }
}
