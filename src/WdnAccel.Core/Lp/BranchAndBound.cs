using System.Diagnostics;
using System.Numerics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Depth-first branch-and-bound for models with integer variables. Every node LP is solved and certified
/// exactly, so pruning uses proven bounds only (the exact counterpart of the safe Neumaier–Shcherbina bounds
/// of the exact LP verifier) and the final incumbent's optimality rests on exact arithmetic throughout.
/// Branching: the most fractional integer variable (exact value v) gets x ≤ ⌊v⌋ and x ≥ ⌈v⌉ children, the
/// nearer rounding first.
/// </summary>
internal static class BranchAndBound
{
    public static LpResult Solve(LpModel model, LpSolveOptions options, int maxNodes)
    {
        var clock = Stopwatch.StartNew();
        bool minimize = model.Sense == LpSense.Minimize;
        LpResult? incumbent = null;
        var stack = new Stack<LpModel>();
        stack.Push(Relaxed(model));
        int nodes = 0, iterations = 0, pivots = 0;
        bool allCertified = true, complete = true;
        LpResult? root = null;
        while (stack.Count > 0)
        {
            if (nodes >= maxNodes) { complete = false; break; }
            var node = stack.Pop();
            nodes++;
            var r = LpSolver.SolveContinuous(node, options with { Exact = true });
            iterations += r.Iterations;
            pivots += r.ExactPivots;
            root ??= r;
            if (!r.Certified) allCertified = false;
            if (r.Status == LpStatus.Infeasible) continue;
            if (r.Status != LpStatus.Optimal)
            {
                // An unbounded relaxation: report it as is (MILP unboundedness is not proven here).
                return r.With(model, certified: false, failure: nodes == 1
                    ? "the LP relaxation is unbounded; unboundedness of the integer program is not proven"
                    : "a node LP could not be solved to optimality");
            }
            var bound = r.ObjectiveExact!.Value;
            if (incumbent is not null && (minimize ? bound >= incumbent.ObjectiveExact!.Value : bound <= incumbent.ObjectiveExact!.Value))
                continue;
            int branch = -1;
            Rational bestFrac = default;
            for (int j = 0; j < model.Variables.Count; j++)
            {
                if (!model.Variables[j].IsInteger) continue;
                var v = r.SolutionExact![j];
                if (v.IsInteger) continue;
                var frac = v - Floor(v);
                var dist = Rational.Abs(frac - new Rational(1, 2));
                if (branch < 0 || dist < bestFrac) { branch = j; bestFrac = dist; }
            }
            if (branch < 0) { incumbent = r; continue; }
            var x = r.SolutionExact![branch];
            var down = Floor(x);
            var up = down + Rational.One;
            var vb = node.Variables[branch];
            var downNode = node.Clone();
            downNode.SetBounds(branch, vb.Lower, down);
            var upNode = node.Clone();
            upNode.SetBounds(branch, up, vb.Upper);
            // Depth first, nearer rounding explored first (pushed last).
            if (x - down < up - x) { stack.Push(upNode); stack.Push(downNode); }
            else { stack.Push(downNode); stack.Push(upNode); }
        }
        clock.Stop();
        string? failure = complete ? (allCertified ? null : "a node LP could not be certified") : $"node limit {maxNodes} reached; the tree was not completed";
        if (incumbent is null)
        {
            return new LpResult
            {
                Model = model,
                Status = complete ? LpStatus.Infeasible : LpStatus.IterationLimit,
                ObjectiveValue = double.NaN,
                Solution = new double[model.Variables.Count],
                // The root Farkas certificate proves integer infeasibility when the relaxation is infeasible already.
                FarkasMultipliers = nodes == 1 ? root?.FarkasMultipliers : null,
                Certified = complete && allCertified,
                CertificateFailure = failure,
                Iterations = iterations,
                ExactPivots = pivots,
                Nodes = nodes,
                ExactTime = clock.Elapsed,
            };
        }
        return incumbent.With(model, certified: complete && allCertified, failure: failure, nodes: nodes, iterations: iterations, pivots: pivots);
    }

    private static LpModel Relaxed(LpModel model) => model.Clone();

    private static Rational Floor(Rational v)
    {
        var q = BigInteger.DivRem(v.Numerator, v.Denominator, out var rem);
        if (rem.Sign < 0) q -= 1;
        return new Rational(q, BigInteger.One);
    }
}
