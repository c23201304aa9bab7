using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>
/// The exact simplex on its own, started from the all-logical basis instead of the floating answer: this is
/// the path the certifier takes when a floating basis is wrong, so it must reach the same proven answers.
/// </summary>
public class ExactLpCertifierTests
{
    private static Rational R(string s) => Rational.Parse(s);

    [Fact]
    public void ExactPivotsFromScratchReachTheWyndorOptimum()
    {
        var m = new LpModel { Sense = LpSense.Maximize };
        int x = m.AddVariable("x", 0, null, 3);
        int y = m.AddVariable("y", 0, null, 5);
        m.AddConstraint("p1", [new LpTerm(x, 1)], LpRowSense.LessEqual, 4);
        m.AddConstraint("p2", [new LpTerm(y, 2)], LpRowSense.LessEqual, 12);
        m.AddConstraint("p3", [new LpTerm(x, 3), new LpTerm(y, 2)], LpRowSense.LessEqual, 18);
        var r = ExactLpCertifier.Certify(m);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.True(r.ExactPivots > 0);
        Assert.Equal(new Rational(36), r.ObjectiveExact);
    }

    [Fact]
    public void ExactBlandPivotsDoNotCycleOnBeale()
    {
        var m = new LpModel();
        int x4 = m.AddVariable("x4", 0, null, R("-3/4"));
        int x5 = m.AddVariable("x5", 0, null, 20);
        int x6 = m.AddVariable("x6", 0, null, R("-1/2"));
        int x7 = m.AddVariable("x7", 0, null, 6);
        m.AddConstraint("r1", [new(x4, R("1/4")), new(x5, -8), new(x6, -1), new(x7, 9)], LpRowSense.LessEqual, 0);
        m.AddConstraint("r2", [new(x4, R("1/2")), new(x5, -12), new(x6, R("-1/2")), new(x7, 3)], LpRowSense.LessEqual, 0);
        m.AddConstraint("r3", [new(x6, 1)], LpRowSense.LessEqual, 1);
        var r = ExactLpCertifier.Certify(m, maxPivots: 200);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.Equal(R("-5/4"), r.ObjectiveExact);
    }

    [Fact]
    public void ExactPhaseOneProvesInfeasibility()
    {
        var m = new LpModel();
        int x = m.AddVariable("x", 0, 10, 1);
        int y = m.AddVariable("y", null, null, 1);
        m.AddConstraint("a", [new(x, 1), new(y, 1)], LpRowSense.Equal, 3);
        m.AddConstraint("b", [new(x, 1), new(y, 1)], LpRowSense.GreaterEqual, R("31/10"));
        var r = ExactLpCertifier.Certify(m);
        Assert.Equal(LpStatus.Infeasible, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void ExactFromScratchAgreesWithFloatingThenCertified(int seed)
    {
        var rng = new Random(seed);
        int n = 8, rows = 6;
        var m = new LpModel { Sense = LpSense.Minimize };
        for (int j = 0; j < n; j++) m.AddVariable($"v{j}", rng.Next(3) == 0 ? null : new Rational(-rng.Next(0, 4)), rng.Next(3) == 0 ? null : new Rational(rng.Next(1, 6)), new Rational(rng.Next(-9, 10), rng.Next(1, 4)));
        for (int i = 0; i < rows; i++)
        {
            var terms = Enumerable.Range(0, n).Where(_ => rng.Next(2) == 0).Select(j => new LpTerm(j, new Rational(rng.Next(-5, 6), rng.Next(1, 3)))).ToList();
            m.AddConstraint($"r{i}", terms, rng.Next(2) == 0 ? LpRowSense.LessEqual : LpRowSense.GreaterEqual, new Rational(rng.Next(-6, 7)));
        }
        var viaFloat = LpSolver.Solve(m);
        var fromScratch = ExactLpCertifier.Certify(m);
        Assert.True(viaFloat.Certified, viaFloat.CertificateFailure);
        Assert.True(fromScratch.Certified, fromScratch.CertificateFailure);
        Assert.Equal(viaFloat.Status, fromScratch.Status);
        Assert.Equal(viaFloat.ObjectiveExact, fromScratch.ObjectiveExact);
    }

    [Fact]
    public void CheckerRejectsASuboptimalPointWithValidDualSigns()
    {
        // max x s.t. x <= 2: the point x = 1 with dual 1 fails the equal-objective check.
        var m = new LpModel { Sense = LpSense.Maximize };
        int x = m.AddVariable("x", 0, null, 1);
        m.AddConstraint("c", [new LpTerm(x, 1)], LpRowSense.LessEqual, 2);
        Assert.False(LpCertificateChecker.CheckOptimal(m, [Rational.One], [Rational.One], out var why));
        Assert.Contains("differs", why);
        Assert.True(LpCertificateChecker.CheckOptimal(m, [new Rational(2)], [Rational.One], out _));
        Assert.False(LpCertificateChecker.CheckOptimal(m, [new Rational(3)], [Rational.One], out _)); // infeasible point
        Assert.False(LpCertificateChecker.CheckOptimal(m, [new Rational(2)], [Rational.MinusOne], out _)); // wrong dual sign
    }

    [Fact]
    public void NetworkFlowLpIsCertifiedWithoutExactPivots()
    {
        var m = NetworkFlowLp.Generate(400, seed: 3);
        var r = LpSolver.Solve(m);
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.True(LpCertificateChecker.CheckPrimalFeasible(m, r.SolutionExact!, out _));
        // Integral network data have an integral optimal vertex.
        Assert.All(r.SolutionExact!, v => Assert.True(v.IsInteger));
    }
}
