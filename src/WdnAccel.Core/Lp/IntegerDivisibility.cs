using System.Numerics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// The divisibility test of a row over integer variables, run before any search of a model with integer variables: if
/// every variable of a row lo ≤ Σ aⱼxⱼ ≤ hi is integer or fixed, the activity is the fixed part c plus a multiple of
/// g = gcd of the integer coefficients, so without a multiple of g in [lo − c, hi − c] the model has no integer point.
/// For an equality row this is the classical solvability condition of a linear Diophantine equation (g divides the
/// right-hand side; Schrijver 1986, "Theory of Linear and Integer Programming", Cor. 4.1c). Rationals keep it exact:
/// gcd(p/q, r/s) = gcd(ps, rq)/(qs). It settles models whose relaxation is unbounded and whose tree never ends
/// (2x − 2y = 1 over free integers stays LP-feasible on every branch).
/// </summary>
internal static class IntegerDivisibility
{
    /// <summary>The first row that no integer point satisfies by this test (accepted by the exact checker), or null.</summary>
    public static DivisibilityCertificate? Find(LpModel model)
    {
        for (int i = 0; i < model.Constraints.Count; i++)
        {
            var row = model.Constraints[i];
            if (row.Lower is null || row.Upper is null) continue; // a one-sided row always holds a multiple
            var g = Rational.Zero;
            bool tested = true;
            foreach (var t in row.Terms)
            {
                var v = model.Variables[t.Variable];
                if (v.IsInteger) g = Gcd(g, t.Coefficient);
                else if (v.Lower is null || v.Lower != v.Upper) { tested = false; break; }
            }
            if (!tested || g.IsZero) continue;
            var proof = new DivisibilityCertificate(i, g);
            if (LpCertificateChecker.CheckIndivisible(model, proof, out _)) return proof;
        }
        return null;
    }

    /// <summary>The model's answer for a proof <see cref="Find"/> gave: infeasible, certified (the checker accepted the row there).</summary>
    public static LpResult Infeasible(LpModel model, DivisibilityCertificate proof) =>
        LpResult.WithoutPoint(model, LpStatus.Infeasible, certified: true, failure: null, divisibility: proof);

    /// <summary>The largest positive rational g with a/g and b/g whole (gcd(0, b) = |b|).</summary>
    private static Rational Gcd(Rational a, Rational b) =>
        new(BigInteger.GreatestCommonDivisor(a.Numerator * b.Denominator, b.Numerator * a.Denominator), a.Denominator * b.Denominator);
}
