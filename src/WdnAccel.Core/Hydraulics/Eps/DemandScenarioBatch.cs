using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// One demand scenario run through time: its demand factor (with a factor per junction: theirs weighted by base demand,
/// the factor of the network's total base demand) and what a planner compares.
/// </summary>
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
    bool Converged)
{
    /// <summary>Per junction (the network's junction order): its own factor; null where the scenario has one factor for all.</summary>
    public double[]? JunctionFactors { get; init; }
}

/// <summary>
/// Many demand scenarios of one network through a whole extended-period run in one call: scenario i multiplies every
/// junction's demand (base × pattern) by one factor drawn uniformly from [1 − spread, 1 + spread], seeded from
/// (seed, i) only, so scenario i is the same on any thread count, lane count and backend. Patterns, controls, rules and
/// tanks run as in the network. With a factor per junction (<c>perJunction</c>), scenario i draws one factor for every
/// junction instead, junction j's from (seed, i, j) alone (<see cref="JunctionFactors"/>). The scenarios run as lanes of one batched GGA (<see cref="RunBatched"/>) or one scalar
/// engine per scenario on threads (<see cref="Run"/>), through <see cref="EpsLaneBatch"/> like <see cref="PumpScheduleBatch"/>.
/// </summary>
public static class DemandScenarioBatch
{
    public const double DefaultSpread = 0.2;

    /// <param name="perJunction">An independent factor per junction and scenario instead of one per scenario.</param>
    public static EpsLaneOutcome<DemandScenario> Run(Network network, int count, int seed, int threads, double spread = DefaultSpread,
        string? file = null, IProgress<int>? progress = null, bool perJunction = false)
    {
        var (net, periods) = Prepare(network, count, spread, file);
        return EpsLaneBatch.Threaded(net, count, periods, [], threads, Configure(net, seed, spread, perJunction),
            Finisher(net, seed, spread, perJunction), progress);
    }

    /// <param name="lanes">Lanes per batch (0: all scenarios, up to 4,096).</param>
    /// <param name="perJunction">An independent factor per junction and scenario instead of one per scenario.</param>
    public static EpsLaneOutcome<DemandScenario> RunBatched(Network network, int count, int seed, IComputeBackend backend, int threads,
        int lanes = 0, double spread = DefaultSpread, string? file = null, IProgress<int>? progress = null, bool perJunction = false)
    {
        var (net, periods) = Prepare(network, count, spread, file);
        return EpsLaneBatch.Batched(net, count, periods, [], backend, threads, lanes, Configure(net, seed, spread, perJunction),
            Finisher(net, seed, spread, perJunction), file, progress);
    }

    private static Action<int, EpsSolver> Configure(EpsNetwork net, int seed, double spread, bool perJunction) => perJunction
        ? (i, solver) => { solver.DemandFactor = 1.0; solver.JunctionDemandFactors = JunctionFactors(seed, i, spread, net.JunctionCount); }
        : (i, solver) => { solver.JunctionDemandFactors = null; solver.DemandFactor = Factor(seed, i, spread); };

    private static Func<int, EpsRunSummary, EpsRunResult, DemandScenario> Finisher(EpsNetwork net, int seed, double spread, bool perJunction) => perJunction
        ? (i, summary, run) =>
        {
            var f = JunctionFactors(seed, i, spread, net.JunctionCount);
            return Finish(summary, run, i, WeightedFactor(net, f)) with { JunctionFactors = f };
        }
        : (i, summary, run) => Finish(summary, run, i, Factor(seed, i, spread));

    /// <summary>
    /// Scenario <paramref name="index"/>'s factor of junction j, uniform in [1 − spread, 1 + spread]: the j-th draw of
    /// the scenario's own stream, so it depends on (seed, index, j) alone, never on the lane, thread or batch size.
    /// </summary>
    public static double[] JunctionFactors(int seed, int index, double spread, int junctions)
    {
        // A stream apart from the one-factor scenarios' (same seed, same index): junction 0 does not repeat that factor.
        var rng = EpsLaneBatch.RunStream(seed, index, salt: 0x6A1C_E0F3_95B2_4D87UL);
        var f = new double[junctions];
        for (int j = 0; j < junctions; j++) f[j] = 1.0 + spread * (2.0 * rng.NextDouble() - 1.0);
        return f;
    }

    /// <summary>The factor of the network's total base demand: junction factors weighted by each junction's base demand (plain mean where there is none).</summary>
    public static double WeightedFactor(EpsNetwork net, double[] factors)
    {
        double sum = 0, weight = 0;
        for (int j = 0; j < factors.Length; j++)
        {
            double b = Math.Abs(net.DemandBase[j].Sum());
            sum += b * factors[j];
            weight += b;
        }
        return weight > 0 ? sum / weight : factors.Length > 0 ? factors.Average() : 1.0;
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
