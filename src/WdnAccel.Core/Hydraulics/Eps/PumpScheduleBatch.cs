using System.Diagnostics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// Many pump schedules of one network through a whole extended-period run in one call: each candidate switches every
/// pump on or off per pattern period (seeded, so candidate i is the same whatever the thread count), replacing the
/// pumps' speed patterns and the simple controls and rules that act on them. Candidates run in parallel, one
/// engine per thread, over one compiled network.
/// </summary>
public static class PumpScheduleBatch
{
    public sealed record Outcome(IReadOnlyList<PumpScheduleCandidate> Candidates, double Seconds, double CandidateHours, int Periods, int Threads, IReadOnlyList<string> Notes);

    public static Outcome Run(Network network, int count, int seed, int threads, double onProbability = 0.5, string? file = null,
        IProgress<int>? progress = null)
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
        var results = new PumpScheduleCandidate[count];
        int done = 0;
        var watch = Stopwatch.StartNew();
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        Parallel.For(0, count, options, () => new EpsSolver(net), (i, _, solver) =>
        {
            var speeds = Schedule(net.PumpCount, periods, seed, i, onProbability);
            solver.PumpSchedule = speeds;
            var run = ExtendedPeriodSimulation.Run(net, solver, keepPeriods: false);
            results[i] = Summarize(net, run, i, speeds);
            int n = Interlocked.Increment(ref done);
            if (progress is not null && (n % 64 == 0 || n == count)) progress.Report(n);
            return solver;
        }, _ => { });
        watch.Stop();
        return new Outcome(results, watch.Elapsed.TotalSeconds, count * net.Times.Duration / 3600.0, periods, options.MaxDegreeOfParallelism, notes);
    }

    /// <summary>Candidate <paramref name="index"/>'s on/off speeds: a generator seeded from (seed, index) alone.</summary>
    public static double[][] Schedule(int pumps, int periods, int seed, int index, double onProbability)
    {
        var rng = new Random(HashCode.Combine(seed, index, 0x5eed));
        var speeds = new double[pumps][];
        for (int u = 0; u < pumps; u++)
        {
            speeds[u] = new double[periods];
            for (int p = 0; p < periods; p++) speeds[u][p] = rng.NextDouble() < onProbability ? 1.0 : 0.0;
        }
        return speeds;
    }

    private static PumpScheduleCandidate Summarize(EpsNetwork net, EpsRunResult run, int index, double[][] speeds)
    {
        double minPressure = double.PositiveInfinity;
        int minNode = 0;
        foreach (var step in run.Steps)
        {
            for (int j = 0; j < net.JunctionCount; j++)
            {
                if (step.Pressure[j] < minPressure) { minPressure = step.Pressure[j]; minNode = j; }
            }
        }
        var change = new double[net.TankCount];
        if (run.Steps.Count > 0)
        {
            for (int t = 0; t < net.TankCount; t++) change[t] = run.Steps[^1].TankLevel[t] - run.Steps[0].TankLevel[t];
        }
        return new PumpScheduleCandidate(index, speeds, run.Energy.KilowattHours.Sum(), run.Energy.Cost.Sum(), minPressure, net.NodeIds[minNode], change, run.Warnings.Count == 0);
    }
}
