namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// One extended-period run's bookkeeping between its network solves (EPANET runH/nextH around hydsolve): warnings,
/// report times, the clock step and tank levels (<see cref="EpsSolver.Advance"/>). Shared by the one-engine loop of
/// <see cref="ExtendedPeriodSimulation"/> and the batched runner, whose lanes each own a cursor and a solver, so both
/// take the same steps.
/// </summary>
public sealed class EpsRunCursor
{
    private readonly EpsNetwork _net;
    private readonly bool _keepPeriods, _recordSteps;
    private readonly Action<EpsSolver>? _onReport;
    private readonly List<EpsStep> _steps = [];
    private readonly List<HydraulicPeriod> _periods = [];
    private readonly List<string> _warnings = [];
    private readonly long _reportStep;
    /// <summary>EPANET's report time (quality.c Rtime): from REPORT START on, one report step past the last one recorded.</summary>
    private long _nextReport;
    private readonly long _duration;
    private int _trials;
    /// <summary>Periods with junctions cut off past <see cref="MaxCutOffWarnings"/>, left out of the warnings, and the last one's time.</summary>
    private int _cutOffWarnings, _cutOffLeftOut;
    private long _lastCutOffLeftOut;

    /// <summary>Cut-off warnings kept per run; the rest are counted in one last warning.</summary>
    public const int MaxCutOffWarnings = 20;

    public EpsSolver Solver { get; }
    /// <summary>True once the run has reached its duration (or stopped on a period that did not converge).</summary>
    public bool Finished { get; private set; }
    /// <summary>Hydraulic periods solved so far.</summary>
    public int Periods { get; private set; }

    /// <summary>Resets <paramref name="solver"/> to time zero; the first period is then due.</summary>
    public EpsRunCursor(EpsNetwork net, EpsSolver solver, bool keepPeriods, bool recordSteps = true, Action<EpsSolver>? onReport = null)
    {
        _net = net;
        Solver = solver;
        _keepPeriods = keepPeriods;
        _recordSteps = recordSteps;
        _onReport = onReport;
        _nextReport = (long)net.Times.EffectiveReportStart;
        _duration = (long)net.Times.Duration;
        _reportStep = Math.Max(1L, (long)net.Times.ReportStep);
        solver.Reset();
    }

    /// <summary>After the current period is solved: warnings, report, then the step to the next period (false at the end).</summary>
    public bool AfterSolve()
    {
        var solver = Solver;
        Periods++;
        _trials += solver.Trials;
        long now = solver.Time;
        bool halt = false;
        if (!solver.Converged)
        {
            halt = _net.Options.ExtraTrials < 0;
            _warnings.Add($"hydraulics did not converge at {ExtendedPeriodSimulation.Clock(now)} (relative flow change {solver.RelativeError:G3} after {solver.Trials} trials)"
                + (halt ? "; the run stops here (UNBALANCED STOP; set UNBALANCED CONTINUE to go on)" : ""));
        }
        int disconnected = solver.CountDisconnected(out int firstDisconnected);
        if (disconnected > 0 && _cutOffWarnings >= MaxCutOffWarnings)
        {
            _cutOffLeftOut++;
            _lastCutOffLeftOut = now;
        }
        else if (disconnected > 0)
        {
            _cutOffWarnings++;
            _warnings.Add($"{disconnected} junction(s) cut off from every reservoir and tank at {ExtendedPeriodSimulation.Clock(now)} (first: {_net.NodeIds[firstDisconnected]}); their heads are not meaningful");
        }
        // EPANET 2.2 (quality.c runqual) saves a report period at the first hydraulic time at or after its report time
        // and then moves that time on by one report step; never past the duration, which a last step can overshoot
        // (nextqual stops there). Hydraulic periods end at every multiple of the report step,
        // so with REPORT START a multiple of it these are the report times themselves; otherwise (start 0:30, step 1:00)
        // EPANET labels its periods 0:30, 1:30, … with the states of 1:00, 2:00, …, which we record under their own times.
        if (now >= _nextReport && now <= _duration)
        {
            _nextReport += _reportStep;
            if (_recordSteps) _steps.Add(ExtendedPeriodSimulation.Record(_net, solver));
            _onReport?.Invoke(solver);
        }
        var before = _keepPeriods ? solver.Snapshot(0) : null;
        long step = halt ? 0 : solver.Advance();
        if (before is not null) _periods.Add(before with { Duration = step });
        if (step == 0) Finished = true;
        return !Finished;
    }

    public EpsRunResult Result()
    {
        var warnings = _warnings;
        if (_cutOffLeftOut > 0)
        {
            // Same code as the warnings it stands for (WarningCode: "disconnected"); the word "converge" must not appear.
            warnings = [.. _warnings, $"... and {_cutOffLeftOut} more hydraulic period(s) with junction(s) cut off from every reservoir and tank, "
                + $"not listed (only the first {MaxCutOffWarnings} are; the last at {ExtendedPeriodSimulation.Clock(_lastCutOffLeftOut)}); their heads are not meaningful"];
        }
        return new(_net, _steps, _periods, Solver.Energy, warnings, _trials);
    }
}
