using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Least annual cost of a design over a repeating day: a genome is one catalog index per decision pipe, then one gene
/// per reservoir (0 = no pump, k = catalog pump k − 1 between the reservoir and the network). Every junction demand
/// follows the hourly multipliers, so the design is run hour by hour for a whole day by the extended-period engine
/// (EPANET 2.2's rules) and must hold every junction at its minimum pressure at EVERY report time, not only at a
/// snapshot. Cost = CRF-annualized pipe and pump capital + the day's pump energy × days per year
/// (<see cref="DiurnalDesignCost"/>); fitness adds <see cref="PenaltyPerViolation"/> × the total pressure shortfall
/// (m, summed over junctions and report times). A design whose run fails to converge, or cuts a junction off, is
/// invalid, never scored as feasible.
/// <para>Fast path: each worker thread owns one compiled network per pump choice and one solver for it, and writes a
/// candidate's pipe diameters into that compiled network before the run (no copies, no recorded steps);
/// <see cref="BuildNetwork"/> gives the same design as a plain network for the plain engine.</para>
/// </summary>
public sealed class DiurnalDesignProblem : IProblem
{
    /// <summary>Id of the demand pattern the problem adds to the network.</summary>
    public const string PatternId = "DIURNAL";

    private readonly Network _base;
    private readonly Pipe[] _pipes;          // decision pipes as the scenario has them
    private readonly double[][] _pipeCapital; // [decision][option] = unit cost × length
    private readonly string[] _checked;      // junctions whose pressure is constrained
    private readonly double[] _minPressure;  // per checked junction
    private readonly Worker[] _workers;

    public DesignSpec Design { get; }
    public IReadOnlyList<double> Multipliers { get; }
    public IReadOnlyList<DesignPump> PumpCatalog { get; }
    public DiurnalDesignCost CostModel { get; }
    /// <summary>Reservoirs, in the network's order: one pump gene each.</summary>
    public IReadOnlyList<string> Sources { get; }
    public int PipeCount => _pipes.Length;
    /// <summary>Fitness added per metre of total shortfall: the whole annual cost range of the design space.</summary>
    public double PenaltyPerViolation { get; }
    /// <summary>Designs run through the day so far (every <see cref="Evaluate"/> and <see cref="Assess"/>).</summary>
    public long Runs => _workers.Sum(w => w.Runs);
    /// <summary>Report time (s) of the largest multiplier (the first, when tied): the peak hour.</summary>
    public long PeakTime { get; }

    /// <param name="threads">Worker threads for <see cref="Evaluate"/> (0 = all cores).</param>
    public DiurnalDesignProblem(Scenario scenario, IReadOnlyList<double> hourlyMultipliers, IReadOnlyList<DesignPump> pumps,
        DiurnalDesignCost cost, int threads = 0, string? file = null)
    {
        Design = scenario.Design ?? throw new InvalidInputException("the scenario has no design block (catalog, decision pipes, limits)", file, field: "design");
        if (hourlyMultipliers.Count == 0 || hourlyMultipliers.Any(m => !(m >= 0) || !double.IsFinite(m)))
            throw new InvalidInputException("the hourly demand multipliers must be one or more finite numbers >= 0", file, field: "multipliers");
        if (Design.Catalog.Any(e => !e.IsLaid))
            throw new InvalidInputException("a 'no pipe' catalog option cannot be run through the day here (every decision pipe must be laid)", file, field: "design.catalog");
        if (pumps.Any(p => !(p.DesignFlow > 0) || !(p.DesignHead > 0) || !(p.CapitalCost >= 0)))
            throw new InvalidInputException("every catalog pump needs a positive design flow and head and a capital cost >= 0", file, field: "pumps");
        if (pumps.Select(p => p.Label).Distinct(StringComparer.Ordinal).Count() != pumps.Count || pumps.Any(p => p.Label == "none"))
            throw new InvalidInputException("pump labels must be unique and not 'none'", file, field: "pumps");
        try
        {
            cost.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(e.Message, file, field: "cost");
        }
        var network = scenario.Network;
        if (network.Tanks.Count > 0 || network.Pumps.Count > 0 || network.Valves.Count > 0 || network.Controls.Count > 0 || network.Rules.Count > 0)
            throw new InvalidInputException("the day-long design takes a network of pipes, junctions and reservoirs only (no tanks, pumps, valves or controls)", file, field: "network");
        if (network.Patterns.Any(p => p.Id == PatternId)) throw new InvalidInputException($"the network already has a pattern '{PatternId}'", file, field: "PATTERNS");

        Multipliers = hourlyMultipliers.ToArray();
        PumpCatalog = pumps.ToArray();
        CostModel = cost;
        Sources = network.Reservoirs.Select(r => r.Id).ToArray();
        var pipeById = network.Pipes.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _pipes = Design.DecisionPipes.Select(id => pipeById.TryGetValue(id, out var p) ? p
            : throw new InvalidInputException($"decision pipe '{id}' is not a pipe of the network", file, field: "design.decision_pipes")).ToArray();
        _pipeCapital = _pipes.Select(p => Design.Catalog.Select(e => e.UnitCost * p.Length).ToArray()).ToArray();
        _checked = network.Junctions.Select(j => j.Id).ToArray();
        _minPressure = network.Junctions.Select(j => j.MinPressure ?? Design.MinPressure).ToArray();

        int peak = 0;
        for (int h = 1; h < Multipliers.Count; h++) if (Multipliers[h] > Multipliers[peak]) peak = h;
        PeakTime = peak * 3600L;
        _base = network with
        {
            Patterns = [.. network.Patterns, new Pattern(PatternId, Multipliers)],
            Junctions = network.Junctions.Select(j => j with { Demands = j.Demands.Select(d => d with { PatternId = PatternId }).ToArray() }).ToArray(),
            Times = new SimulationTimes { Duration = Multipliers.Count * 3600.0, HydraulicStep = 3600, PatternStep = 3600, ReportStep = 3600 },
            Energy = new EnergySettings { GlobalEfficiency = cost.PumpEfficiency, GlobalPrice = cost.EnergyPrice },
        };
        double range = cost.PipeFactor * _pipeCapital.Sum(c => c.Max() - c.Min())
            + cost.PumpFactor * Sources.Count * (pumps.Count > 0 ? pumps.Max(p => p.CapitalCost) : 0);
        PenaltyPerViolation = range > 0 ? range : 1.0;
        int n = threads > 0 ? threads : Environment.ProcessorCount;
        _workers = Enumerable.Range(0, Math.Max(1, n)).Select(_ => new Worker(this)).ToArray();
        // Compile the no-pump network once here, so a broken network is reported before any search starts.
        _workers[0].For(new int[Sources.Count]);
    }

    public int Dimensions => _pipes.Length + Sources.Count;

    public int Options(int dimension) => dimension < _pipes.Length ? Design.Catalog.Count : PumpCatalog.Count + 1;

    /// <summary>"none", a pump label, or labels per source joined by '+' (two sources: "none+P10").</summary>
    public string PumpKey(ReadOnlySpan<int> genome) => string.Join('+', DecodePumps(genome));

    /// <summary>Diameters (m) per decision pipe id.</summary>
    public IReadOnlyDictionary<string, double> Decode(ReadOnlySpan<int> genome)
    {
        var design = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < _pipes.Length; i++) design[_pipes[i].Id] = Design.Catalog[genome[i]].Diameter;
        return design;
    }

    /// <summary>Per source: "none" or the chosen pump's label.</summary>
    public IReadOnlyList<string> DecodePumps(ReadOnlySpan<int> genome)
    {
        var labels = new string[Sources.Count];
        for (int r = 0; r < labels.Length; r++)
        {
            int g = genome[_pipes.Length + r];
            labels[r] = g == 0 ? "none" : PumpCatalog[g - 1].Label;
        }
        return labels;
    }

    /// <summary>The genome of a design given as diameters per decision pipe (catalog sizes) and pump labels per source (default none).</summary>
    public int[] Encode(IReadOnlyDictionary<string, double> diameters, IReadOnlyList<string>? pumps = null)
    {
        var genome = new int[Dimensions];
        for (int i = 0; i < _pipes.Length; i++)
        {
            if (!diameters.TryGetValue(_pipes[i].Id, out double d)) throw new ArgumentException($"no diameter for decision pipe '{_pipes[i].Id}'");
            int option = Design.Catalog.ToList().FindIndex(e => Math.Abs(e.Diameter - d) <= 1e-12);
            genome[i] = option >= 0 ? option : throw new ArgumentException($"pipe '{_pipes[i].Id}': {d} m is not a catalog size");
        }
        for (int r = 0; r < Sources.Count; r++)
        {
            string label = pumps?[r] ?? "none";
            int k = PumpCatalog.ToList().FindIndex(p => p.Label == label);
            genome[_pipes.Length + r] = label == "none" ? 0 : k >= 0 ? k + 1 : throw new ArgumentException($"unknown pump '{label}'");
        }
        return genome;
    }

    /// <summary>Σ c(D)·L of the genome's pipes (cost units, not annualized).</summary>
    public double PipeCapital(ReadOnlySpan<int> genome)
    {
        double sum = 0;
        for (int i = 0; i < _pipes.Length; i++) sum += _pipeCapital[i][genome[i]];
        return sum;
    }

    /// <summary>
    /// The design as a plain network (diameters written into the pipes, pumps and their one-point curves inserted,
    /// the diurnal pattern, a day's times and the energy settings): what <see cref="Assess"/> runs, for the plain engine
    /// (<see cref="ExtendedPeriodSimulation.Run(Network, string?, double?, double?, bool)"/>) or an .inp export.
    /// </summary>
    public Network BuildNetwork(ReadOnlySpan<int> genome)
    {
        var byId = new Dictionary<string, CatalogEntry>(StringComparer.Ordinal);
        for (int i = 0; i < _pipes.Length; i++) byId[_pipes[i].Id] = Design.Catalog[genome[i]];
        var withPipes = _base with
        {
            Pipes = _base.Pipes.Select(p => byId.TryGetValue(p.Id, out var e) ? p with { Diameter = e.Diameter, Roughness = e.Roughness ?? p.Roughness } : p).ToArray(),
        };
        return WithPumps(withPipes, genome[_pipes.Length..].ToArray());
    }

    /// <summary>Runs one design through the day (on the first worker); with <paramref name="recordSteps"/> the engine's steps come back in <see cref="DiurnalDesignEvaluation.Run"/>.</summary>
    public DiurnalDesignEvaluation Assess(ReadOnlySpan<int> genome, bool recordSteps = false) => _workers[0].Assess(genome, recordSteps);

    /// <summary>Scores the population in parallel (candidate i on worker i mod threads; each result depends on its genome only).</summary>
    public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
    {
        int d = Dimensions;
        var copy = genomes[..(count * d)].ToArray();
        var assessed = new DiurnalDesignEvaluation[count];
        int workers = Math.Min(_workers.Length, count);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            for (int i = w; i < count; i += workers) assessed[i] = _workers[w].Assess(copy.AsSpan(i * d, d), false);
        });
        for (int i = 0; i < count; i++) results[i] = ToEvaluation(assessed[i]);
    }

    /// <summary>Every pump choice: per source 0 (none) … catalog size, the last source counting fastest; (none, none, …) first.</summary>
    public IEnumerable<int[]> PumpChoices()
    {
        var genes = new int[Sources.Count];
        while (true)
        {
            yield return (int[])genes.Clone();
            int r = genes.Length - 1;
            while (r >= 0 && genes[r] == PumpCatalog.Count) genes[r--] = 0;
            if (r < 0) yield break;
            genes[r]++;
        }
    }

    /// <summary>
    /// This problem with the pumps fixed (<paramref name="pumpGenes"/>: per source 0 = none, k = catalog pump k − 1): a
    /// genome is the decision pipes only.
    /// </summary>
    public IProblem PipesOnly(IReadOnlyList<int> pumpGenes)
    {
        if (pumpGenes.Count != Sources.Count || pumpGenes.Any(g => g < 0 || g > PumpCatalog.Count))
            throw new ArgumentException($"pump genes must be {Sources.Count} values in 0..{PumpCatalog.Count}");
        return new FixedPumps(this, pumpGenes.ToArray());
    }

    /// <summary>The optimizer's view of an assessed design: fitness = annual cost + penalty × shortfall; an unsolved run is invalid.</summary>
    public Evaluation ToEvaluation(DiurnalDesignEvaluation a) => a.Solved
        ? new Evaluation(a.AnnualCost + PenaltyPerViolation * a.Violation, a.AnnualCost, a.Violation == 0)
        : Evaluation.Invalid with { Cost = a.AnnualCost };

    /// <summary>
    /// <paramref name="network"/> with catalog pump (gene − 1) between each reservoir whose gene is positive and the
    /// links it fed: the reservoir's links move to a new zero-demand junction "{reservoir}-PUMPED" (at the elevation of
    /// the node the reservoir's first link reaches; its pressure is not constrained) and a pump "{reservoir}-PUMP" lifts
    /// from the reservoir to it.
    /// </summary>
    private Network WithPumps(Network network, int[] pumpGenes)
    {
        if (pumpGenes.All(g => g == 0)) return network;
        var junctions = network.Junctions.ToList();
        var pipes = network.Pipes.ToList();
        var pumps = new List<Pump>();
        var curves = network.Curves.ToList();
        var elevation = network.Junctions.ToDictionary(j => j.Id, j => j.Elevation, StringComparer.Ordinal);
        for (int r = 0; r < Sources.Count; r++)
        {
            if (pumpGenes[r] == 0) continue;
            var pump = PumpCatalog[pumpGenes[r] - 1];
            string source = Sources[r], node = $"{source}-PUMPED", curve = $"{source}-{pump.Label}";
            var first = pipes.FirstOrDefault(p => p.Node1 == source || p.Node2 == source)
                ?? throw new InvalidInputException($"reservoir {source} feeds no pipe; it cannot take a pump", field: "RESERVOIRS");
            string reached = first.Node1 == source ? first.Node2 : first.Node1;
            junctions.Add(new Junction(node, elevation.GetValueOrDefault(reached), []));
            for (int i = 0; i < pipes.Count; i++)
            {
                var p = pipes[i];
                if (p.Node1 == source) pipes[i] = p with { Node1 = node };
                else if (p.Node2 == source) pipes[i] = p with { Node2 = node };
            }
            curves.Add(new Curve(curve, CurveKind.PumpHead, [new Point2(pump.DesignFlow, pump.DesignHead)]));
            pumps.Add(new Pump($"{source}-PUMP", source, node, HeadCurveId: curve));
        }
        return network with { Junctions = junctions, Pipes = pipes, Pumps = pumps, Curves = curves };
    }

    /// <summary>The pipe genes of a <see cref="DiurnalDesignProblem"/> with its pump genes held fixed.</summary>
    private sealed class FixedPumps(DiurnalDesignProblem problem, int[] pumpGenes) : IProblem
    {
        public int Dimensions => problem.PipeCount;

        public int Options(int dimension) => problem.Options(dimension);

        public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
        {
            int d = problem.PipeCount, full = problem.Dimensions;
            var expanded = new int[count * full];
            for (int i = 0; i < count; i++)
            {
                genomes.Slice(i * d, d).CopyTo(expanded.AsSpan(i * full, d));
                pumpGenes.CopyTo(expanded.AsSpan(i * full + d, pumpGenes.Length));
            }
            problem.Evaluate(expanded, count, results);
        }
    }

    /// <summary>One thread's engines: a compiled network and solver per pump choice, compiled on first use.</summary>
    private sealed class Worker(DiurnalDesignProblem problem)
    {
        private readonly Dictionary<int, Compiled> _compiled = [];
        public long Runs;

        public sealed record Compiled(EpsNetwork Net, EpsSolver Solver, int[] PipeLink, int[] Checked);

        public Compiled For(ReadOnlySpan<int> pumpGenes)
        {
            int code = 0;
            for (int r = pumpGenes.Length - 1; r >= 0; r--) code = code * (problem.PumpCatalog.Count + 1) + pumpGenes[r];
            if (_compiled.TryGetValue(code, out var c)) return c;
            var genome = new int[problem.Dimensions];
            pumpGenes.CopyTo(genome.AsSpan(problem.PipeCount));
            var net = EpsNetwork.Compile(problem.BuildNetwork(genome));
            c = new Compiled(net, new EpsSolver(net),
                problem._pipes.Select(p => net.LinkIndex(p.Id)).ToArray(),
                problem._checked.Select(net.NodeIndex).ToArray());
            _compiled[code] = c;
            return c;
        }

        public DiurnalDesignEvaluation Assess(ReadOnlySpan<int> genome, bool recordSteps)
        {
            var design = problem.Design;
            int pipes = problem.PipeCount;
            var c = For(genome[pipes..]);
            var net = c.Net;
            for (int i = 0; i < pipes; i++)
            {
                // This worker owns the compiled network: the candidate's sizes replace the pipe values the solver reads.
                var entry = design.Catalog[genome[i]];
                net.SetPipe(c.PipeLink[i], entry.Diameter, entry.Roughness ?? problem._pipes[i].Roughness);
            }

            var times = new List<long>();
            var minP = new List<double>();
            var minNode = new List<string>();
            double violation = 0;
            bool solved = true;
            void Observe(EpsSolver s)
            {
                if (!s.Converged) solved = false;
                double low = double.PositiveInfinity;
                int at = 0;
                for (int j = 0; j < c.Checked.Length; j++)
                {
                    int node = c.Checked[j];
                    if (!s.IsConnected(node)) { solved = false; continue; }
                    double p = s.Head[node] - net.Elevation[node];
                    if (p < low) { low = p; at = node; }
                    if (p < problem._minPressure[j]) violation += problem._minPressure[j] - p;
                }
                times.Add(s.Time);
                minP.Add(low);
                minNode.Add(net.NodeIds[at]);
            }
            var run = ExtendedPeriodSimulation.Run(net, c.Solver, keepPeriods: false, recordSteps: recordSteps, onReport: Observe);
            Runs++;
            if (times.Count == 0 || times[^1] < (long)net.Times.Duration) solved = false; // the run stopped early (UNBALANCED STOP)

            var cost = problem.CostModel;
            double pipeCapital = problem.PipeCapital(genome), pumpCapital = 0;
            for (int r = 0; r < problem.Sources.Count; r++)
            {
                int g = genome[pipes + r];
                if (g > 0) pumpCapital += problem.PumpCatalog[g - 1].CapitalCost;
            }
            // A day of energy (EPANET's accounting, price per kWh in the network) scaled to a year.
            double days = cost.DaysPerYear * 86_400.0 / net.Times.Duration;
            return new DiurnalDesignEvaluation(pipeCapital, pumpCapital, cost.PipeFactor * pipeCapital, cost.PumpFactor * pumpCapital,
                run.Energy.Cost.Sum() * days, run.Energy.KilowattHours.Sum() * 86_400.0 / net.Times.Duration, problem.DecodePumps(genome),
                times, minP, minNode, violation, solved, recordSteps ? run : null);
        }
    }
}
