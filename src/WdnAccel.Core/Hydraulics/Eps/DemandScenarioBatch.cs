using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>One demand scenario run through time: its demand factor and what a planner compares.</summary>
public sealed record DemandScenario(
    int Index,
    double Factor,
    double MinPressure,
    string MinPressureNode,
    long MinPressureTime,
    double[] FinalTankLevels,
    double[] TankLevelChange,
    double KilowattHours,
    double EnergyCost,
    int CutOffSteps,
    bool Converged);

/// <summary>
/// Many demand scenarios of one network through a whole extended-period run in one call: scenario i multiplies every
/// junction's demand (base × pattern) by one factor drawn uniformly from [1 − spread, 1 + spread], seeded from
/// (seed, i) only, so scenario i is the same on any thread count, lane count and backend. Patterns, controls, rules and
/// tanks run as in the network. The scenarios run as lanes of one batched GGA (<see cref="RunBatched"/>) or one scalar
/// engine per scenario on threads (<see cref="Run"/>), through <see cref="EpsLaneBatch"/> like <see cref="PumpScheduleBatch"/>.
/// </summary>
public static class DemandScenarioBatch
{
    public const double DefaultSpread = 0.2;

    public static EpsLaneOutcome<DemandScenario> Run(Network network, int count, int seed, int threads, double spread = DefaultSpread,
        string? file = null, IProgress<int>? progress = null)
    {
        var (net, periods) = Prepare(network, count, spread, file);
        return EpsLaneBatch.Threaded(net, count, periods, [], threads,
            (i, solver) => solver.DemandFactor = Factor(seed, i, spread),
            (i, summary, run) => Finish(summary, run, i, Factor(seed, i, spread)), progress);
    }

    /// <param name="lanes">Lanes per batch (0: all scenarios, up to 4,096).</param>
    public static EpsLaneOutcome<DemandScenario> RunBatched(Network network, int count, int seed, IComputeBackend backend, int threads,
        int lanes = 0, double spread = DefaultSpread, string? file = null, IProgress<int>? progress = null)
    {
        var (net, periods) = Prepare(network, count, spread, file);
        return EpsLaneBatch.Batched(net, count, periods, [], backend, threads, lanes,
            (i, solver) => solver.DemandFactor = Factor(seed, i, spread),
            (i, summary, run) => Finish(summary, run, i, Factor(seed, i, spread)), file, progress);
    }

    /// <summary>Scenario <paramref name="index"/>'s demand factor, uniform in [1 − spread, 1 + spread], from (seed, index) alone.</summary>
    public static double Factor(int seed, int index, double spread)
    {
        // A stream apart from the pump schedules' (same seed, same index) so the two never share draws by accident.
        var rng = EpsLaneBatch.RunStream(seed, index, salt: 0xD3A2_5C3E_11F0_7B9DUL);
        return 1.0 + spread * (2.0 * rng.NextDouble() - 1.0);
    }

    private static DemandScenario Finish(EpsRunSummary summary, EpsRunResult run, int index, double factor) =>
        new(index, factor, summary.MinPressure, summary.MinPressureNode, summary.MinPressureTime, summary.FinalTankLevels,
            summary.TankLevelChange(), run.Energy.KilowattHours.Sum(), run.Energy.Cost.Sum(), summary.CutOffSteps, EpsRunSummary.Converged(run));

    private static (EpsNetwork Net, int Periods) Prepare(Network network, int count, double spread, string? file)
    {
        if (count < 1) throw new InvalidInputException($"--demand-scenarios must be >= 1, got {count}", field: "--demand-scenarios");
        if (!(spread >= 0 && spread < 1)) throw new InvalidInputException($"--demand-spread must be a number in [0, 1), got {spread.ToString(System.Globalization.CultureInfo.InvariantCulture)}", field: "--demand-spread");
        if (!(network.Times.Duration > 0)) throw new InvalidInputException("demand scenarios need an extended-period run: set [TIMES] DURATION or --duration", file, field: "DURATION");
        var net = EpsNetwork.Compile(network, file);
        return (net, EpsLaneBatch.PatternPeriods(net));
    }
}
