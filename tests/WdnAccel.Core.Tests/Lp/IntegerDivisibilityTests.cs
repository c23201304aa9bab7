using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>
/// A row whose variables are all integer has an activity that is a multiple of the gcd of its coefficients; when no
/// multiple lies within the row's bounds the model has no integer point, whatever its relaxation says.
/// </summary>
public class IntegerDivisibilityTests
{
    private static LpModel Lp(string text) => CplexLpReader.Read(text, "t.lp");

    /// <summary>
    /// 2x − 2y = 1 over free integers: the relaxation is unbounded and every branch stays LP-feasible, so a tree search
    /// never ends; the gcd test answers at once, with the row and the gcd as the certificate.
    /// </summary>
    [Fact]
    public void An_odd_right_hand_side_over_even_coefficients_is_infeasible_although_the_relaxation_is_unbounded()
    {
        var model = Lp("Minimize\n obj: x\nSubject To\n c1: 2 x - 2 y = 1\nBounds\n x free\n y free\nGeneral\n x\n y\nEnd\n");
        var r = LpSolver.Solve(model);
        Assert.Equal(LpStatus.Infeasible, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.Equal(0, r.Nodes);
        Assert.Equal(new DivisibilityCertificate(0, new Rational(2)), r.Divisibility);
        Assert.True(LpCertificateChecker.CheckIndivisible(model, r.Divisibility!, out var failure), failure);
        Assert.Equal(LpStatus.Unbounded, LpSolver.Solve(Relax(model)).Status);
    }

    private static LpModel Relax(LpModel m)
    {
        var r = m.Clone();
        for (int j = 0; j < r.Variables.Count; j++) r.SetInteger(j, false);
        return r;
    }

    [Theory]
    // x/2 + 3y/2 = 3/4: the gcd of 1/2 and 3/2 is 1/2, and 3/4 is not a multiple of it.
    [InlineData("c: 0.5 x + 1.5 y = 0.75", "1/2")]
    // A range with no multiple of 3 inside: 3x + 6y takes ..., 0, 3, ... and [1, 2] holds none.
    [InlineData("c: 1 <= 3 x + 6 y <= 2", "3")]
    // A fixed continuous variable is a constant: 2x + w = 2 with w = 1 leaves 2x = 1.
    [InlineData("c: 2 x + w = 2", "2")]
    public void Rational_coefficients_ranges_and_fixed_columns_are_tested_exactly(string row, string gcd)
    {
        var model = Lp($"Minimize\n obj: x + y\nSubject To\n {row}\nBounds\n -10 <= x <= 10\n -10 <= y <= 10\n w = 1\nGeneral\n x\n y\nEnd\n");
        var r = LpSolver.Solve(model);
        Assert.Equal(LpStatus.Infeasible, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.Equal(Rational.Parse(gcd), r.Divisibility!.Gcd);
    }

    [Theory]
    [InlineData("c: 2 x + 4 y = 6", "-3")]          // x = 3 − 2y: the least x + y is at y = 6, x = −9
    [InlineData("c: 2 x + w = 3", "-9")]            // w = 1 leaves 2x = 2: x = 1, y = −10
    [InlineData("c: 2 x + 2 y + z = 1", "1")]       // z is continuous and not fixed: no divisibility argument (x + y = 0, z = 1)
    [InlineData("c: 1 <= 3 x + 6 y <= 3", "-4")]    // 3 lies in [1, 3]: x + 2y = 1, least at y = 5, x = −9
    public void A_row_with_a_multiple_in_its_bounds_is_left_to_the_search(string row, string objective)
    {
        var model = Lp($"Minimize\n obj: x + y + z\nSubject To\n {row}\nBounds\n -10 <= x <= 10\n -10 <= y <= 10\n 0 <= z <= 1\n w = 1\nGeneral\n x\n y\nEnd\n");
        var r = LpSolver.Solve(model);
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.Null(r.Divisibility);
        Assert.Equal(Rational.Parse(objective), r.ObjectiveExact);
    }

    [Fact]
    public void The_checker_refuses_a_wrong_divisibility_certificate()
    {
        var model = Lp("Minimize\n obj: x\nSubject To\n c1: 2 x - 2 y = 1\n c2: x + y + z = 1\nBounds\n x free\n y free\nGeneral\n x\n y\nEnd\n");
        Assert.True(LpCertificateChecker.CheckIndivisible(model, new DivisibilityCertificate(0, new Rational(2)), out _));
        Assert.False(LpCertificateChecker.CheckIndivisible(model, new DivisibilityCertificate(0, new Rational(4)), out var f1)); // 2/4 is not whole
        Assert.Contains("not a multiple", f1);
        Assert.False(LpCertificateChecker.CheckIndivisible(model, new DivisibilityCertificate(0, new Rational(1, 2)), out _)); // 1 is a multiple of 1/2
        Assert.False(LpCertificateChecker.CheckIndivisible(model, new DivisibilityCertificate(1, new Rational(1)), out var f2)); // z is continuous
        Assert.Contains("continuous", f2);
    }
}
