using System.Diagnostics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Branch-and-bound for models with integer variables: floating LPs steer the search, exact arithmetic proves it
/// (the hybrid scheme of Cook, Koch, Steffy &amp; Wolter 2013, "A hybrid branch-and-bound approach for exact rational
/// mixed-integer programming").
/// <list type="bullet">
/// <item>Root: exact bound tightening (<see cref="BoundPropagation"/>), then rounds of exact c-MIR cuts
/// (<see cref="MirCuts"/>) while they raise the bound.</item>
/// <item>Nodes: one floating LP whose bounds change in place; a child re-solves from its parent's optimal basis with
/// the dual simplex (<see cref="BoundedSimplex.SolveDual"/>).</item>
/// <item>Proof: a node is closed only on an exact argument: a safe Lagrangian bound from its floating duals at least
/// the incumbent's exact objective (<see cref="LagrangianBound"/>), an exact Farkas sum for an infeasible node, or,
/// where those fall short, the node LP certified exactly (<see cref="ExactLpCertifier"/>). Reduced-cost fixing uses
/// the same exact bound.</item>
/// <item>Incumbents: a node whose floating solution is integral has its integers fixed in the original model, and
/// that LP is solved and certified exactly: the incumbent's objective and point are exact and feasible.</item>
/// <item>Primal heuristics at the root (<c>BranchAndBoundHeuristics.cs</c>): rounding up and fractional diving,
/// each followed by a 1-opt descent.</item>
/// <item>Order: depth first until an incumbent exists; then best bound first with plunging (a child is solved next
/// while its parent's bound is within a quarter of the gap from the best open bound). Branching: pseudo-costs
/// (Bénichou et al. 1971) scored by the product of the down and up estimates (Achterberg 2007); a variable not yet
/// branched on takes the average of those that were.</item>
/// </list>
/// What it cannot handle (an unbounded or unsolvable root relaxation) goes to <see cref="ExactTreeSearch"/>, the
/// fully exact search.
/// </summary>
internal sealed partial class BranchAndBound
{
    private const double IntegralityTol = 1e-6;
    private const int NodeIterationLimit = 5000;

    private readonly LpModel _model;
    private readonly LpSolveOptions _options;
    private readonly int _maxNodes;
    private readonly int _sign; // objective of the minimisation form = _sign · model objective
    private readonly int[] _integers;
    private readonly double[] _cost; // minimisation-form costs, model units

    private LpModel _base = null!;          // the model with tightened bounds
    private LpModel _work = null!;          // _base and the cuts
    private readonly List<MirCuts.Cut> _cuts = [];
    private StandardForm _sf = null!;
    private BoundedSimplex _simplex = null!;
    private LagrangianBound _lag = null!;
    private Rational?[] _rootLower = null!, _rootUpper = null!; // per integer column (index into _integers)
    private Rational?[] _curLower = null!, _curUpper = null!;

    private LpResult? _incumbent;
    private Rational? _cutoff; // the incumbent's exact objective, minimisation form
    private readonly Dictionary<string, bool> _tried = new(StringComparer.Ordinal);

    private int _nodes, _iterations, _pivots;
    private bool _allCertified = true;
    private string? _failure;

    // Pseudo-costs per integer (index into _integers): sums of objective gain per unit and counts, down and up.
    private double[] _pcDown = null!, _pcUp = null!;
    private int[] _pcDownN = null!, _pcUpN = null!;

    private BranchAndBound(LpModel model, LpSolveOptions options, int maxNodes)
    {
        _model = model;
        _options = options;
        _maxNodes = maxNodes;
        _sign = model.Sense == LpSense.Minimize ? 1 : -1;
        _integers = Enumerable.Range(0, model.Variables.Count).Where(j => model.Variables[j].IsInteger).ToArray();
        _cost = model.Variables.Select(v => _sign * v.Cost.ToDouble()).ToArray();
    }

    public static LpResult Solve(LpModel model, LpSolveOptions options, int maxNodes) =>
        new BranchAndBound(model, options, maxNodes).Run();

    private sealed class Node
    {
        public required Node? Parent { get; init; }
        /// <summary>Bounds this node sets (absolute), applied after its ancestors'.</summary>
        public required (int K, Rational? Lower, Rational? Upper)[] Changes { get; init; }
        public required SimplexBasis? Basis { get; init; }
        /// <summary>Proven lower bound (minimisation form) inherited from the parent, or null.</summary>
        public required Rational? Bound { get; init; }
        /// <summary>The parent's floating objective (minimisation form): the order of the open nodes.</summary>
        public required double Estimate { get; init; }
        public int Depth { get; init; }
        public int BranchK { get; init; } = -1;
        public bool Up { get; init; }
        public double Distance { get; init; }
    }

    private LpResult Run()
    {
        var clock = Stopwatch.StartNew();
        _base = _model.Clone();
        BoundPropagation.Tighten(_base);
        _work = _base.Clone();
        Build();
        int rootLimit = _options.MaxIterations > 0 ? _options.MaxIterations : 20 * (_sf.Rows + _sf.Columns) + 10_000;
        var rootStatus = _simplex.Solve(rootLimit);
        _iterations += _simplex.Iterations;
        if (rootStatus != LpStatus.Optimal) return ExactTreeSearch.Solve(_model, _options, _maxNodes);
        RootCuts(rootLimit);
        if (_simplex.SolveDual(rootLimit) == LpStatus.Optimal) RunHeuristics();
        int ni = _integers.Length;
        _pcDown = new double[ni]; _pcUp = new double[ni]; _pcDownN = new int[ni]; _pcUpN = new int[ni];
        var root = new Node { Parent = null, Changes = [], Basis = _simplex.Basis, Bound = null, Estimate = double.NegativeInfinity };
        var dive = new Stack<Node>();
        var open = new PriorityQueue<Node, double>();
        Node? next = root;
        bool complete = true, stopped = false;
        while (true)
        {
            var node = next;
            next = null;
            if (node is null)
            {
                if (dive.Count > 0) node = dive.Pop();
                else if (open.Count > 0) node = open.Dequeue();
                else break;
            }
            if (node.Bound is { } pb && _cutoff is { } c0 && pb >= c0) continue;
            if (_nodes >= _maxNodes) { complete = false; break; }
            if (_options.ShouldStop(clock.Elapsed)) { complete = false; stopped = true; break; }
            var children = Process(node);
            if (children is not { } pair || (pair.Item1 ?? pair.Item2) is not { } first) continue;
            var second = pair.Item1 is null ? null : pair.Item2;
            if (_incumbent is null)
            {
                if (second is not null) dive.Push(second);
                next = first;
                continue;
            }
            while (dive.Count > 0) { var d = dive.Pop(); open.Enqueue(d, d.Estimate); }
            if (second is not null) open.Enqueue(second, second.Estimate);
            // Plunge into the first child while its parent is near the best open bound.
            double best = open.TryPeek(out _, out double pri) ? Math.Min(pri, first.Estimate) : first.Estimate;
            double gap = _cutoff!.Value.ToDouble() - best;
            if (first.Estimate <= best + Plunge * Math.Max(gap, 0) + 1e-9) next = first;
            else open.Enqueue(first, first.Estimate);
        }
        clock.Stop();
        // Stopped early, the incumbent is only the best answer found: it must not read as an optimum, nor its absence as infeasibility.
        return SearchOutcome.Finish(_model, _incumbent, complete, stopped, _allCertified ? null : _failure ?? "a node could not be proven",
            _maxNodes, clock.Elapsed, _nodes, _iterations, _pivots);
    }

    /// <summary>(Re)builds the root LP from <see cref="_work"/> (after cuts change); integer bounds are the root's.</summary>
    private void Build(bool bound = true, bool keepBasis = false)
    {
        var basis = keepBasis ? _simplex.Basis : null;
        _sf = new StandardForm(_work);
        _simplex = new BoundedSimplex(_sf);
        if (basis is not null) _simplex.LoadBasis(basis);
        if (bound)
        {
            var (lo, hi) = BoundPropagation.Activities(_work);
            _lag = new LagrangianBound(_sf, lo, hi);
        }
        int ni = _integers.Length;
        _rootLower = new Rational?[ni];
        _rootUpper = new Rational?[ni];
        for (int t = 0; t < ni; t++)
        {
            _rootLower[t] = _work.Variables[_integers[t]].Lower;
            _rootUpper[t] = _work.Variables[_integers[t]].Upper;
        }
        _curLower = (Rational?[])_rootLower.Clone();
        _curUpper = (Rational?[])_rootUpper.Clone();
    }

    private const double Plunge = 0.25;      // plunge while the child's parent bound is within this share of the gap
    private const int MinCutRounds = 5;      // rounds always tried (while cuts are found)
    private const double TailGain = 0.005;   // after those, a round must raise the bound by 0.5 % (relative)
    private const int MaxCutRounds = 30;

    /// <summary>
    /// Rounds of c-MIR cuts at the root while violated ones are found and they raise the LP bound: at most 30 rounds;
    /// after 5, a round gaining under 0.5 % (relative) ends it, as do three rounds in a row under 10⁻⁴ (measured on the
    /// benchmark instances: later rounds cost more than the nodes they save). Each round adds the most effective cuts
    /// that are not nearly parallel (cosine above 0.999) to one already taken, re-solves from the previous basis (the
    /// new rows' logicals basic) with the dual simplex and drops the cuts that are slack again, so the LPs carry only
    /// binding ones. Cut rows take part in later rounds' aggregations (rank-2 cuts).
    /// </summary>
    private void RootCuts(int limit)
    {
        if (_integers.Length == 0) return;
        double z = Objective();
        int stall = 0;
        for (int round = 0; round < MaxCutRounds; round++)
        {
            var x = Enumerable.Range(0, _model.Variables.Count).Select(_simplex.Value).ToArray();
            var found = MirCuts.Separate(_work, x, _work.Constraints.Count);
            var chosen = new List<MirCuts.Cut>();
            int maxPerRound = Math.Max(10, _base.Constraints.Count / 2);
            foreach (var c in found)
            {
                if (chosen.Count >= maxPerRound) break;
                if (chosen.Any(o => o.Parallelism(c) > 0.999)) continue;
                chosen.Add(c);
            }
            if (chosen.Count == 0) break;
            var basis = _simplex.Basis;
            int oldRows = _sf.Rows;
            foreach (var c in chosen)
            {
                _work.AddConstraint($"cut_{_cuts.Count}", c.Terms, LpRowSense.LessEqual, c.Rhs);
                _cuts.Add(c);
            }
            Build(bound: false);
            _simplex.LoadBasis(MapBasis(basis, oldRows, Enumerable.Range(0, oldRows).ToArray(), _sf.Rows));
            int before = _simplex.Iterations;
            var status = _simplex.SolveDual(limit);
            _iterations += _simplex.Iterations - before;
            if (status != LpStatus.Optimal) break; // the root node's solve in the tree decides
            double z2 = Objective();
            double gain = (z2 - z) / Math.Max(1, Math.Abs(z));
            z = z2;
            DropSlackCuts();
            if (gain <= 1e-4) { if (++stall >= 3) break; }
            else stall = 0;
            // Tailing off: after a few rounds, a round must still move the bound noticeably (branching is cheaper).
            if (round + 1 >= MinCutRounds && gain < TailGain) break;
        }
        Build(bound: true, keepBasis: true);
    }

    private double Objective()
    {
        double z = 0;
        for (int j = 0; j < _cost.Length; j++) z += _cost[j] * _simplex.Value(j);
        return z;
    }

    /// <summary>Removes the cuts whose logical is basic (slack) in the current root basis, keeping the basis.</summary>
    private void DropSlackCuts()
    {
        int n = _model.Variables.Count, mBase = _base.Constraints.Count, m = _sf.Rows;
        var basis = _simplex.Basis;
        var keep = new List<int>();
        for (int c = 0; c < _cuts.Count; c++)
        {
            int col = n + mBase + c;
            double slack = Math.Min(Math.Abs(_simplex.Values[col] - _sf.Upper[col]), Math.Abs(_simplex.Values[col] - _sf.Lower[col]));
            if (basis.Status[col] != VarStatus.Basic || slack <= 1e-9) keep.Add(c);
        }
        if (keep.Count == _cuts.Count) return;
        var map = new int[m];
        for (int i = 0; i < mBase; i++) map[i] = i;
        for (int i = mBase; i < m; i++) map[i] = -1;
        for (int k = 0; k < keep.Count; k++) map[mBase + keep[k]] = mBase + k;
        var kept = keep.Select(c => _cuts[c]).ToList();
        _cuts.Clear();
        _work = _base.Clone();
        foreach (var c in kept)
        {
            _work.AddConstraint($"cut_{_cuts.Count}", c.Terms, LpRowSense.LessEqual, c.Rhs);
            _cuts.Add(c);
        }
        Build(bound: false);
        _simplex.LoadBasis(MapBasis(basis, m, map, _sf.Rows));
        _simplex.SolveDual(NodeIterationLimit); // the same optimum: recomputes x for the next round
    }

    /// <summary>
    /// A basis for a changed row set: rows keep their place by <paramref name="rowMap"/> (−1: removed, its logical
    /// must be basic); rows beyond the mapped ones are new and get their logical basic.
    /// </summary>
    private SimplexBasis MapBasis(SimplexBasis old, int oldRows, int[] rowMap, int newRows)
    {
        int n = _model.Variables.Count;
        var status = new VarStatus[n + newRows];
        Array.Copy(old.Status, status, n);
        var isMapped = new bool[newRows];
        for (int i = 0; i < oldRows; i++)
            if (rowMap[i] >= 0) { status[n + rowMap[i]] = old.Status[n + i]; isMapped[rowMap[i]] = true; }
        var head = new List<int>(newRows);
        foreach (int c in old.Head)
        {
            if (c < n) head.Add(c);
            else if (rowMap[c - n] >= 0) head.Add(n + rowMap[c - n]);
        }
        for (int i = 0; i < newRows; i++)
            if (!isMapped[i]) { status[n + i] = VarStatus.Basic; head.Add(n + i); }
        return new SimplexBasis([.. head], status);
    }

    /// <summary>
    /// Solves a node and closes it or branches. Returns the two children (the one to explore first, then the
    /// other) or null when the node is closed (pruned, infeasible or integral).
    /// </summary>
    private (Node?, Node?)? Process(Node node)
    {
        ApplyBounds(node);
        _nodes++;
        int before = _simplex.Iterations;
        var status = _simplex.SolveDual(NodeIterationLimit);
        _iterations += _simplex.Iterations - before;

        if (status == LpStatus.Infeasible)
        {
            var rho = _simplex.FarkasMultipliers!;
            if (_lag.Evaluate(rho, zeroCost: true) is { Sign: > 0 }) return null;
            if (_lag.Evaluate(rho.Select(v => -v).ToArray(), zeroCost: true) is { Sign: > 0 }) return null;
            return ExactNode(node);
        }
        if (status != LpStatus.Optimal) return ExactNode(node);

        int n = _model.Variables.Count;
        var x = new double[n];
        double z = 0;
        for (int j = 0; j < n; j++) { x[j] = _simplex.Value(j); z += _cost[j] * x[j]; }
        if (node.BranchK >= 0) UpdatePseudoCost(node, z);
        var bound = _lag.Evaluate(_simplex.RowDuals());
        if (_cutoff is { } cutoff)
        {
            if (bound is { } b && b >= cutoff) return null;
            double c = cutoff.ToDouble();
            if (z >= c - 1e-9 * Math.Max(1, Math.Abs(c))) return ExactNode(node);
        }
        int branch = -1;
        for (int t = 0; t < _integers.Length && branch < 0; t++)
        {
            double v = x[_integers[t]];
            if (Math.Abs(v - Math.Round(v)) > IntegralityTol) branch = t;
        }
        if (branch < 0)
        {
            // Integral within tolerance: fix the integers in the original model and prove that LP exactly.
            TryIncumbent(_integers.Select(j => new Rational((long)Math.Round(x[j]))).ToArray());
            if (_cutoff is { } c2 && bound is { } b2 && b2 >= c2) return null;
            return ExactNode(node);
        }
        var fixings = ReducedCostFixings(bound);
        return Branch(node, x, z, bound, fixings);
    }

    /// <summary>Integer bounds that reduced-cost fixing proves for this node's subtree.</summary>
    private List<(int K, Rational? Lower, Rational? Upper)> ReducedCostFixings(Rational? bound)
    {
        var list = new List<(int, Rational?, Rational?)>();
        if (_cutoff is not { } cutoff || bound is null) return list;
        for (int t = 0; t < _integers.Length; t++)
            if (_lag.FixedBounds(_integers[t], cutoff, out var lo, out var hi)) list.Add((t, lo, hi));
        return list;
    }

    private (Node?, Node?) Branch(Node node, double[] x, double z, Rational? bound, List<(int K, Rational? Lower, Rational? Upper)> fixings)
    {
        int t = SelectBranching(x, fixings);
        int j = _integers[t];
        double v = x[j];
        var down = new Rational((long)Math.Floor(v));
        var up = down + Rational.One;
        var basis = _simplex.Basis;
        Rational? lo = _curLower[t], hi = _curUpper[t];
        foreach (var f in fixings) if (f.K == t) { lo = f.Lower; hi = f.Upper; }
        var shared = fixings.Where(f => f.K != t).ToArray();
        Node Child(bool isUp) => new()
        {
            Parent = node,
            Changes = [.. shared, isUp ? (t, Rational.Max(up, lo ?? up), hi) : (t, lo, Rational.Min(down, hi ?? down))],
            Basis = basis,
            Bound = bound,
            Estimate = z,
            Depth = node.Depth + 1,
            BranchK = t,
            Up = isUp,
            Distance = isUp ? Math.Ceiling(v) - v : v - Math.Floor(v),
        };
        // Reduced-cost fixing may have emptied one side: that child holds no point and is not created.
        Node? downNode = lo is { } l && l > down ? null : Child(false);
        Node? upNode = hi is { } h && up > h ? null : Child(true);
        return v - Math.Floor(v) < 0.5 ? (downNode, upNode) : (upNode, downNode);
    }

    /// <summary>Pseudo-cost branching: the fractional integer with the largest product of estimated gains.</summary>
    private int SelectBranching(double[] x, List<(int K, Rational? Lower, Rational? Upper)> fixings)
    {
        double avgDown = Average(_pcDown, _pcDownN), avgUp = Average(_pcUp, _pcUpN);
        int best = -1;
        double bestScore = double.NegativeInfinity;
        for (int t = 0; t < _integers.Length; t++)
        {
            double v = x[_integers[t]];
            double f = v - Math.Floor(v);
            if (f <= IntegralityTol || f >= 1 - IntegralityTol) continue;
            double pd = _pcDownN[t] > 0 ? _pcDown[t] / _pcDownN[t] : avgDown;
            double pu = _pcUpN[t] > 0 ? _pcUp[t] / _pcUpN[t] : avgUp;
            double score = Math.Max(pd * f, 1e-6) * Math.Max(pu * (1 - f), 1e-6);
            if (score > bestScore) { bestScore = score; best = t; }
        }
        return best;
    }

    private static double Average(double[] sum, int[] count)
    {
        double s = 0;
        int c = 0;
        for (int i = 0; i < sum.Length; i++) if (count[i] > 0) { s += sum[i] / count[i]; c++; }
        return c > 0 ? s / c : 1;
    }

    private void UpdatePseudoCost(Node node, double z)
    {
        double gain = Math.Max(0, z - node.Estimate) / Math.Max(node.Distance, 1e-6);
        if (node.Up) { _pcUp[node.BranchK] += gain; _pcUpN[node.BranchK]++; }
        else { _pcDown[node.BranchK] += gain; _pcDownN[node.BranchK]++; }
    }

    /// <summary>Sets the LP's integer bounds to the node's (root bounds, then each ancestor's changes) and its basis.</summary>
    private void ApplyBounds(Node node)
    {
        int ni = _integers.Length;
        var lo = (Rational?[])_rootLower.Clone();
        var hi = (Rational?[])_rootUpper.Clone();
        var path = new Stack<Node>();
        for (var p = node; p is not null; p = p.Parent) path.Push(p);
        foreach (var p in path)
            foreach (var (k, l, u) in p.Changes) { lo[k] = l; hi[k] = u; }
        for (int t = 0; t < ni; t++)
        {
            if (lo[t] == _curLower[t] && hi[t] == _curUpper[t]) continue;
            _lag.SetBounds(_integers[t], lo[t], hi[t]);
            _curLower[t] = lo[t];
            _curUpper[t] = hi[t];
        }
        if (node.Basis is { } b) _simplex.LoadBasis(b); else _simplex.BoundsChanged();
    }

    /// <summary>
    /// The node's LP certified exactly (from the current floating basis): closes it on an exact bound or exact
    /// infeasibility, or branches on an exactly fractional integer. Used where the fast proofs fall short.
    /// </summary>
    private (Node?, Node?)? ExactNode(Node node)
    {
        var nodeModel = _work.Clone();
        for (int t = 0; t < _integers.Length; t++) nodeModel.SetBounds(_integers[t], _curLower[t], _curUpper[t]);
        var r = ExactLpCertifier.Certify(nodeModel, _sf, _simplex.Basis, _options.MaxExactPivots, 0, TimeSpan.Zero);
        _pivots += r.ExactPivots;
        if (!r.Certified)
        {
            _allCertified = false;
            _failure = "a node LP could not be certified: " + r.CertificateFailure;
            return null;
        }
        if (r.Status == LpStatus.Infeasible) return null;
        if (r.Status != LpStatus.Optimal)
        {
            _allCertified = false;
            _failure = "a node LP was not bounded";
            return null;
        }
        var zExact = _sign * r.ObjectiveExact!.Value;
        if (_cutoff is { } c && zExact >= c) return null;
        var xs = r.SolutionExact!;
        int branch = -1;
        for (int t = 0; t < _integers.Length && branch < 0; t++) if (!xs[_integers[t]].IsInteger) branch = t;
        if (branch < 0)
        {
            TryIncumbent(_integers.Select(j => xs[j]).ToArray());
            if (_cutoff is { } c2 && zExact >= c2) return null;
            // The exact node optimum is integral, so it is the best point of this node; its fixed LP can only match it.
            _allCertified = false;
            _failure = "an integral node optimum was not accepted as incumbent";
            return null;
        }
        var x = xs.Select(v => v.ToDouble()).ToArray();
        // An exactly fractional integer may look integral in doubles: keep it a branching candidate, placed halfway
        // between its exact floor and ceiling so the children cut off the exact point.
        int jb = _integers[branch];
        if (Math.Abs(x[jb] - Math.Round(x[jb])) <= IntegralityTol) x[jb] = Rational.Floor(xs[jb]).ToDouble() + 0.5;
        var bound = _lag.Evaluate(_simplex.RowDuals()) is { } lb ? Rational.Max(lb, zExact) : zExact;
        return Branch(node, x, zExact.ToDouble(), bound, []);
    }

    /// <summary>
    /// Fixes the integers at <paramref name="values"/> in the original model and solves that LP exactly; a certified
    /// optimum better than the incumbent becomes the incumbent.
    /// </summary>
    private void TryIncumbent(Rational[] values)
    {
        string key = string.Join(",", values);
        if (!_tried.TryAdd(key, true)) return;
        var fixedModel = _model.Clone();
        for (int t = 0; t < _integers.Length; t++)
        {
            var v = _model.Variables[_integers[t]];
            if ((v.Lower is { } l && values[t] < l) || (v.Upper is { } u && values[t] > u)) return;
            fixedModel.SetBounds(_integers[t], values[t], values[t]);
        }
        var r = LpSolver.SolveContinuous(fixedModel, _options with { Exact = true });
        _iterations += r.Iterations;
        _pivots += r.ExactPivots;
        if (r.Status != LpStatus.Optimal || !r.Certified) return;
        var z = _sign * r.ObjectiveExact!.Value;
        if (_cutoff is { } c && z >= c) return;
        _incumbent = r;
        _cutoff = z;
    }
}
