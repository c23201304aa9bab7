using System.Diagnostics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Entry point: solve an <see cref="LpModel"/> with the floating bounded simplex, then (by default) certify the
/// answer exactly. Models with integer variables are first tested row by row for divisibility
/// (<see cref="IntegerDivisibility"/>), then go to <see cref="BranchAndBound"/>, whose tree is proven in exact
/// arithmetic and whose incumbent is certified exactly (integer models always run exact).
/// </summary>
public static class LpSolver
{
    /// <summary>Solves <paramref name="model"/>; with <paramref name="exact"/> the answer is certified in rationals.</summary>
    public static LpResult Solve(LpModel model, bool exact) => Solve(model, new LpSolveOptions { Exact = exact });

    public static LpResult Solve(LpModel model, LpSolveOptions? options = null)
    {
        options ??= new LpSolveOptions();
        if (model.Variables.Any(v => v.IsInteger))
        {
            if (IntegerDivisibility.Find(model) is { } proof) return IntegerDivisibility.Infeasible(model, proof);
            return SettleUnbounded(model, BranchAndBound.Solve(model, options, options.MaxNodes), options);
        }
        return SolveContinuous(model, options);
    }

    /// <summary>
    /// An integer program whose relaxation is unbounded is unbounded if it has an integer point and infeasible if not
    /// (Meyer 1974, "On the existence of optimal solutions to integer and mixed-integer programming problems", Math.
    /// Programming 7: with rational data the integer hull, where not empty, has the relaxation's recession cone). So the
    /// same rows are searched with a zero objective: no integer point is an infeasible answer proven by that tree; one is,
    /// with the relaxation's exact improving ray, re-checked on the model, a certificate of unboundedness. The search is
    /// kept short (<see cref="SettleNodes"/> nodes: with free integer variables it need not end by itself); cut short
    /// with neither a point nor a proof, the answer is the limit that stopped it (node_limit, time_limit), not a guess.
    /// </summary>
    private static LpResult SettleUnbounded(LpModel model, LpResult result, LpSolveOptions options)
    {
        if (result.Status != LpStatus.Unbounded || result.Certified) return result;
        var feasibility = model.Clone();
        for (int j = 0; j < feasibility.Variables.Count; j++) feasibility.SetCost(j, Rational.Zero);
        int limit = Math.Min(options.MaxNodes, SettleNodes);
        var point = BranchAndBound.Solve(feasibility, options, limit);
        int nodes = result.Nodes + point.Nodes, iterations = result.Iterations + point.Iterations, pivots = result.ExactPivots + point.ExactPivots;
        string? failure = null;
        bool proven = point.Status == LpStatus.Optimal && point.Certified && result.Ray is { } ray
            && LpCertificateChecker.CheckUnbounded(model, point.SolutionExact!, ray, out failure);
        return point.Status switch
        {
            LpStatus.Infeasible => point.With(model, point.Certified, point.CertificateFailure, nodes, iterations, pivots),
            LpStatus.Optimal when proven => new LpResult
            {
                Model = model,
                Status = LpStatus.Unbounded,
                ObjectiveValue = result.ObjectiveValue,
                Solution = point.Solution,
                SolutionExact = point.SolutionExact, // an integer point; the relaxation's ray improves without bound from it
                Ray = result.Ray,
                Certified = true,
                Iterations = iterations,
                ExactPivots = pivots,
                Nodes = nodes,
                FloatTime = result.FloatTime + point.FloatTime,
                ExactTime = result.ExactTime + point.ExactTime,
            },
            // Stopped with neither an integer point nor a proof of none: unbounded and infeasible are both still possible.
            LpStatus.NodeLimit or LpStatus.TimeLimit or LpStatus.IterationLimit when point.SolutionExact is null => LpResult.WithoutPoint(model, point.Status, certified: false,
                $"the LP relaxation is unbounded, so the integer program is unbounded if it has an integer point and infeasible if not; the search for one " +
                $"(kept to {limit:N0} nodes) ended without an answer: {point.CertificateFailure}", nodes, iterations, pivots, result.ExactTime + point.ExactTime),
            _ => result.With(model, certified: false, nodes: nodes, iterations: iterations, pivots: pivots, failure:
                $"{result.CertificateFailure}; no integer point or proof of none within {limit:N0} nodes{(failure is null ? "" : $" ({failure})")}"),
        };
    }

    /// <summary>Nodes the search for an integer point may take when the relaxation is unbounded.</summary>
    private const int SettleNodes = 2_000;

    /// <summary>The LP (relaxation) of <paramref name="model"/>: integrality is ignored.</summary>
    internal static LpResult SolveContinuous(LpModel model, LpSolveOptions options)
    {
        var sf = new StandardForm(model);
        var clock = Stopwatch.StartNew();
        var simplex = new BoundedSimplex(sf);
        int limit = options.MaxIterations > 0 ? options.MaxIterations : 20 * (sf.Rows + sf.Columns) + 10_000;
        var status = simplex.Solve(limit);
        clock.Stop();
        if (options.Exact)
            return ExactLpCertifier.Certify(model, sf, simplex.Basis, options.MaxExactPivots, simplex.Iterations, clock.Elapsed);

        int n = sf.Structurals;
        var x = simplex.Values[..n];
        for (int j = 0; j < n; j++) x[j] *= sf.ColScale[j];
        double objective = 0;
        for (int j = 0; j < n; j++) objective += model.Variables[j].Cost.ToDouble() * x[j];
        var duals = simplex.RowDuals();
        for (int i = 0; i < duals.Length; i++) duals[i] *= sf.Negated ? -sf.RowScale[i] : sf.RowScale[i];
        return new LpResult
        {
            Model = model,
            Status = status,
            ObjectiveValue = status == LpStatus.Optimal ? objective
                : status == LpStatus.Unbounded ? (model.Sense == LpSense.Minimize ? double.NegativeInfinity : double.PositiveInfinity) : double.NaN,
            Solution = x,
            Duals = status == LpStatus.Optimal ? duals : null,
            Iterations = simplex.Iterations,
            FloatTime = clock.Elapsed,
        };
    }

    /// <summary>Floating solve only (benchmarks): returns the status and iteration count.</summary>
    public static (LpStatus Status, int Iterations) SolveFloatOnly(LpModel model)
    {
        var sf = new StandardForm(model);
        var simplex = new BoundedSimplex(sf);
        var status = simplex.Solve(20 * (sf.Rows + sf.Columns) + 10_000);
        return (status, simplex.Iterations);
    }
}
