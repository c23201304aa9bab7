using System.Diagnostics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// What a batch of extended-period runs of one network (pump schedules, demand scenarios, designs) returns: one summary per run,
/// the time it took and how it ran (threaded scalar engines or lanes of one batched GGA).
/// </summary>
public sealed record EpsLaneOutcome<T>(IReadOnlyList<T> Candidates, double Seconds, double CandidateHours, int Periods, int Threads, IReadOnlyList<string> Notes)
{
    public string Backend { get; init; } = EpsLaneBatch.ThreadedBackend;
    /// <summary>"threaded" (one scalar engine per run on threads) or "batched" (lanes of one GGA batch).</summary>
    public string Path { get; init; } = "threaded";
    /// <summary>Batched path: hydraulic periods solved in the batch, and those the lanes' own engines solved again after the batch did not converge.</summary>
    public long BatchedPeriods { get; init; }
    public long ScalarPeriods { get; init; }
    public int Lanes { get; init; }
    public int Rounds { get; init; }
    /// <summary>Batched path: seconds inside the backend's solves.</summary>
    public double SolveSeconds { get; init; }
    /// <summary>Tank ids, in the order of the summaries' tank arrays.</summary>
    public IReadOnlyList<string> TankIds { get; init; } = [];
    /// <summary>The network's hydraulic settings (ω, accuracy, trials), which the report states beside the run's.</summary>
    public HydraulicOptions? Hydraulics { get; init; }
}

/// <summary>
/// The two ways to run many extended-period runs of one compiled network, shared by <see cref="PumpScheduleBatch"/>,
/// <see cref="DemandScenarioBatch"/> and <see cref="EpsDesignBatch"/>: <see cref="Threaded{T}"/> (one scalar <see cref="EpsSolver"/> per run, runs in
/// parallel) and <see cref="Batched{T}"/> (runs as lanes of <see cref="EpsBatchRunner"/>). Run i is set up by
/// <c>configure(i, solver)</c> (before the solver is reset) and summarized by <c>finish(i, summary, result)</c>; with
/// <c>networkOf</c>, run i runs on its own compiled network (a design: other pipe diameters), on a solver of its own.
/// </summary>
public static class EpsLaneBatch
{
    public const string ThreadedBackend = "scalar extended-period engine, one run per thread";

    /// <summary>
    /// Run <paramref name="index"/>'s random stream, from (seed, index) alone so a run does not depend on the thread,
    /// lane or process that runs it; <paramref name="salt"/> keeps the kinds of run (schedules, scenarios, designs) apart.
    /// </summary>
    public static Xoshiro256StarStar RunStream(int seed, int index, ulong salt = 0) =>
        new(new SplitMix64(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index) ^ salt).Next());

    public static EpsLaneOutcome<T> Threaded<T>(EpsNetwork net, int count, int periods, IReadOnlyList<string> notes, int threads,
        Action<int, EpsSolver> configure, Func<int, EpsRunSummary, EpsRunResult, T> finish, IProgress<int>? progress = null,
        Func<int, EpsNetwork>? networkOf = null)
    {
        var results = new T[count];
        int done = 0;
        var watch = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, count, options, () => (EpsSolver?)null, (i, _, reused) =>
        {
            // A design brings its own compiled network, so its own engine; other runs reuse the thread's.
            var solver = networkOf is not null ? new EpsSolver(networkOf(i)) : reused ?? new EpsSolver(net);
            configure(i, solver);
            var summary = new EpsRunSummary(net);
            var run = ExtendedPeriodSimulation.Run(solver.Network, solver, keepPeriods: false, recordSteps: false, onReport: summary.Observe);
            results[i] = finish(i, summary, run);
            int n = Interlocked.Increment(ref done);
            if (progress is not null && (n % 64 == 0 || n == count)) progress.Report(n);
            return solver;
        }, _ => { });
        watch.Stop();
        return new EpsLaneOutcome<T>(results, watch.Elapsed.TotalSeconds, count * net.Times.Duration / 3600.0, periods, options.MaxDegreeOfParallelism, notes)
        {
            TankIds = TankIds(net),
        };
    }

    /// <summary>
    /// The same runs as lanes of one batched GGA on <paramref name="backend"/>; a network the batched runner does not
    /// model runs on the threaded engine instead, with a note saying why.
    /// </summary>
    /// <param name="lanes">Lanes per batch (0: all runs, up to 4,096).</param>
    public static EpsLaneOutcome<T> Batched<T>(EpsNetwork net, int count, int periods, IReadOnlyList<string> notes, IComputeBackend backend,
        int threads, int lanes, Action<int, EpsSolver> configure, Func<int, EpsRunSummary, EpsRunResult, T> finish,
        string? file = null, IProgress<int>? progress = null, Func<int, EpsNetwork>? networkOf = null)
    {
        string? why = EpsBatchRunner.Unsupported(net);
        EpsBatchRunner? runner = null;
        if (why is null)
        {
            try { runner = new EpsBatchRunner(net, backend, lanes > 0 ? lanes : Math.Min(count, 4096), threads, file); }
            catch (InvalidInputException e) { why = e.Message; }
        }
        if (runner is null)
        {
            var threaded = Threaded(net, count, periods, notes, threads, configure, finish, progress, networkOf);
            return threaded with { Notes = [.. threaded.Notes, $"ran on the threaded scalar engine, not the {backend.Name} batch: the batched runner does not model {why}"] };
        }
        using (runner)
        {
            var results = new T[count];
            var summaries = new EpsRunSummary?[count];
            int done = 0;
            var watch = Stopwatch.StartNew();
            runner.Run(count, (i, solver) =>
            {
                configure(i, solver);
                summaries[i] = new EpsRunSummary(net);
                return new EpsRunCursor(solver.Network, solver, keepPeriods: false, recordSteps: false, onReport: summaries[i]!.Observe);
            }, (i, cursor) =>
            {
                results[i] = finish(i, summaries[i]!, cursor.Result());
                summaries[i] = null;
                int n = ++done;
                if (progress is not null && (n % 64 == 0 || n == count)) progress.Report(n);
            }, networkOf);
            watch.Stop();
            return new EpsLaneOutcome<T>(results, watch.Elapsed.TotalSeconds, count * net.Times.Duration / 3600.0, periods, threads > 0 ? threads : Environment.ProcessorCount, notes)
            {
                Backend = $"{backend.Name} batched GGA ({backend.Description}), {runner.Lanes} lanes",
                Path = "batched",
                BatchedPeriods = runner.BatchedPeriods,
                ScalarPeriods = runner.ScalarPeriods,
                Lanes = runner.Lanes,
                Rounds = runner.Rounds,
                SolveSeconds = runner.SolveSeconds,
                TankIds = TankIds(net),
            };
        }
    }

    private static string[] TankIds(EpsNetwork net) => net.Tanks.Select(t => net.NodeIds[t.Node]).ToArray();

    /// <summary>Pattern periods a run of <paramref name="net"/> spans.</summary>
    public static int PatternPeriods(EpsNetwork net) => PatternPeriods(net.Times);

    /// <summary>Pattern periods a run with these times spans.</summary>
    public static int PatternPeriods(SimulationTimes times)
    {
        long pstep = Math.Max(1L, (long)times.PatternStep);
        return (int)Math.Max(1, Math.Ceiling((times.Duration + times.PatternStart) / pstep));
    }

    /// <summary>Pattern periods in one day, or 0 where the pattern step does not divide a day.</summary>
    public static int DailyPeriods(SimulationTimes times)
    {
        long pstep = Math.Max(1L, (long)times.PatternStep);
        return 86400 % pstep == 0 ? (int)(86400 / pstep) : 0;
    }
}

/// <summary>
/// What one run did at its report times: lowest pressure over connected junctions (node and time), report times with
/// junctions cut off, and tank levels first and last.
/// </summary>
public sealed class EpsRunSummary(EpsNetwork net)
{
    private double _minPressure = double.PositiveInfinity;
    private int _minNode, _cutOffSteps;
    private long _minTime;
    private double[]? _firstLevels;
    private readonly double[] _lastLevels = new double[net.TankCount];

    public void Observe(EpsSolver s)
    {
        if (s.CountDisconnected(out _) > 0) _cutOffSteps++;
        for (int j = 0; j < net.JunctionCount; j++)
        {
            double p = s.Head[j] - net.Elevation[j];
            if (p < _minPressure && s.IsConnected(j)) { _minPressure = p; _minNode = j; _minTime = s.Time; }
        }
        for (int t = 0; t < net.TankCount; t++) _lastLevels[t] = s.Head[net.Tanks[t].Node] - net.Tanks[t].Elevation;
        _firstLevels ??= (double[])_lastLevels.Clone();
    }

    public double MinPressure => _minPressure;
    public string MinPressureNode => net.NodeIds[_minNode];
    /// <summary>Seconds from the start of the report time with the lowest pressure.</summary>
    public long MinPressureTime => _minTime;
    public int CutOffSteps => _cutOffSteps;
    /// <summary>Tank levels (m above the tank's bottom) at the last report time.</summary>
    public double[] FinalTankLevels => (double[])_lastLevels.Clone();

    public double[] TankLevelChange()
    {
        var change = new double[net.TankCount];
        for (int t = 0; t < net.TankCount; t++) change[t] = _lastLevels[t] - (_firstLevels?[t] ?? _lastLevels[t]);
        return change;
    }

    public static bool Converged(EpsRunResult run) => run.Warnings.All(w => ExtendedPeriodSimulation.WarningCode(w) != "not_converged");
}
