using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// The Lishui case's allocation as a discrete problem for the population optimizers (GA-COA-SA as in the paper, or
/// GA, DE, CRO): one gene per servable (plant, unit) pair, a share weight 0 … <see cref="Levels"/>; a unit's lower
/// bound is split among its plants in proportion to the weights (all weights 0: equally). Demand is met exactly by
/// construction; fitness = annual cost + penalty × (capacity exceeded), evaluated for the whole population at once.
/// </summary>
public sealed class MultiSourceAllocationProblem : IProblem
{
    public const int Levels = 20;

    private readonly MultiSourceModel _model;
    private readonly (int Plant, int Unit)[] _pairs;
    private readonly double _penalty;

    public MultiSourceAllocationProblem(MultiSourceModel model)
    {
        _model = model;
        _pairs = [.. from i in Enumerable.Range(0, model.Plants.Count)
                     from j in Enumerable.Range(0, model.Units.Count)
                     where model.Routes[i, j].Feasible
                     select (i, j)];
        // A penalty well above any plausible cost per unit of flow: the whole demand at the dearest rate seen.
        var any = AllocationCostModel.Evaluate(model, Decode(new int[_pairs.Length]));
        _penalty = 10 * Math.Max(1, any.Annual / Math.Max(1e-9, model.DemandMin.Sum()));
    }

    public int Dimensions => _pairs.Length;

    public int Options(int dimension) => Levels + 1;

    public IReadOnlyList<(int Plant, int Unit)> Pairs => _pairs;

    public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
    {
        int d = Dimensions;
        for (int g = 0; g < count; g++)
        {
            var cost = AllocationCostModel.Evaluate(_model, Decode(genomes.Slice(g * d, d)));
            results[g] = new Evaluation(cost.Annual + _penalty * cost.Violation, cost.Annual, cost.Feasible);
        }
    }

    /// <summary>The plan a genome stands for.</summary>
    public AllocationPlan Decode(ReadOnlySpan<int> genome)
    {
        var net = new double[_model.Plants.Count, _model.Units.Count];
        var total = new double[_model.Units.Count];
        var servers = new int[_model.Units.Count];
        for (int k = 0; k < _pairs.Length; k++)
        {
            total[_pairs[k].Unit] += genome[k];
            servers[_pairs[k].Unit]++;
        }
        for (int k = 0; k < _pairs.Length; k++)
        {
            var (i, j) = _pairs[k];
            double share = total[j] > 0 ? genome[k] / total[j] : 1.0 / servers[j];
            net[i, j] = _model.DemandMin[j] * share;
        }
        return new AllocationPlan("optimized", net);
    }
}
