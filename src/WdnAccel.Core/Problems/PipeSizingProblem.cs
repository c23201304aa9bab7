using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Least-cost pipe sizing: a genome is one catalog index per decision pipe. One
/// <see cref="Evaluate"/> call decodes the whole population into one <see cref="HydraulicBatch"/> (lane = design ×
/// demand case, candidate index fastest), solves every lane in one backend call, and scores each design:
/// cost Σ c(D)·L, feasibility under every case, and fitness = cost + <see cref="PenaltyPerViolation"/> × total
/// violation (m of pressure/head, m/s of velocity). A design with any non-converged or singular lane is invalid
/// (never chosen as best) rather than scored as if it had converged. The problem holds one hydraulic session of its
/// backend for its reused batch (device buffers on a GPU) and frees it on <see cref="Dispose"/>.
/// </summary>
public sealed class PipeSizingProblem : ICostedProblem, IDisposable
{
    private readonly IComputeBackend _backend;
    private readonly DesignFeasibility _limits;
    private readonly double[][] _pipeCost; // [decision][option] = unit cost × length
    private readonly double[] _diameter;   // [option]
    private readonly double[]? _roughness; // [option], when the catalog sets roughness per size
    private readonly int _cases;
    private readonly int _maxLanes; // HydraulicBatch.MaxLanes(Network)
    private HydraulicBatch? _batch;
    private IHydraulicSession? _session;
    private int[] _caseOfLane = [];
    private double[] _margin = [], _violation = [];

    public CompiledNetwork Network { get; }
    public DesignSpec Design { get; }

    /// <summary>Fitness added per unit of violation; default: the whole cost range of the design space per metre.</summary>
    public double PenaltyPerViolation { get; }

    /// <summary>Hydraulic snapshot solves so far (designs × cases), for throughput reports.</summary>
    public long Solves { get; private set; }

    public PipeSizingProblem(CompiledNetwork network, DesignSpec design, IComputeBackend backend, double? penaltyPerViolation = null)
    {
        Network = network;
        Design = design;
        _backend = backend;
        _limits = new DesignFeasibility(network, design);
        _cases = network.CaseNames.Length;
        _maxLanes = HydraulicBatch.MaxLanes(network);
        _diameter = design.Catalog.Select(e => e.Diameter).ToArray();
        _roughness = design.Catalog.Any(e => e.Roughness is not null) ? design.Catalog.Select(e => e.Roughness ?? double.NaN).ToArray() : null;
        _pipeCost = network.DecisionPipes
            .Select(pipe => design.Catalog.Select(e => e.UnitCost * network.Length[pipe]).ToArray())
            .ToArray();
        double range = _pipeCost.Sum(c => c.Max() - c.Min());
        PenaltyPerViolation = penaltyPerViolation ?? (range > 0 ? range : 1.0);
    }

    public int Dimensions => Network.DecisionPipes.Length;

    public int Options(int dimension) => _diameter.Length;

    /// <summary>Σ c(D)·L over the decision pipes of <paramref name="genome"/>.</summary>
    public double Cost(ReadOnlySpan<int> genome)
    {
        double cost = 0;
        for (int i = 0; i < genome.Length; i++) cost += _pipeCost[i][genome[i]];
        return cost;
    }

    /// <summary>Cost c(D)·L of laying decision pipe <paramref name="dimension"/> at catalog option <paramref name="option"/>.</summary>
    public double OptionCost(int dimension, int option) => _pipeCost[dimension][option];

    /// <summary>Diameters (m) per decision pipe id of <paramref name="genome"/>.</summary>
    public IReadOnlyDictionary<string, double> Decode(ReadOnlySpan<int> genome)
    {
        var design = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < genome.Length; i++) design[Network.LinkIds[Network.DecisionPipes[i]]] = _diameter[genome[i]];
        return design;
    }

    public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results) =>
        Score(genomes, count, results, outputsToHost: false);

    /// <summary>
    /// As <see cref="Evaluate"/> (one backend call for the whole population), and hands back the solved batch with
    /// heads and flows on the host, for objectives read from the hydraulics (the resilience index of
    /// <c>wdnaccel front</c>): design g's case c is lane g × <see cref="Cases"/> + c. Writes each design's total
    /// violation (+∞ when a case did not converge) and smallest pressure/head margin over its cases. The batch is
    /// reused by the next call.
    /// </summary>
    public HydraulicBatch EvaluateSolved(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results, Span<double> violation, Span<double> margin)
    {
        var batch = Score(genomes, count, results, outputsToHost: true);
        for (int g = 0; g < count; g++)
        {
            double m = double.PositiveInfinity;
            for (int c = 0; c < _cases; c++) m = Math.Min(m, _margin[g * _cases + c]);
            violation[g] = DesignViolation(_violation, g, _cases);
            margin[g] = m;
        }
        return batch;
    }

    /// <summary>
    /// Design <paramref name="design"/>'s violation summed over its <paramref name="cases"/> lanes (lane = design ×
    /// cases + case): +∞ when a case did not converge, so a finite sum is a valid design and a zero sum a feasible one.
    /// </summary>
    internal static double DesignViolation(ReadOnlySpan<double> laneViolation, int design, int cases)
    {
        double v = 0;
        for (int c = 0; c < cases; c++) v += laneViolation[design * cases + c];
        return v;
    }

    /// <summary>Demand cases per design (lanes per design in a population batch).</summary>
    public int Cases => _cases;

    private HydraulicBatch Score(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results, bool outputsToHost)
    {
        var batch = Load(genomes, count);
        batch.OutputsToHost = outputsToHost;
        _session!.Solve(batch);
        _session.EvaluateDesignLimits(batch, _limits, _caseOfLane, _margin, _violation);
        Solves += (long)count * _cases;
        int d = Dimensions;
        for (int g = 0; g < count; g++)
        {
            double violation = DesignViolation(_violation, g, _cases);
            double cost = Cost(genomes.Slice(g * d, d));
            results[g] = double.IsFinite(violation)
                ? new Evaluation(cost + PenaltyPerViolation * violation, cost, violation == 0)
                : Evaluation.Invalid with { Cost = cost };
        }
        return batch;
    }

    /// <summary>
    /// Solves one design and returns its batch (lane = case) for reporting: heads, flows, statuses per case.
    /// </summary>
    public HydraulicBatch Solve(ReadOnlySpan<int> genome)
    {
        var batch = new HydraulicBatch(Network, _cases);
        for (int c = 0; c < _cases; c++) batch.SetDemandCase(c, c);
        Fill(batch, genome, 1);
        _backend.SolveHydraulics(batch);
        return batch;
    }

    /// <summary>
    /// Smallest pressure/head margin (m) and total violation over every case of a solved single-design batch from
    /// <see cref="Solve"/> (violation 0 = feasible; margin −∞ and violation +∞ when a case did not converge).
    /// </summary>
    public (double Margin, double Violation) Check(HydraulicBatch solved)
    {
        int[] cases = Enumerable.Range(0, _cases).ToArray();
        var margin = new double[_cases];
        var violation = new double[_cases];
        _limits.Evaluate(solved, cases, margin, violation);
        return (margin.Min(), violation.Sum());
    }

    private HydraulicBatch Load(ReadOnlySpan<int> genomes, int count)
    {
        long wanted = (long)count * _cases;
        if (wanted > _maxLanes)
            throw new Io.InvalidInputException($"{count:N0} designs × {_cases} demand case(s) = {wanted:N0} lanes in one solve; this network's batches hold at most {_maxLanes:N0}", field: "population");
        int lanes = (int)wanted;
        if (_batch is null || _batch.Count < lanes)
        {
            // Grows to the largest population once, then reused every generation. Lane = design × case; a lane's
            // case never changes, so demands are written once here. Only statuses and the limits kernel's margins
            // come back to the host each generation.
            _batch = new HydraulicBatch(Network, lanes) { OutputsToHost = false };
            _session?.Dispose();
            _session = null;
            _session = _backend.OpenHydraulicSession(Network, lanes);
            _caseOfLane = Enumerable.Range(0, lanes).Select(lane => lane % _cases).ToArray();
            for (int lane = 0; lane < lanes; lane++) _batch.SetDemandCase(lane, _caseOfLane[lane]);
            _margin = new double[lanes];
            _violation = new double[lanes];
        }
        // A smaller population solves only its own lanes (local-search rounds grow the batch past the population).
        _batch.ActiveLanes = lanes;
        Fill(_batch, genomes, count);
        return _batch;
    }

    /// <summary>
    /// Writes designs into lanes pipe by pipe, so each decision pipe's K lanes are written contiguously (the SoA rows);
    /// lanes past <paramref name="count"/> designs (a smaller last generation) repeat design 0: solved, never read.
    /// </summary>
    private void Fill(HydraulicBatch batch, ReadOnlySpan<int> genomes, int count)
    {
        // Lanes in chunks of 64, every decision pipe per chunk: the chunk's genomes stay in L1 while each pipe's
        // K-strided lane row is written 64 lanes at a time. Only the count × cases lanes in use are written.
        const int chunk = 64;
        int d = Dimensions, K = batch.Count, used = count * _cases;
        double[] diameter = batch.Diameter, roughness = batch.Roughness;
        for (int l0 = 0; l0 < used; l0 += chunk)
        {
            int l1 = Math.Min(used, l0 + chunk);
            for (int i = 0; i < d; i++)
            {
                int pipe = Network.DecisionPipes[i], row = pipe * K;
                double baseRoughness = Network.BaseRoughness[pipe];
                for (int lane = l0, design = l0 / _cases, c = l0 % _cases; lane < l1; lane++)
                {
                    int option = genomes[design * d + i];
                    diameter[row + lane] = _diameter[option];
                    // A batch starts at base roughness (HydraulicBatch), so only per-size catalog roughness is written.
                    if (_roughness is not null) roughness[row + lane] = double.IsNaN(_roughness[option]) ? baseRoughness : _roughness[option];
                    if (++c == _cases) { c = 0; design++; }
                }
            }
        }
    }

    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
    }
}
