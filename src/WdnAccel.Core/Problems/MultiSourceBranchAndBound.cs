using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Problems;

/// <summary>
/// The exact optimum of the Lishui case's allocation, which the paper does not have. The network cost c·q^b with
/// b &lt; 1 is concave in each pair's flow (economies of scale); every other term is linear, or convex piecewise
/// linear (new plant and intake capacity = max(0, production − existing)). Minimizing a separable concave function
/// over a polytope is solved by spatial branch and bound (Falk &amp; Soland 1969): on each box of pair flows
/// [l, u] the chord of the concave term is its convex envelope, so the LP with chords is a lower bound; the true
/// cost at the LP's point is an upper bound; the box is split at that point on the pair whose chord is furthest
/// below its curve. Best-first until the bounds meet within <see cref="Tolerance"/> or the node limit.
/// The final bound is re-solved in exact rational arithmetic on every leaf when there are few enough leaves.
/// </summary>
public static class MultiSourceBranchAndBound
{
    public const double Tolerance = 1e-6;

    private sealed record Box(double[] Lower, double[] Upper, double Bound, double[]? Point);

    public sealed record Result(AllocationPlan Plan, AllocationCost Cost, MultiSourceBound Bound);

    public static Result Solve(MultiSourceModel model, AllocationPlan? incumbent, int maxNodes = 4000, int maxCertifiedLeaves = 300)
    {
        var f = new Formulation(model);
        var best = incumbent is not null ? AllocationCostModel.Evaluate(model, incumbent) : null;
        var bestPlan = best is { Feasible: true } ? incumbent : null;
        double upper = bestPlan is not null ? best!.Annual : double.PositiveInfinity;

        var open = new PriorityQueue<Box, double>();
        var leaves = new List<Box>();
        var root = f.Bound(f.RootLower(), f.RootUpper(), exact: false);
        if (root.Point is null) return Infeasible(model, bestPlan, best);
        open.Enqueue(root, root.Bound);
        int nodes = 1;
        while (open.Count > 0)
        {
            var box = open.Dequeue();
            if (box.Bound >= upper * (1 - Tolerance))
            {
                leaves.Add(box);
                continue;
            }
            var plan = f.Plan(box.Point!);
            var cost = AllocationCostModel.Evaluate(model, plan);
            if (cost.Feasible && cost.Annual < upper)
            {
                upper = cost.Annual;
                bestPlan = plan;
                best = cost;
            }
            if (nodes >= maxNodes || box.Bound >= upper * (1 - Tolerance))
            {
                leaves.Add(box);
                continue;
            }
            int split = f.WorstPair(box);
            if (split < 0)
            {
                leaves.Add(box); // chords exact at the point: this box is solved
                continue;
            }
            double at = box.Point![split];
            double lo = box.Lower[split], hi = box.Upper[split];
            if (at - lo < 1e-6 * (hi - lo) || hi - at < 1e-6 * (hi - lo)) at = (lo + hi) / 2;
            foreach (var (l, u) in new[] { (lo, at), (at, hi) })
            {
                var lower = (double[])box.Lower.Clone();
                var upperBox = (double[])box.Upper.Clone();
                lower[split] = l;
                upperBox[split] = u;
                var child = f.Bound(lower, upperBox, exact: false);
                nodes++;
                if (child.Point is not null) open.Enqueue(child, child.Bound);
            }
        }
        while (open.Count > 0) leaves.Add(open.Dequeue());
        if (bestPlan is null) return Infeasible(model, null, best);

        double bound = leaves.Count == 0 ? upper : Math.Min(upper, leaves.Min(b => b.Bound));
        bool certified = false;
        if (leaves.Count <= maxCertifiedLeaves)
        {
            // The same LPs in exact arithmetic: the bound then rests on no floating-point simplex.
            double exactBound = upper;
            certified = true;
            foreach (var leaf in leaves)
            {
                var again = f.Bound(leaf.Lower, leaf.Upper, exact: true);
                if (again.Point is null && !f.LastInfeasibleCertified) { certified = false; break; }
                if (again.Point is not null) exactBound = Math.Min(exactBound, again.Bound);
            }
            if (certified) bound = exactBound;
        }
        return new Result(bestPlan, best!, new MultiSourceBound(Math.Min(bound, upper), certified, nodes,
            $"spatial branch and bound on chord underestimators of q^{model.Parameters.CostExponent}"));
    }

    private static Result Infeasible(MultiSourceModel model, AllocationPlan? plan, AllocationCost? cost)
    {
        plan ??= new AllocationPlan("optimized", new double[model.Plants.Count, model.Units.Count]);
        return new Result(plan, cost ?? AllocationCostModel.Evaluate(model, plan), new MultiSourceBound(double.PositiveInfinity, false, 1, "no feasible allocation"));
    }

    /// <summary>The LP over one box: variables x_p (servable pairs), a_i (new capacity per plant).</summary>
    private sealed class Formulation
    {
        private readonly MultiSourceModel _model;
        private readonly (int Plant, int Unit)[] _pairs;
        private readonly double[] _gross, _linear, _concave;
        private readonly double _exponent;

        public bool LastInfeasibleCertified { get; private set; }

        public Formulation(MultiSourceModel model)
        {
            _model = model;
            var p = model.Parameters;
            _pairs = [.. from i in Enumerable.Range(0, model.Plants.Count)
                         from j in Enumerable.Range(0, model.Units.Count)
                         where model.Routes[i, j].Feasible
                         select (i, j)];
            _exponent = p.CostExponent;
            _gross = new double[_pairs.Length];
            _linear = new double[_pairs.Length];
            _concave = new double[_pairs.Length];
            for (int k = 0; k < _pairs.Length; k++)
            {
                var (i, j) = _pairs[k];
                var route = model.Routes[i, j];
                double gamma = 1 / (1 - route.Loss);
                _gross[k] = gamma;
                // Per unit of net flow: the same terms AllocationCostModel adds, taken apart into linear and concave.
                var unit = new double[model.Plants.Count, model.Units.Count];
                unit[i, j] = 1;
                var one = AllocationCostModel.Evaluate(model, new AllocationPlan("unit", unit));
                double production = one.PerPlant[i, 0];
                double lifting = one.PerPlant[i, 1] + model.AnnuityFactor * one.PerPlant[i, 3];
                _linear[k] = production + lifting;
                _concave[k] = model.AnnuityFactor * route.CostCoefficient * Math.Pow(AllocationCostModel.CubicMetresPerSecond(gamma), _exponent);
            }
        }

        public double Concave(int k, double x) => x <= 0 ? 0 : _concave[k] * Math.Pow(x, _exponent);

        public double[] RootLower() => new double[_pairs.Length];

        public double[] RootUpper() => _pairs.Select((pair, k) =>
            Math.Min(_model.DemandMin[pair.Unit], _model.Plants[pair.Plant].SupplyBound / MultiSourceModel.FlowUnit / _gross[k])).ToArray();

        public Box Bound(double[] lower, double[] upper, bool exact)
        {
            var lp = new LpModel { Name = "lishui-box", Sense = LpSense.Minimize };
            double constant = 0;
            var x = new int[_pairs.Length];
            for (int k = 0; k < _pairs.Length; k++)
            {
                double l = lower[k], u = upper[k];
                double slope = u > l ? (Concave(k, u) - Concave(k, l)) / (u - l) : 0;
                constant += Concave(k, l) - slope * l;
                x[k] = lp.AddVariable($"x{k}", Rational.FromDouble(l), Rational.FromDouble(u), Rational.FromDouble(_linear[k] + slope));
            }
            var p = _model.Parameters;
            for (int i = 0; i < _model.Plants.Count; i++)
            {
                var plant = _model.Plants[i];
                double perNew = _model.AnnuityFactor * (p.PlantCost + (p.IntakeCostBase + p.IntakeCostHard * plant.IntakeDifficulty) * plant.IntakeDistance);
                int a = lp.AddVariable($"a{i}", Rational.Zero, null, Rational.FromDouble(perNew));
                var production = Enumerable.Range(0, _pairs.Length).Where(k => _pairs[k].Plant == i).Select(k => new LpTerm(x[k], Rational.FromDouble(_gross[k]))).ToList();
                lp.AddConstraint($"cap{i}", production, LpRowSense.LessEqual, Rational.FromDouble(plant.SupplyBound / MultiSourceModel.FlowUnit));
                // a_i ≥ production − existing
                lp.AddConstraint($"new{i}", production.Append(new LpTerm(a, Rational.MinusOne)), LpRowSense.LessEqual, Rational.FromDouble(plant.ExistingCapacity / MultiSourceModel.FlowUnit));
            }
            for (int j = 0; j < _model.Units.Count; j++)
            {
                var served = Enumerable.Range(0, _pairs.Length).Where(k => _pairs[k].Unit == j).Select(k => new LpTerm(x[k], Rational.One)).ToList();
                lp.AddConstraint($"demand{j}", served, LpRowSense.GreaterEqual, Rational.FromDouble(_model.DemandMin[j]));
            }
            var result = LpSolver.Solve(lp, new LpSolveOptions { Exact = exact });
            LastInfeasibleCertified = result.Status == LpStatus.Infeasible && (!exact || result.Certified);
            if (result.Status != LpStatus.Optimal || (exact && !result.Certified)) return new Box(lower, upper, double.PositiveInfinity, null);
            double objective = exact ? result.ObjectiveExact!.Value.ToDouble() : result.ObjectiveValue;
            return new Box(lower, upper, objective + constant, x.Select(v => Math.Max(0, result.Solution[v])).ToArray());
        }

        /// <summary>The pair whose chord lies furthest below its curve at the box's LP point; −1 when all are within tolerance.</summary>
        public int WorstPair(Box box)
        {
            int worst = -1;
            double gap = 0;
            for (int k = 0; k < _pairs.Length; k++)
            {
                double l = box.Lower[k], u = box.Upper[k], xk = box.Point![k];
                if (u - l < 1e-9) continue;
                double chord = Concave(k, l) + (Concave(k, u) - Concave(k, l)) / (u - l) * (xk - l);
                double g = Concave(k, xk) - chord;
                if (g > gap) { gap = g; worst = k; }
            }
            return gap > Tolerance * Math.Max(1, box.Bound) * 1e-3 ? worst : -1;
        }

        public AllocationPlan Plan(double[] point)
        {
            var net = new double[_model.Plants.Count, _model.Units.Count];
            for (int k = 0; k < _pairs.Length; k++) net[_pairs[k].Plant, _pairs[k].Unit] = point[k];
            return new AllocationPlan("optimized", net);
        }
    }
}
