using System.Diagnostics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Entry point: solve an <see cref="LpModel"/> with the floating bounded simplex, then (by default) certify the
/// answer exactly. Integer variables are rejected: branch-and-bound is not implemented yet.
/// </summary>
public static class LpSolver
{
    public static LpResult Solve(LpModel model, LpSolveOptions? options = null)
    {
        options ??= new LpSolveOptions();
        if (model.Variables.FirstOrDefault(v => v.IsInteger) is { } iv)
            throw new NotSupportedException($"variable '{iv.Name}' is integer: MILP (branch-and-bound) is not supported yet; only continuous LPs");
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
        double objective = 0;
        for (int j = 0; j < n; j++) objective += model.Variables[j].Cost.ToDouble() * x[j];
        var duals = simplex.RowDuals();
        if (sf.Negated) for (int i = 0; i < duals.Length; i++) duals[i] = -duals[i];
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
