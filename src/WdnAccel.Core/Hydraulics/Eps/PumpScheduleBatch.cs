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
    public const string ThreadedBackend = EpsLaneBatch.ThreadedBackend;

    public static EpsLaneOutcome<PumpScheduleCandidate> Run(Network network, int count, int seed, int threads, double onProbability = 0.5, string? file = null,
        IProgress<int>? progress = null)
    {
        var (net, periods, notes) = Prepare(network, count, file);
        var speeds = new double[count][][];
        return EpsLaneBatch.Threaded(net, count, periods, notes, threads,
            (i, solver) => solver.PumpSchedule = speeds[i] = Schedule(net.PumpCount, periods, seed, i, onProbability),
            (i, summary, run) => Finish(summary, run, i, speeds[i]), progress);
    }

    /// <summary>
    /// The same schedules as <see cref="Run(Network, int, int, int, double, string?, IProgress{int}?)"/>, as lanes of one
    /// batched GGA on <paramref name="backend"/> (<see cref="EpsBatchRunner"/>): each lane keeps its own clock, tanks
    /// and statuses, so each schedule's result is the one its own engine computes, to the solver's tolerance. Networks
    /// the batched solver does not model run on the threaded engine instead, and the outcome's notes say why.
    /// </summary>
    /// <param name="lanes">Lanes per batch (0: all schedules, up to 4,096).</param>
    public static EpsLaneOutcome<PumpScheduleCandidate> RunBatched(Network network, int count, int seed, IComputeBackend backend, int threads, int lanes = 0,
        double onProbability = 0.5, string? file = null, IProgress<int>? progress = null)
    {
        var (net, periods, notes) = Prepare(network, count, file);
        var speeds = new double[count][][];
        return EpsLaneBatch.Batched(net, count, periods, notes, backend, threads, lanes,
            (i, solver) => solver.PumpSchedule = speeds[i] = Schedule(net.PumpCount, periods, seed, i, onProbability),
            (i, summary, run) => Finish(summary, run, i, speeds[i]), file, progress);
    }

    /// <summary>The schedules of a file (<see cref="PumpScheduleFile"/>), each on its own scalar engine on threads.</summary>
    public static EpsLaneOutcome<PumpScheduleCandidate> Run(Network network, PumpScheduleList schedules, int threads, string? file = null,
        IProgress<int>? progress = null)
    {
        var (net, periods, notes, speedsOf) = Prepare(network, schedules, file);
        return EpsLaneBatch.Threaded(net, schedules.Schedules.Count, periods, notes, threads,
            (i, solver) => solver.PumpSchedule = speedsOf(i),
            (i, summary, run) => Finish(summary, run, i, speedsOf(i)) with { Id = schedules.Schedules[i].Id }, progress);
    }

    /// <summary>The schedules of a file (<see cref="PumpScheduleFile"/>) as lanes of one batched GGA.</summary>
    /// <param name="lanes">Lanes per batch (0: all schedules, up to 4,096).</param>
    public static EpsLaneOutcome<PumpScheduleCandidate> RunBatched(Network network, PumpScheduleList schedules, IComputeBackend backend, int threads,
        int lanes = 0, string? file = null, IProgress<int>? progress = null)
    {
        var (net, periods, notes, speedsOf) = Prepare(network, schedules, file);
        return EpsLaneBatch.Batched(net, schedules.Schedules.Count, periods, notes, backend, threads, lanes,
            (i, solver) => solver.PumpSchedule = speedsOf(i),
            (i, summary, run) => Finish(summary, run, i, speedsOf(i)) with { Id = schedules.Schedules[i].Id }, file, progress);
    }

    private static PumpScheduleCandidate Finish(EpsRunSummary summary, EpsRunResult run, int index, double[]?[] speeds) =>
        new(index, speeds, run.Energy.KilowattHours.Sum(), run.Energy.Cost.Sum(), summary.MinPressure, summary.MinPressureNode,
            summary.TankLevelChange(), EpsRunSummary.Converged(run))
        {
            CutOffSteps = summary.CutOffSteps,
        };

    /// <summary>The schedules' network (every pump's controls and rules removed), compiled, its pattern periods and the notes.</summary>
    private static (EpsNetwork Net, int Periods, List<string> Notes) Prepare(Network network, int count, string? file)
    {
        if (count < 1) throw new InvalidInputException($"--pump-schedules must be >= 1, got {count}", field: "--pump-schedules");
        return Prepare(network, network.Pumps.Select(p => p.Id).ToHashSet(StringComparer.Ordinal), file);
    }

    /// <summary>A schedule file's network (the controls and rules of the pumps it names removed) and each schedule's speeds per network pump.</summary>
    private static (EpsNetwork Net, int Periods, List<string> Notes, Func<int, double[]?[]> SpeedsOf) Prepare(Network network, PumpScheduleList list, string? file)
    {
        if (list.Schedules.Count == 0) throw new InvalidInputException("the pump schedule file holds no schedule", list.Path);
        var (net, periods, notes) = Prepare(network, list.Pumps.ToHashSet(StringComparer.Ordinal), file);
        var slot = list.Pumps.Select(id => network.Pumps.Select(p => p.Id).ToList().IndexOf(id)).ToArray();
        if (slot.Any(u => u < 0)) throw new InvalidInputException("the schedule file names a pump the network does not have", list.Path, field: "pump");
        double[]?[] SpeedsOf(int i)
        {
            var speeds = new double[]?[network.Pumps.Count];
            for (int k = 0; k < slot.Length; k++) speeds[slot[k]] = list.Schedules[i].Speeds[k];
            return speeds;
        }
        return (net, periods, notes, SpeedsOf);
    }

    private static (EpsNetwork Net, int Periods, List<string> Notes) Prepare(Network network, IReadOnlySet<string> pumpIds, string? file)
    {
        if (network.Pumps.Count == 0) throw new InvalidInputException("pump schedules need a network with pumps", file, field: "PUMPS");
        if (!(network.Times.Duration > 0)) throw new InvalidInputException("pump schedules need an extended-period run: set [TIMES] DURATION or --duration", file, field: "DURATION");
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
        return (net, EpsLaneBatch.PatternPeriods(net), notes);
    }

    /// <summary>Candidate <paramref name="index"/>'s on/off speeds: a generator seeded from (seed, index) alone.</summary>
    public static double[][] Schedule(int pumps, int periods, int seed, int index, double onProbability)
    {
        var rng = EpsLaneBatch.RunStream(seed, index);
        var speeds = new double[pumps][];
        for (int u = 0; u < pumps; u++)
        {
            speeds[u] = new double[periods];
            for (int p = 0; p < periods; p++) speeds[u][p] = rng.NextDouble() < onProbability ? 1.0 : 0.0;
        }
        return speeds;
    }
}
