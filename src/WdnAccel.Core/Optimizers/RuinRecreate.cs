namespace WdnAccel.Core.Optimizers;

/// <summary>
/// Ruin and recreate (Schrimpf, Schneider, Stamm-Wilbrandt &amp; Dueck 2000, "Record breaking optimization results
/// using the ruin and recreate principle", J. Comput. Phys. 159:139–171; a large-neighbourhood search, Shaw 1998)
/// around a design that is a local minimum of the greedy descent's moves, walked best-first over the local minima
/// it reaches. A chain ruins one gene of the centre — one catalog step down, or down to the smallest option — and
/// recreates feasibility by greedy one-step increases of the other genes (each step the increase that removes the
/// most violation per unit of added cost; the cheapest feasible increase as soon as one is feasible), then descends
/// by one-step decreases (the cheapest feasible one each step) until none is feasible. A chain that ends on a
/// feasible design cheaper than the local minimum is an improvement. When every chain of a centre has ended without
/// one, the cheapest chain end not yet used as a centre becomes the next centre (a worse design: the walk crosses
/// from one basin to the next the way a best-first search over the local-optima network would). Chains run side by
/// side, one step each per generation, their rows riding in that generation's single Evaluate batch; at most
/// <c>chains</c> run at once, and the rows stop at <c>rowLimit</c>. Options (<c>shade</c>'s ruin_ties, ruin_far,
/// ruin_take): a new local minimum as dear as the walk's origin joins the pool instead of starting a new walk; chain
/// ends at least <c>far</c> genes from the origin are visited before the nearer ones (a near end is mostly the
/// origin's own basin); any chain row below the origin is an improvement at once. Deterministic (no random draws;
/// ties by order).
/// </summary>
internal sealed class RuinRecreate
{
    private sealed class Chain
    {
        public required int[] Genome;
        public required int Ruined;
        public double Cost;
        public double Violation = double.PositiveInfinity; // the ruined design is not evaluated
        public Evaluation Evaluation;
        public bool Descending;
        public int Steps;
        public int Rows;
        public int FirstRow;
    }

    private readonly int _dim;
    private readonly int[] _options;
    private readonly ICostedProblem _costed;
    private readonly int _maxChains;
    private readonly long _rowLimit;
    private readonly int[] _origin;
    private double _originCost;
    private bool _haveOrigin;
    private readonly HashSet<string> _visited = [];
    private readonly List<(double Cost, int[] Genome)> _pool = [];
    private readonly Queue<(int Gene, bool ToSmallest)> _pending = new();
    private int[] _centre = [];
    private double _centreCost;
    private readonly double _slack;
    private readonly int _maxSteps;
    private readonly bool _takeAny, _keepTies;
    private readonly int _far;
    private readonly List<Chain> _chains = [];

    /// <param name="slack">A recreate step that takes a chain's cost beyond the centre's × (1 + slack) ends the chain.</param>
    /// <param name="takeAny">Any chain row feasible and cheaper than the origin is an improvement, not only a chain's end.</param>
    /// <param name="keepTies">A new local minimum no cheaper than the origin joins the pool instead of starting a new walk.</param>
    /// <param name="far">Chain ends differing from the origin in at least this many genes are the next centres first; 0 = cheapest first.</param>
    public RuinRecreate(int dim, int[] options, ICostedProblem costed, int maxChains, long rowLimit = long.MaxValue, double slack = double.PositiveInfinity, int maxSteps = 0, bool takeAny = false, bool keepTies = false, int far = 0)
    {
        _far = far;
        _keepTies = keepTies;
        _takeAny = takeAny;
        _maxSteps = maxSteps > 0 ? maxSteps : 3 * dim;
        _slack = slack;
        _dim = dim;
        _options = options;
        _costed = costed;
        _maxChains = Math.Max(1, maxChains);
        _rowLimit = rowLimit;
        _origin = new int[dim];
    }

    /// <summary>The most rows one generation can add.</summary>
    public int MaxRows => _maxChains * _dim;

    /// <summary>Rows evaluated, improvements found and centres visited so far (diagnostics and tests).</summary>
    public long RowsEvaluated { get; private set; }

    public int Improvements { get; private set; }

    public int Centres { get; private set; }

    private static string Key(ReadOnlySpan<int> g) => string.Join(',', g.ToArray());

    /// <summary>
    /// Writes this generation's rows for the chains around <paramref name="localMinimum"/> (feasible, cost
    /// <paramref name="cost"/>) into <paramref name="rows"/> (room for <see cref="MaxRows"/>). A local minimum other
    /// than the last one starts a new walk from it (with keepTies only a cheaper one; an equally cheap one joins the
    /// pool); a walk with no centre left, or the row limit reached, writes nothing.
    /// </summary>
    public int Prepare(ReadOnlySpan<int> localMinimum, double cost, Span<int> rows)
    {
        if (_keepTies && _haveOrigin && cost >= _originCost && !localMinimum.SequenceEqual(_origin))
        {
            // Another local minimum as dear as the walk's origin (ruin_ties): the walk goes on, and it waits in the
            // pool as a centre like any chain end.
            var tie = localMinimum.ToArray();
            if (!_visited.Contains(Key(tie)) && !_pool.Exists(q => q.Genome.AsSpan().SequenceEqual(tie)))
                _pool.Add((cost, tie));
        }
        else if (!_haveOrigin || !localMinimum.SequenceEqual(_origin)) Restart(localMinimum, cost);
        if (RowsEvaluated >= _rowLimit) return 0;
        if (_chains.Count == 0 && _pending.Count == 0)
        {
            // Every chain of the centre ended without an improvement: the cheapest unvisited chain end is next.
            int next = -1;
            for (int k = 0; k < _pool.Count; k++)
                if (next < 0 || Before(_pool[k], _pool[next])) next = k;
            if (next < 0) return 0;
            var centre = _pool[next].Genome;
            _pool.RemoveAt(next);
            Visit(centre);
        }
        while (_chains.Count < _maxChains && _pending.TryDequeue(out var start))
        {
            var g = (int[])_centre.Clone();
            g[start.Gene] = start.ToSmallest ? 0 : g[start.Gene] - 1;
            _chains.Add(new Chain { Genome = g, Ruined = start.Gene, Cost = _costed.Cost(g) });
        }
        int count = 0;
        foreach (var c in _chains)
        {
            c.FirstRow = count;
            c.Rows = 0;
            for (int d = 0; d < _dim; d++)
            {
                if (!c.Descending && d == c.Ruined) continue; // the recreate step never undoes the ruin
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
    /// The walk's order of centres: cheaper first; with <c>far</c> = k &gt; 0 every design differing from the walk's
    /// origin in at least k genes comes before every nearer one (the nearer ones are most likely the origin's own basin).
    /// </summary>
    private bool Before((double Cost, int[] Genome) a, (double Cost, int[] Genome) b)
    {
        if (_far > 0)
        {
            bool fa = Distance(a.Genome, _origin) >= _far, fb = Distance(b.Genome, _origin) >= _far;
            if (fa != fb) return fa;
        }
        return a.Cost < b.Cost;
    }

    private static int Distance(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int n = 0;
        for (int d = 0; d < a.Length; d++) if (a[d] != b[d]) n++;
        return n;
    }

    /// <summary>Starts a new walk from <paramref name="origin"/> (feasible, cost <paramref name="cost"/>): pool, queue and chains cleared.</summary>
    private void Restart(ReadOnlySpan<int> origin, double cost)
    {
        origin.CopyTo(_origin);
        _originCost = cost;
        _haveOrigin = true;
        _pool.Clear();
        _pending.Clear();
        _chains.Clear();
        Visit(_origin);
    }

    private void Visit(int[] centre)
    {
        _centre = (int[])centre.Clone();
        _visited.Add(Key(centre));
        Centres++;
        // The one-step ruins first (short chains, the nearer basins), then the ruins to the smallest option.
        for (int d = 0; d < _dim; d++) if (centre[d] > 0) _pending.Enqueue((d, false));
        for (int d = 0; d < _dim; d++) if (centre[d] > 1) _pending.Enqueue((d, true));
        _centreCost = _costed.Cost(centre);
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
                    // The ruined design's violation is unknown (+∞): its first step takes the least violated row.
                    double gain = double.IsPositiveInfinity(c.Violation) ? 1.0 / (1.0 + v) : c.Violation - v;
                    double ratio = gain / Math.Max(1e-12, e.Cost - c.Cost);
                    if (gain > 0 && ratio > bestRatio) { bestRatio = ratio; pickRepair = k; }
                }
            }
            if (_takeAny && pickFeasible >= 0 && evals[pickFeasible].Cost < _originCost && (!found || evals[pickFeasible].Cost < evaluation.Cost))
            {
                // Any chain row below the local minimum is an improvement at once (ruin_take): a chain that is cut
                // (a new walk, the gate closing, the budget) cannot lose it; the descent goes on from it.
                found = true;
                evaluation = evals[pickFeasible];
                rows.Slice(pickFeasible * _dim, _dim).CopyTo(genome);
            }
            if (c.Descending)
            {
                if (pickFeasible >= 0 && evals[pickFeasible].Cost < c.Cost) { Take(c, rows, evals, pickFeasible); continue; }
                _chains.RemoveAt(ci--);
                if (c.Cost < _originCost)
                {
                    if (!found || c.Cost < evaluation.Cost)
                    {
                        found = true;
                        evaluation = c.Evaluation;
                        c.Genome.CopyTo(genome);
                    }
                }
                else if (!_visited.Contains(Key(c.Genome)) && !_pool.Exists(p => p.Genome.AsSpan().SequenceEqual(c.Genome)))
                    _pool.Add((c.Cost, c.Genome));
            }
            else if (pickFeasible >= 0) { Take(c, rows, evals, pickFeasible); c.Descending = true; }
            else if (pickRepair >= 0 && ++c.Steps <= _maxSteps && evals[pickRepair].Cost <= _centreCost * (1 + _slack)) Take(c, rows, evals, pickRepair);
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
