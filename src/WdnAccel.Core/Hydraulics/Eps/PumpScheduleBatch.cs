using System.Diagnostics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// Many pump schedules of one network through a whole extended-period run in one call: each candidate switches every
/// pump on or off per pattern period (seeded, so candidate i is the same whatever the thread count), replacing the
/// pumps' speed patterns and the simple controls and rules that act on them. Candidates run in parallel, one
/// engine per thread, over one compiled network.
/// </summary>
public static class PumpScheduleBatch
{
    /// <param name="Backend">What ran the schedules, for the report: the threaded scalar engine or the batched backend.</param>
    public sealed record Outcome(IReadOnlyList<PumpScheduleCandidate> Candidates, double Seconds, double CandidateHours, int Periods, int Threads, IReadOnlyList<string> Notes)
    {
        public string Backend { get; init; } = ThreadedBackend;
        /// <summary>"threaded" (one scalar engine per schedule on threads) or "batched" (lanes of one GGA batch).</summary>
        public string Path { get; init; } = "threaded";
        /// <summary>Batched path: hydraulic periods solved in the batch, and those the lanes' own engines solved again after the batch did not converge.</summary>
        public long BatchedPeriods { get; init; }
        public long ScalarPeriods { get; init; }
        public int Lanes { get; init; }
        public int Rounds { get; init; }
        /// <summary>Batched path: seconds inside the backend's solves.</summary>
        public double SolveSeconds { get; init; }
    }

    public const string ThreadedBackend = "scalar extended-period engine, one schedule per thread";

    public static Outcome Run(Network network, int count, int seed, int threads, double onProbability = 0.5, string? file = null,
        IProgress<int>? progress = null)
    {
        var (net, periods, notes) = Prepare(network, count, file);
        var results = new PumpScheduleCandidate[count];
        int done = 0;
        var watch = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, count, options, () => new EpsSolver(net), (i, _, solver) =>
        {
            var speeds = Schedule(net.PumpCount, periods, seed, i, onProbability);
            solver.PumpSchedule = speeds;
            var summary = new Summary(net);
            var run = ExtendedPeriodSimulation.Run(net, solver, keepPeriods: false, recordSteps: false, onReport: summary.Observe);
            results[i] = summary.Finish(run, i, speeds);
            int n = Interlocked.Increment(ref done);
            if (progress is not null && (n % 64 == 0 || n == count)) progress.Report(n);
            return solver;
        }, _ => { });
        watch.Stop();
        return new Outcome(results, watch.Elapsed.TotalSeconds, count * net.Times.Duration / 3600.0, periods, options.MaxDegreeOfParallelism, notes);
    }

    /// <summary>
    /// The same schedules as <see cref="Run(Network, int, int, int, double, string?, IProgress{int}?)"/>, as lanes of one
    /// batched GGA on <paramref name="backend"/> (<see cref="EpsBatchRunner"/>): each lane keeps its own clock, tanks
    /// and statuses, so each schedule's result is the one its own engine computes, to the solver's tolerance. Networks
    /// the batched solver does not model run on the threaded engine instead, and the outcome's notes say why.
    /// </summary>
    /// <param name="lanes">Lanes per batch (0: all schedules, up to 4,096).</param>
    public static Outcome RunBatched(Network network, int count, int seed, IComputeBackend backend, int threads, int lanes = 0,
        double onProbability = 0.5, string? file = null, IProgress<int>? progress = null)
    {
        var (net, periods, notes) = Prepare(network, count, file);
        string? why = EpsBatchRunner.Unsupported(net);
        EpsBatchRunner? runner = null;
        if (why is null)
        {
            try { runner = new EpsBatchRunner(net, backend, lanes > 0 ? lanes : Math.Min(count, 4096), threads, file); }
            catch (InvalidInputException e) { why = e.Message; }
        }
        if (runner is null)
        {
            var threaded = Run(network, count, seed, threads, onProbability, file, progress);
            return threaded with { Notes = [.. threaded.Notes, $"ran on the threaded scalar engine, not the {backend.Name} batch: the batched runner does not model {why}"] };
        }
        using (runner)
        {
            var results = new PumpScheduleCandidate[count];
            var summaries = new Summary[count];
            var speeds = new double[count][][];
            int done = 0;
            var watch = Stopwatch.StartNew();
            runner.Run(count, (i, solver) =>
            {
                speeds[i] = Schedule(net.PumpCount, periods, seed, i, onProbability);
                solver.PumpSchedule = speeds[i];
                summaries[i] = new Summary(net);
                return new EpsRunCursor(net, solver, keepPeriods: false, recordSteps: false, onReport: summaries[i].Observe);
            }, (i, cursor) =>
            {
                results[i] = summaries[i].Finish(cursor.Result(), i, speeds[i]);
                summaries[i] = null!;
                int n = ++done;
                if (progress is not null && (n % 64 == 0 || n == count)) progress.Report(n);
            });
            watch.Stop();
            return new Outcome(results, watch.Elapsed.TotalSeconds, count * net.Times.Duration / 3600.0, periods, threads > 0 ? threads : Environment.ProcessorCount, notes)
            {
                Backend = $"{backend.Name} batched GGA ({backend.Description}), {runner.Lanes} lanes",
                Path = "batched",
                BatchedPeriods = runner.BatchedPeriods,
                ScalarPeriods = runner.ScalarPeriods,
                Lanes = runner.Lanes,
                Rounds = runner.Rounds,
                SolveSeconds = runner.SolveSeconds,
            };
        }
    }

    /// <summary>The schedules' network (pump controls and rules removed), compiled, its pattern periods and the notes.</summary>
    private static (EpsNetwork Net, int Periods, List<string> Notes) Prepare(Network network, int count, string? file)
    {
        if (network.Pumps.Count == 0) throw new InvalidInputException("pump schedules need a network with pumps", file, field: "PUMPS");
        if (!(network.Times.Duration > 0)) throw new InvalidInputException("pump schedules need an extended-period run: set [TIMES] DURATION or --duration", file, field: "DURATION");
        if (count < 1) throw new InvalidInputException($"--pump-schedules must be >= 1, got {count}", field: "--pump-schedules");
        var pumpIds = network.Pumps.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var notes = new List<string>();
        int droppedControls = network.Controls.Count(c => pumpIds.Contains(c.Action.LinkId));
        int droppedRules = network.Rules.Count(r => r.Then.Concat(r.Else).Any(a => pumpIds.Contains(a.LinkId)));
        if (droppedControls + droppedRules > 0)
            notes.Add($"the schedules replace {droppedControls} simple control(s) and {droppedRules} rule(s) that switch the pumps");
        var scheduled = network with
        {
            Controls = network.Controls.Where(c => !pumpIds.Contains(c.Action.LinkId)).ToArray(),
            Rules = network.Rules.Where(r => !r.Then.Concat(r.Else).Any(a => pumpIds.Contains(a.LinkId))).ToArray(),
        };
        var net = EpsNetwork.Compile(scheduled, file);
        long pstep = Math.Max(1L, (long)net.Times.PatternStep);
        int periods = (int)Math.Max(1, Math.Ceiling((net.Times.Duration + net.Times.PatternStart) / pstep));
        return (net, periods, notes);
    }

    /// <summary>Candidate <paramref name="index"/>'s on/off speeds: a generator seeded from (seed, index) alone.</summary>
    public static double[][] Schedule(int pumps, int periods, int seed, int index, double onProbability)
    {
        // Seeded from (seed, index) only, so a schedule does not depend on the thread that runs it or on the process.
        var rng = new Xoshiro256StarStar(new SplitMix64(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index)).Next());
        var speeds = new double[pumps][];
        for (int u = 0; u < pumps; u++)
        {
            speeds[u] = new double[periods];
            for (int p = 0; p < periods; p++) speeds[u][p] = rng.NextDouble() < onProbability ? 1.0 : 0.0;
        }
        return speeds;
    }

    /// <summary>Lowest pressure over connected junctions at report times, cut-off report times, and tank levels first and last.</summary>
    private sealed class Summary(EpsNetwork net)
    {
        private double _minPressure = double.PositiveInfinity;
        private int _minNode, _cutOffSteps;
        private double[]? _firstLevels;
        private readonly double[] _lastLevels = new double[net.TankCount];

        public void Observe(EpsSolver s)
        {
            if (s.CountDisconnected(out _) > 0) _cutOffSteps++;
            for (int j = 0; j < net.JunctionCount; j++)
            {
                double p = s.Head[j] - net.Elevation[j];
                if (p < _minPressure && s.IsConnected(j)) { _minPressure = p; _minNode = j; }
            }
            for (int t = 0; t < net.TankCount; t++) _lastLevels[t] = s.Head[net.Tanks[t].Node] - net.Tanks[t].Elevation;
            _firstLevels ??= (double[])_lastLevels.Clone();
        }

        public PumpScheduleCandidate Finish(EpsRunResult run, int index, double[][] speeds)
        {
            var change = new double[net.TankCount];
            for (int t = 0; t < net.TankCount; t++) change[t] = _lastLevels[t] - (_firstLevels?[t] ?? _lastLevels[t]);
            return new PumpScheduleCandidate(index, speeds, run.Energy.KilowattHours.Sum(), run.Energy.Cost.Sum(), _minPressure,
                net.NodeIds[_minNode], change, run.Warnings.All(w => ExtendedPeriodSimulation.WarningCode(w) != "not_converged"))
            {
                CutOffSteps = _cutOffSteps,
            };
        }
    }
}
