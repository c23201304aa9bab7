using System.Diagnostics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Proves an LP answer from a simplex basis: solves the basis system in rationals, checks primal feasibility,
/// dual feasibility of the reduced costs and equal objectives; where a check fails it continues with exact
/// pivots (<see cref="ExactSimplex"/>) until it can prove optimality, infeasibility (Farkas multipliers) or
/// unboundedness (a ray). Every certificate is then re-checked on the original model by
/// <see cref="LpCertificateChecker"/>; <see cref="LpResult.Certified"/> is that check's verdict.
/// </summary>
public static class ExactLpCertifier
{
    internal static LpResult Certify(LpModel model, StandardForm sf, SimplexBasis start, int maxPivots,
        int floatIterations, TimeSpan floatTime)
    {
        var clock = Stopwatch.StartNew();
        var exact = new ExactSimplex(sf, start);
        var status = exact.Solve(maxPivots);
        int n = sf.Structurals, m = sf.Rows;
        var x = exact.Values[..n];
        var sign = sf.Negated ? Rational.MinusOne : Rational.One;
        string? failure = null;
        bool certified = false;
        Rational[]? duals = null, reduced = null, farkas = null, ray = null;
        Rational? objective = null;
        switch (status)
        {
            case LpStatus.Optimal:
                duals = exact.Duals.Select(v => v * sign).ToArray();
                reduced = LpCertificateChecker.ReducedCosts(model, duals);
                objective = model.Objective(x);
                certified = LpCertificateChecker.CheckOptimal(model, x, duals, out failure);
                break;
            case LpStatus.Infeasible:
                farkas = (Rational[])exact.Duals.Clone();
                certified = LpCertificateChecker.CheckInfeasible(model, farkas, out failure);
                break;
            case LpStatus.Unbounded:
                ray = exact.Ray![..n];
                certified = LpCertificateChecker.CheckUnbounded(model, x, ray, out failure);
                break;
            default:
                failure = $"exact pivot limit {maxPivots} reached";
                break;
        }
        clock.Stop();
        return new LpResult
        {
            Model = model,
            Status = status,
            ObjectiveValue = objective?.ToDouble() ?? (status == LpStatus.Unbounded ? (model.Sense == LpSense.Minimize ? double.NegativeInfinity : double.PositiveInfinity) : double.NaN),
            Solution = x.Select(v => v.ToDouble()).ToArray(),
            Duals = duals?.Select(v => v.ToDouble()).ToArray(),
            Certified = certified,
            ObjectiveExact = objective,
            SolutionExact = status is LpStatus.Optimal or LpStatus.Unbounded ? x : null,
            DualsExact = duals,
            ReducedCostsExact = reduced,
            FarkasMultipliers = farkas,
            Ray = ray,
            CertificateFailure = failure,
            Iterations = floatIterations,
            ExactPivots = exact.Pivots,
            FloatTime = floatTime,
            ExactTime = clock.Elapsed,
        };
    }

    /// <summary>Certifies <paramref name="model"/> starting from the all-logical basis (no floating solve).</summary>
    public static LpResult Certify(LpModel model, int maxPivots = 1_000_000)
    {
        var sf = new StandardForm(model);
        var start = new BoundedSimplex(sf).Basis;
        return Certify(model, sf, start, maxPivots, 0, TimeSpan.Zero);
    }
}
