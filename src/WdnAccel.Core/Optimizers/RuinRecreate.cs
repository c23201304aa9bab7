namespace WdnAccel.Core.Optimizers;

/// <summary>
/// A ruin-and-recreate neighbourhood (Schrimpf, Schneider, Stamm-Wilbrandt &amp; Dueck 2000, "Record breaking
/// optimization results using the ruin and recreate principle", J. Comput. Phys. 159:139–171; the large-neighbourhood
/// search of Shaw 1998) for a design that is a local minimum of the greedy descent's moves. Each chain ruins one gene
/// of the local minimum (sets it to its smallest option, e.g. a pipe to the smallest catalog size, which changes
/// which paths carry the flow), recreates feasibility by greedy one-step increases (each step the increase that
/// removes the most violation per unit of added cost, the cheapest feasible increase when one is feasible), then
/// descends by one-step decreases (the cheapest feasible one each step) until none is feasible. A chain that ends on a
/// feasible design cheaper than the local minimum is an improvement. Chains run side by side, one step each per
/// generation, their rows riding in that generation's single Evaluate batch; at most <c>chains</c> run at once and the
/// next gene's chain starts when one ends. Deterministic (no random draws).
/// </summary>
internal sealed class RuinRecreate
{
    private sealed class Chain
    {
        public required int[] Genome;
        public double Cost;
        public double Violation;
        public bool Descending;
        public Evaluation Evaluation;
        public int Steps;
        public int Rows;      // rows this chain wrote into the current batch
        public int FirstRow;
    }

    private readonly int _dim;
    private readonly int[] _options;
    private readonly ICostedProblem _costed;
    private readonly int _maxChains;
    private readonly int[] _origin;
    private double _originCost;
    private bool _haveOrigin;
    private int _nextGene;
    private readonly List<Chain> _chains = [];

    public RuinRecreate(int dim, int[] options, ICostedProblem costed, int maxChains)
    {
        _dim = dim;
        _options = options;
        _costed = costed;
        _maxChains = Math.Max(1, maxChains);
        _origin = new int[dim];
    }

    /// <summary>The most rows one generation can add.</summary>
    public int MaxRows => _maxChains * _dim;

    /// <summary>Rows evaluated and improvements found so far (diagnostics and tests).</summary>
    public long RowsEvaluated { get; private set; }

    public int Improvements { get; private set; }

    /// <summary>True while chains of the current local minimum are still running or waiting.</summary>
    public bool Busy => _haveOrigin && (_chains.Count > 0 || _nextGene < _dim);

    /// <summary>
    /// Writes this generation's rows for the chains around <paramref name="localMinimum"/> (feasible, cost
    /// <paramref name="cost"/>) into <paramref name="rows"/> (room for <see cref="MaxRows"/>). A different local
    /// minimum than the last one starts a new round of chains; a finished round writes nothing.
    /// </summary>
    public int Prepare(ReadOnlySpan<int> localMinimum, double cost, Span<int> rows)
    {
        if (!_haveOrigin || !localMinimum.SequenceEqual(_origin))
        {
            localMinimum.CopyTo(_origin);
            _originCost = cost;
            _haveOrigin = true;
            _nextGene = 0;
            _chains.Clear();
        }
        while (_chains.Count < _maxChains && _nextGene < _dim)
        {
            int d = _nextGene++;
            if (_origin[d] == 0) continue;
            var g = (int[])_origin.Clone();
            g[d] = 0;
            // The ruined design is not evaluated: its violation is taken as +∞, so any increase that is usable counts.
            _chains.Add(new Chain { Genome = g, Cost = _costed.Cost(g), Violation = double.PositiveInfinity });
        }
        int count = 0;
        foreach (var c in _chains)
        {
            c.FirstRow = count;
            c.Rows = 0;
            for (int d = 0; d < _dim; d++)
            {
                int v = c.Genome[d] + (c.Descending ? -1 : 1);
                if (v < 0 || v >= _options[d]) continue;
                var row = rows.Slice(count * _dim, _dim);
                c.Genome.CopyTo(row);
                row[d] = v;
                count++;
                c.Rows++;
            }
        }
        return count;
    }

    /// <summary>
    /// Takes the rows' results (<paramref name="evaluated"/> of them were scored). Returns true when a chain ended on
    /// a feasible design cheaper than the local minimum (the cheapest such goes to <paramref name="genome"/> and
    /// <paramref name="evaluation"/>).
    /// </summary>
    public bool Apply(ReadOnlySpan<int> rows, ReadOnlySpan<Evaluation> evals, int evaluated, Span<int> genome, out Evaluation evaluation)
    {
        evaluation = Evaluation.Invalid;
        bool found = false;
        for (int ci = 0; ci < _chains.Count; ci++)
        {
            var c = _chains[ci];
            if (c.FirstRow + c.Rows > evaluated) continue; // cut by the budget: the step comes again
            RowsEvaluated += c.Rows;
            int pickFeasible = -1, pickRepair = -1;
            double bestRatio = 0;
            for (int k = c.FirstRow; k < c.FirstRow + c.Rows; k++)
            {
                var e = evals[k];
                if (!e.IsUsable) continue;
                if (e.Feasible)
                {
                    if (pickFeasible < 0 || e.Cost < evals[pickFeasible].Cost) pickFeasible = k;
                }
                else if (!c.Descending)
                {
                    double v = Shade.Violation(e);
                    // The ruined design itself is not evaluated (violation +∞): its first step takes the least violated row.
                    double gain = double.IsPositiveInfinity(c.Violation) ? 1.0 / (1.0 + v) : c.Violation - v;
                    double ratio = gain / Math.Max(1e-12, e.Cost - c.Cost);
                    if (gain > 0 && ratio > bestRatio) { bestRatio = ratio; pickRepair = k; }
                }
            }
            if (c.Descending)
            {
                if (pickFeasible >= 0 && evals[pickFeasible].Cost < c.Cost) { Take(c, rows, evals, pickFeasible); continue; }
                _chains.RemoveAt(ci--);
                if (c.Cost < _originCost && (!found || c.Evaluation.Cost < evaluation.Cost))
                {
                    found = true;
                    evaluation = c.Evaluation;
                    c.Genome.CopyTo(genome);
                }
            }
            else if (pickFeasible >= 0) { Take(c, rows, evals, pickFeasible); c.Descending = true; }
            else if (pickRepair >= 0 && ++c.Steps <= 3 * _dim) Take(c, rows, evals, pickRepair);
            else _chains.RemoveAt(ci--);
        }
        if (found) Improvements++;
        return found;
    }

    private void Take(Chain c, ReadOnlySpan<int> rows, ReadOnlySpan<Evaluation> evals, int k)
    {
        rows.Slice(k * _dim, _dim).CopyTo(c.Genome);
        c.Cost = evals[k].Cost;
        c.Evaluation = evals[k];
        c.Violation = evals[k].Feasible ? 0 : Shade.Violation(evals[k]);
    }
}
