using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// One design run through time (a random catalog design, or one read from a file): its diameters, pipe cost (NaN where
/// the design has no catalog to price it) and what it did to the network.
/// </summary>
public sealed record EpsDesign(
    int Index,
    double[] Diameters,
    double PipeCost,
    double MinPressure,
    string MinPressureNode,
    long MinPressureTime,
    double[] FinalTankLevels,
    double KilowattHours,
    double EnergyCost,
    int CutOffSteps,
    bool Converged)
{
    /// <summary>The design's id in the file it was read from; null for a random design.</summary>
    public string? Id { get; init; }
}

/// <summary>
/// Many random catalog designs of one network through a whole extended-period run in one call: design i gives every
/// decision pipe a catalog diameter drawn uniformly from (seed, i) alone; patterns, controls, rules and tanks run as
/// in the network. Each design compiles its own <see cref="EpsNetwork"/> (<see cref="EpsNetwork.SetPipe"/>) and runs
/// as a lane of the batched GGA with its own diameters (<see cref="EpsBatchRunner"/>) or on its own scalar engine on
/// threads, through <see cref="EpsLaneBatch"/> like pump schedules and demand scenarios. A network without a duration
/// runs at time zero alone: one EPANET solve per design.
/// </summary>
public static class EpsDesignBatch
{
    public static EpsLaneOutcome<EpsDesign> Run(Network network, DesignSpec design, int count, int seed, int threads,
        string? file = null, IProgress<int>? progress = null)
    {
        var p = Prepare(network, design, count, seed, file);
        return EpsLaneBatch.Threaded(p.Net, count, p.Periods, [], threads, (_, _) => { }, p.Finish, progress, p.NetworkOf);
    }

    /// <param name="lanes">Lanes per batch (0: all designs, up to 4,096).</param>
    public static EpsLaneOutcome<EpsDesign> RunBatched(Network network, DesignSpec design, int count, int seed, IComputeBackend backend,
        int threads, int lanes = 0, string? file = null, IProgress<int>? progress = null)
    {
        var p = Prepare(network, design, count, seed, file);
        return EpsLaneBatch.Batched(p.Net, count, p.Periods, [], backend, threads, lanes, (_, _) => { }, p.Finish, file, progress, p.NetworkOf);
    }

    /// <summary>The designs of a file (<see cref="DesignListFile"/>), each on its own scalar engine on threads.</summary>
    public static EpsLaneOutcome<EpsDesign> Run(Network network, DesignList designs, int threads, string? file = null, IProgress<int>? progress = null)
    {
        var p = Prepare(network, designs, file);
        return EpsLaneBatch.Threaded(p.Net, designs.Designs.Count, p.Periods, [], threads, (_, _) => { }, p.Finish, progress, p.NetworkOf);
    }

    /// <summary>The designs of a file (<see cref="DesignListFile"/>) as lanes of the batched GGA, each lane with its design's diameters.</summary>
    /// <param name="lanes">Lanes per batch (0: all designs, up to 4,096).</param>
    public static EpsLaneOutcome<EpsDesign> RunBatched(Network network, DesignList designs, IComputeBackend backend, int threads, int lanes = 0,
        string? file = null, IProgress<int>? progress = null)
    {
        var p = Prepare(network, designs, file);
        return EpsLaneBatch.Batched(p.Net, designs.Designs.Count, p.Periods, [], backend, threads, lanes, (_, _) => { }, p.Finish, file, progress, p.NetworkOf);
    }

    /// <summary>Design <paramref name="index"/>'s catalog entry per decision pipe, from (seed, index) alone.</summary>
    public static int[] Choice(int seed, int index, int decisions, int catalog)
    {
        var rng = EpsLaneBatch.RunStream(seed, index, salt: 0x5DE5_16A7_0C3B_9E21UL);
        var choice = new int[decisions];
        for (int d = 0; d < decisions; d++) choice[d] = rng.NextInt(catalog);
        return choice;
    }

    private sealed record Prepared(EpsNetwork Net, int Periods, Func<int, EpsNetwork> NetworkOf, Func<int, EpsRunSummary, EpsRunResult, EpsDesign> Finish);

    private static Prepared Prepare(Network network, DesignSpec design, int count, int seed, string? file)
    {
        if (count < 1) throw new InvalidInputException($"--eps-designs must be >= 1, got {count}", field: "--eps-designs");
        if (design.Catalog.Count == 0) throw new InvalidInputException("the design catalog is empty", file, field: "catalog");
        if (design.Catalog.Any(c => !c.IsLaid || !double.IsFinite(c.Diameter)))
            throw new InvalidInputException("designs through time need catalog diameters > 0 (a \"no pipe\" option is not modelled here)", file, field: "catalog");
        if (design.Catalog.Any(c => c.Roughness is not null))
            throw new InvalidInputException("designs through time keep each pipe's roughness: a catalog entry with its own roughness is not modelled here", file, field: "catalog");
        var pipeIndex = PipeIndex(network);
        var decisions = design.DecisionPipes.Select(id => pipeIndex.TryGetValue(id, out int k) ? k
            : throw new InvalidInputException($"decision pipe '{id}' is not a pipe of the network", file, field: "decision_pipes")).ToArray();
        var lengths = network.Pipes.Select(p => p.Length).ToArray();
        double[] Diameters(int i) => Choice(seed, i, decisions.Length, design.Catalog.Count).Select(c => design.Catalog[c].Diameter).ToArray();
        double Cost(int i)
        {
            var choice = Choice(seed, i, decisions.Length, design.Catalog.Count);
            double cost = 0;
            for (int j = 0; j < decisions.Length; j++) cost += design.Catalog[choice[j]].UnitCost * lengths[decisions[j]];
            return cost;
        }
        return Prepare(network, decisions, i => { var d = Diameters(i); return (decisions, d, d); }, Cost, _ => null, file);
    }

    private static Prepared Prepare(Network network, DesignList list, string? file)
    {
        if (list.Designs.Count == 0) throw new InvalidInputException("the design file holds no designs", list.Path);
        var pipeIndex = PipeIndex(network);
        var reported = list.Pipes.Select(id => pipeIndex.TryGetValue(id, out int k) ? k
            : throw new InvalidInputException($"unknown pipe id '{id}' (not a pipe of the network)", list.Path, field: id)).ToArray();
        (int[] Pipes, double[] Diameters, double[] Reported) Of(int i)
        {
            var listed = list.Designs[i].Diameters;
            var pipes = listed.Keys.Select(id => pipeIndex[id]).ToArray();
            var diameters = listed.Values.ToArray();
            // Pipes the design does not list keep the network's diameter, in the report too.
            var all = list.Pipes.Select((id, j) => listed.TryGetValue(id, out double d) ? d : network.Pipes[reported[j]].Diameter).ToArray();
            return (pipes, diameters, all);
        }
        return Prepare(network, reported, Of, _ => double.NaN, i => list.Designs[i].Id, file);
    }

    private static Dictionary<string, int> PipeIndex(Network network)
    {
        var pipeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < network.Pipes.Count; k++) pipeIndex[network.Pipes[k].Id] = k;
        return pipeIndex;
    }

    /// <param name="designOf">Design i: the pipes it sets and their diameters (m), and its diameters of the reported pipes.</param>
    private static Prepared Prepare(Network network, int[] reported, Func<int, (int[] Pipes, double[] Diameters, double[] Reported)> designOf,
        Func<int, double> costOf, Func<int, string?> idOf, string? file)
    {
        var net = EpsNetwork.Compile(network, file);
        EpsNetwork NetworkOf(int i)
        {
            // The compiled network copied with pipes of its own, not compiled again per design.
            var own = net.WithOwnPipes();
            var (pipes, d, _) = designOf(i);
            for (int j = 0; j < pipes.Length; j++) own.SetPipe(pipes[j], d[j], own.Roughness[pipes[j]]);
            return own;
        }
        EpsDesign Finish(int i, EpsRunSummary s, EpsRunResult run) =>
            new(i, designOf(i).Reported, costOf(i), s.MinPressure, s.MinPressureNode, s.MinPressureTime, s.FinalTankLevels,
                run.Energy.KilowattHours.Sum(), run.Energy.Cost.Sum(), s.CutOffSteps, EpsRunSummary.Converged(run)) { Id = idOf(i) };
        return new Prepared(net, EpsLaneBatch.PatternPeriods(net), NetworkOf, Finish);
    }
}
