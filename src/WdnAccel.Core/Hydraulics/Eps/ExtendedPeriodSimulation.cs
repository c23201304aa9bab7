using WdnAccel.Core.Model;
using WdnAccel.Core.Quality;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// Runs a network through time as EPANET 2.2 does (runH/nextH): solve the period, record it when it is a report time,
/// advance the clock to the next event, until the duration is reached. A zero duration is one snapshot.
/// A period that does not converge is named in the warnings; with UNBALANCED STOP (EPANET's default) the run ends
/// there, as EPANET's does.
/// </summary>
public static class ExtendedPeriodSimulation
{
    /// <param name="duration">Overrides [TIMES] DURATION (s) when given.</param>
    /// <param name="reportStep">Overrides [TIMES] REPORT TIMESTEP (s) when given.</param>
    /// <param name="keepPeriods">Keep every hydraulic period (the water-quality engine needs them).</param>
    public static EpsRunResult Run(Network network, string? file = null, double? duration = null, double? reportStep = null, bool keepPeriods = false)
    {
        var times = network.Times;
        if (duration is { } d) times = times with { Duration = d };
        if (reportStep is { } r) times = times with { ReportStep = r };
        var net = EpsNetwork.Compile(network with { Times = times }, file);
        var result = Run(net, new EpsSolver(net), keepPeriods || network.Quality.Mode != QualityMode.None);
        return WaterQualitySimulation.Run(result, file);
    }

    /// <param name="recordSteps">Copy the state at every report time into <see cref="EpsRunResult.Steps"/>.</param>
    /// <param name="onReport">Called with the solver at every report time (batches summarize here without copying).</param>
    public static EpsRunResult Run(EpsNetwork net, EpsSolver solver, bool keepPeriods, bool recordSteps = true, Action<EpsSolver>? onReport = null)
    {
        var cursor = new EpsRunCursor(net, solver, keepPeriods, recordSteps, onReport);
        do solver.SolveCurrentPeriod();
        while (cursor.AfterSolve());
        return cursor.Result();
    }

    /// <summary>The JSON warning code of a run warning: `not_converged`, `quality_not_computed` (diverged hydraulics), or
    /// `disconnected` for junctions cut off from every source (also the last one, counting those left out).</summary>
    public static string WarningCode(string warning) =>
        warning.StartsWith(Quality.WaterQualitySimulation.QualitySkippedWarning, StringComparison.Ordinal) ? "quality_not_computed"
        : warning.Contains("converge", StringComparison.Ordinal) ? "not_converged" : "disconnected";

    /// <summary>
    /// Report steps a run of <paramref name="network"/> records (every report time from REPORT START to the duration)
    /// and about how many bytes it holds while it runs: per report step the heads, pressures, demands, flows, settings,
    /// statuses and tank levels (<see cref="EpsStep"/>), with water quality also node and link quality and every
    /// hydraulic period (at least one per hydraulic, pattern and report step) for the quality engine.
    /// </summary>
    public static (double ReportSteps, double Bytes) MemoryEstimate(Network network)
    {
        var t = network.Times;
        int n = network.NodeCount, m = network.LinkCount;
        double steps = Math.Floor((t.Duration - t.EffectiveReportStart) / Math.Max(1, t.ReportStep)) + 1;
        double perStep = 8.0 * (3 * n + 2 * m + network.Tanks.Count) + 4.0 * m + network.Junctions.Count + 400;
        double bytes = steps * perStep;
        if (network.Quality.Mode != QualityMode.None)
        {
            double shortest = Math.Max(1, t.EffectiveHydraulicStep);
            double periods = Math.Floor(t.Duration / shortest) + 1;
            bytes += steps * 8.0 * (n + m) + periods * (8.0 * (2 * n + m) + 4.0 * m + 200);
        }
        return (steps, bytes);
    }

    /// <summary>h:mm:ss of an elapsed time, as EPANET's reports write it.</summary>
    public static string Clock(long seconds) => $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}";

    internal static EpsStep Record(EpsNetwork net, EpsSolver s)
    {
        int n = net.NodeCount;
        var pressure = new double[n];
        for (int i = 0; i < n; i++) pressure[i] = s.Head[i] - net.Elevation[i];
        var levels = new double[net.TankCount];
        for (int t = 0; t < net.TankCount; t++) levels[t] = s.Head[net.Tanks[t].Node] - net.Tanks[t].Elevation;
        var flow = (double[])s.Flow.Clone();
        // EPANET reports a closed link's flow as zero.
        for (int k = 0; k < flow.Length; k++) if (s.Status[k] <= EpsStatus.Closed) flow[k] = 0;
        // The cursor counted disconnected junctions (CountDisconnected) just before recording: IsConnected reads that.
        bool[]? cutOff = null;
        for (int j = 0; j < net.JunctionCount; j++)
        {
            if (s.IsConnected(j)) continue;
            cutOff ??= new bool[net.JunctionCount];
            cutOff[j] = true;
        }
        return new EpsStep(s.Time, (double[])s.Head.Clone(), pressure, (double[])s.Demand.Clone(), flow,
            (EpsStatus[])s.Status.Clone(), (double[])s.Setting.Clone(), levels) { CutOff = cutOff };
    }
}
