using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

public class LpSolverTests
{
    private static Rational R(string s) => Rational.Parse(s);

    private static LpResult SolveCertified(LpModel model)
    {
        var result = LpSolver.Solve(model);
        Assert.True(result.Certified, result.CertificateFailure);
        return result;
    }

    [Fact]
    public void WyndorGlassTextbookOptimum()
    {
        // Hillier & Lieberman, Introduction to Operations Research, ch. 3: max 3x + 5y, optimum 36 at (2, 6).
        var m = new LpModel { Sense = LpSense.Maximize };
        int x = m.AddVariable("x", 0, null, 3);
        int y = m.AddVariable("y", 0, null, 5);
        m.AddConstraint("plant1", [new LpTerm(x, 1)], LpRowSense.LessEqual, 4);
        m.AddConstraint("plant2", [new LpTerm(y, 2)], LpRowSense.LessEqual, 12);
        m.AddConstraint("plant3", [new LpTerm(x, 3), new LpTerm(y, 2)], LpRowSense.LessEqual, 18);
        var r = SolveCertified(m);
        Assert.Equal(LpStatus.Optimal, r.Status);
        Assert.Equal(new Rational(36), r.ObjectiveExact);
        Assert.Equal(new Rational(2), r.Exact("x"));
        Assert.Equal(new Rational(6), r.Exact("y"));
        // Shadow prices from the textbook: 0, 3/2, 1.
        Assert.Equal(Rational.Zero, r.DualExact("plant1"));
        Assert.Equal(new Rational(3, 2), r.DualExact("plant2"));
        Assert.Equal(Rational.One, r.DualExact("plant3"));
    }

    [Fact]
    public void BealeCyclingExampleTerminatesAtMinusFiveQuarters()
    {
        // Beale (1955): cycles under Dantzig's rule with naive tie-breaking; optimum −5/4 at x4 = 1, x6 = 1.
        var m = new LpModel();
        int x4 = m.AddVariable("x4", 0, null, R("-0.75"));
        int x5 = m.AddVariable("x5", 0, null, 20);
        int x6 = m.AddVariable("x6", 0, null, R("-0.5"));
        int x7 = m.AddVariable("x7", 0, null, 6);
        m.AddConstraint("r1", [new(x4, R("1/4")), new(x5, -8), new(x6, -1), new(x7, 9)], LpRowSense.LessEqual, 0);
        m.AddConstraint("r2", [new(x4, R("1/2")), new(x5, -12), new(x6, R("-1/2")), new(x7, 3)], LpRowSense.LessEqual, 0);
        m.AddConstraint("r3", [new(x6, 1)], LpRowSense.LessEqual, 1);
        var r = SolveCertified(m);
        Assert.Equal(R("-5/4"), r.ObjectiveExact);
        Assert.Equal(Rational.One, r.Exact("x4"));
        Assert.Equal(Rational.One, r.Exact("x6"));
    }

    [Fact]
    public void DegenerateVertexIsCertified()
    {
        // Four constraints meet at (1, 1): a degenerate optimum of max x + y = 2.
        var m = new LpModel { Sense = LpSense.Maximize };
        int x = m.AddVariable("x", 0, null, 1);
        int y = m.AddVariable("y", 0, null, 1);
        m.AddConstraint("a", [new(x, 1)], LpRowSense.LessEqual, 1);
        m.AddConstraint("b", [new(y, 1)], LpRowSense.LessEqual, 1);
        m.AddConstraint("c", [new(x, 1), new(y, 1)], LpRowSense.LessEqual, 2);
        m.AddConstraint("d", [new(x, 1), new(y, 2)], LpRowSense.LessEqual, 3);
        var r = SolveCertified(m);
        Assert.Equal(new Rational(2), r.ObjectiveExact);
    }

    [Fact]
    public void InfeasibleModelCarriesCheckedFarkasCertificate()
    {
        var m = new LpModel();
        int x = m.AddVariable("x", 0, null, 1);
        int y = m.AddVariable("y", 0, null, 1);
        m.AddConstraint("cap", [new(x, 1), new(y, 1)], LpRowSense.LessEqual, 1);
        m.AddConstraint("need", [new(x, 1), new(y, 1)], LpRowSense.GreaterEqual, 2);
        var r = SolveCertified(m);
        Assert.Equal(LpStatus.Infeasible, r.Status);
        Assert.NotNull(r.FarkasMultipliers);
        Assert.True(LpCertificateChecker.CheckInfeasible(m, r.FarkasMultipliers!, out _));
        // A wrong multiplier vector must be rejected.
        Assert.False(LpCertificateChecker.CheckInfeasible(m, [Rational.One, Rational.One], out _));
    }

    [Fact]
    public void InfeasibleByVariableBounds()
    {
        var m = new LpModel();
        int x = m.AddVariable("x", 0, 3, 1);
        m.AddConstraint("need", [new(x, 2)], LpRowSense.GreaterEqual, 7);
        var r = SolveCertified(m);
        Assert.Equal(LpStatus.Infeasible, r.Status);
    }

    [Fact]
    public void UnboundedModelCarriesCheckedRay()
    {
        var m = new LpModel { Sense = LpSense.Maximize };
        int x = m.AddVariable("x", 0, null, 1);
        int y = m.AddVariable("y", 0, null, 1);
        m.AddConstraint("r", [new(x, 1), new(y, -1)], LpRowSense.LessEqual, 1);
        var r = SolveCertified(m);
        Assert.Equal(LpStatus.Unbounded, r.Status);
        Assert.NotNull(r.Ray);
        Assert.True(r.Model.Objective(r.Ray!) > Rational.Zero);
        Assert.False(LpCertificateChecker.CheckUnbounded(m, r.SolutionExact!, [Rational.One, Rational.Zero], out _));
    }

    [Fact]
    public void FreeVariablesWithEquality()
    {
        // min 2x + y, x and y free, x + y ≥ 3, x − y = 1: y = x − 1, so 2x − 1 ≥ 3 gives x = 2, objective 5.
        var m = new LpModel();
        int x = m.AddVariable("x", null, null, 2);
        int y = m.AddVariable("y", null, null, 1);
        m.AddConstraint("sum", [new(x, 1), new(y, 1)], LpRowSense.GreaterEqual, 3);
        m.AddConstraint("diff", [new(x, 1), new(y, -1)], LpRowSense.Equal, 1);
        var r = SolveCertified(m);
        Assert.Equal(new Rational(5), r.ObjectiveExact);
        Assert.Equal(new Rational(2), r.Exact("x"));
        Assert.Equal(Rational.One, r.Exact("y"));
    }

    [Fact]
    public void FreeVariableUnboundedBelow()
    {
        var m = new LpModel();
        int x = m.AddVariable("x", null, null, 1);
        m.AddConstraint("cap", [new(x, 1)], LpRowSense.LessEqual, 5);
        var r = SolveCertified(m);
        Assert.Equal(LpStatus.Unbounded, r.Status);
    }

    [Fact]
    public void RangedRowsBindAtEitherEnd()
    {
        foreach (var (sense, expected) in new[] { (LpSense.Minimize, -3), (LpSense.Maximize, 4) })
        {
            // 1 ≤ x + y ≤ 4, 0 ≤ x ≤ 10, 0 ≤ y ≤ 3: min x − y = −3 at (0, 3); max x − y = 4 at (4, 0).
            var m = new LpModel { Sense = sense };
            int x = m.AddVariable("x", 0, 10, 1);
            int y = m.AddVariable("y", 0, 3, -1);
            m.AddRange("band", [new(x, 1), new(y, 1)], 1, 4);
            var r = SolveCertified(m);
            Assert.Equal(new Rational(expected), r.ObjectiveExact);
        }
    }

    [Fact]
    public void ThirdsGiveExactFractionalOptimum()
    {
        // max x + y, x/3 + y ≤ 1, x + y/3 ≤ 1: symmetric vertex x = y = 3/4, objective 3/2 (doubles cannot hold 1/3).
        var m = new LpModel { Sense = LpSense.Maximize };
        int x = m.AddVariable("x", 0, null, 1);
        int y = m.AddVariable("y", 0, null, 1);
        m.AddConstraint("a", [new(x, R("1/3")), new(y, 1)], LpRowSense.LessEqual, 1);
        m.AddConstraint("b", [new(x, 1), new(y, R("1/3"))], LpRowSense.LessEqual, 1);
        var r = SolveCertified(m);
        Assert.Equal(R("3/2"), r.ObjectiveExact);
        Assert.Equal(R("3/4"), r.Exact("x"));
        Assert.Equal(R("3/4"), r.DualExact("a"));
    }

    [Fact]
    public void EqualityHeavyTransportationMatchesEnumeration()
    {
        int[] supply = [20, 30];
        int[] demand = [10, 25, 15];
        int[,] cost = { { 8, 6, 10 }, { 9, 12, 13 } };
        var m = new LpModel();
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++) m.AddVariable($"x{i}{j}", 0, null, cost[i, j]);
        for (int i = 0; i < 2; i++)
            m.AddConstraint($"s{i}", Enumerable.Range(0, 3).Select(j => new LpTerm(i * 3 + j, 1)), LpRowSense.Equal, supply[i]);
        for (int j = 0; j < 3; j++)
            m.AddConstraint($"d{j}", Enumerable.Range(0, 2).Select(i => new LpTerm(i * 3 + j, 1)), LpRowSense.Equal, demand[j]);
        var r = SolveCertified(m);

        // Independent: the balanced 2×3 problem has two free parameters a = x00, b = x01; vertices are integral.
        int best = int.MaxValue;
        for (int a = 0; a <= 20; a++)
            for (int b = 0; a + b <= 20; b++)
            {
                int[] f = [a, b, 20 - a - b, 10 - a, 25 - b, a + b - 5];
                if (f.Any(v => v < 0)) continue;
                int c = 0;
                for (int k = 0; k < 6; k++) c += f[k] * cost[k / 3, k % 3];
                best = Math.Min(best, c);
            }
        Assert.Equal(new Rational(best), r.ObjectiveExact);
    }

    [Fact]
    public void BadlyScaledRowsGiveUnscaledAnswers()
    {
        // x + y ≥ 2 written with 1e-6 coefficients, x = y written with 1e6: optimum x = y = 1, objective 2,
        // dual of the first row 1e6 (its rhs is in millionths). Checks the floating path undoes the scaling.
        var m = new LpModel();
        int x = m.AddVariable("x", 0, null, 1);
        int y = m.AddVariable("y", 0, null, 1);
        m.AddConstraint("tiny", [new(x, R("1e-6")), new(y, R("1e-6"))], LpRowSense.GreaterEqual, R("2e-6"));
        m.AddConstraint("huge", [new(x, R("1e6")), new(y, R("-1e6"))], LpRowSense.Equal, 0);
        var f = LpSolver.Solve(m, exact: false);
        Assert.Equal(LpStatus.Optimal, f.Status);
        Assert.Equal(1.0, f.Solution[x], 9);
        Assert.Equal(1.0, f.Solution[y], 9);
        Assert.Equal(2.0, f.ObjectiveValue, 9);
        Assert.Equal(1e6, f.Duals![0], 3);
        var e = LpSolver.Solve(m);
        Assert.True(e.Certified, e.CertificateFailure);
        Assert.Equal(new Rational(2), e.ObjectiveExact);
        Assert.Equal(new Rational(1_000_000), e.DualExact("tiny"));
    }

    [Fact]
    public void ModelsWithoutRows()
    {
        var m = new LpModel();
        m.AddVariable("x", 2, 5, 1);
        m.AddVariable("y", R("-7/2"), 5, 1);
        var r = SolveCertified(m);
        Assert.Equal(R("-3/2"), r.ObjectiveExact);
        var u = new LpModel { Sense = LpSense.Maximize };
        u.AddVariable("x", 0, null, 1);
        Assert.Equal(LpStatus.Unbounded, SolveCertified(u).Status);
        Assert.Equal(Rational.Zero, SolveCertified(new LpModel()).ObjectiveExact);
    }

    [Fact]
    public void IntegerKnapsackMatchesEnumeration()
    {
        int[] value = [5, 4, 3];
        int[,] weight = { { 2, 3, 1 }, { 4, 1, 2 }, { 3, 4, 2 } };
        int[] cap = [5, 11, 8];
        var m = new LpModel { Sense = LpSense.Maximize };
        for (int j = 0; j < 3; j++) m.AddVariable($"x{j}", 0, null, value[j], isInteger: true);
        for (int i = 0; i < 3; i++) m.AddConstraint($"c{i}", Enumerable.Range(0, 3).Select(j => new LpTerm(j, weight[i, j])), LpRowSense.LessEqual, cap[i]);
        var r = LpSolver.Solve(m);
        Assert.True(r.Certified, r.CertificateFailure);
        int best = 0;
        for (int a = 0; a <= 5; a++) for (int b = 0; b <= 5; b++) for (int c = 0; c <= 8; c++)
        {
            int[] x = [a, b, c];
            bool ok = true;
            for (int i = 0; i < 3; i++) ok &= Enumerable.Range(0, 3).Sum(j => weight[i, j] * x[j]) <= cap[i];
            if (ok) best = Math.Max(best, Enumerable.Range(0, 3).Sum(j => value[j] * x[j]));
        }
        Assert.Equal(new Rational(best), r.ObjectiveExact);
        Assert.All(r.SolutionExact!, v => Assert.True(v.IsInteger));
        Assert.True(r.Nodes >= 1);
    }

    [Fact]
    public void IntegerInfeasibleButRelaxationFeasible()
    {
        // 3x + 5y = 7 has real solutions in [0, 5]² but no integer ones (x = 0, 1, 2 leave 5y = 7, 4, 1); the gcd of
        // 3 and 5 is 1, so no divisibility argument decides it: the tree does.
        var m = new LpModel();
        int x = m.AddVariable("x", 0, 5, 1, isInteger: true);
        int y = m.AddVariable("y", 0, 5, 1, isInteger: true);
        m.AddConstraint("odd", [new(x, 3), new(y, 5)], LpRowSense.Equal, 7);
        var r = LpSolver.Solve(m);
        Assert.Equal(LpStatus.Infeasible, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.Null(r.Divisibility);
        Assert.True(r.Nodes >= 1);
        // The relaxation itself is feasible: integrality decides it.
        var relaxed = m.Clone();
        relaxed.SetInteger(x, false);
        relaxed.SetInteger(y, false);
        Assert.Equal(LpStatus.Optimal, LpSolver.Solve(relaxed).Status);
    }

    [Fact]
    public void MixedIntegerMatchesEnumerationOverTheIntegerPart()
    {
        // min x + y, x integer in [0, 5], y ≥ 0 continuous, x + 2y ≥ 7/2, y ≥ x − 1/4.
        var m = new LpModel();
        int x = m.AddVariable("x", 0, 5, 1, isInteger: true);
        int y = m.AddVariable("y", 0, null, 1);
        m.AddConstraint("a", [new(x, 1), new(y, 2)], LpRowSense.GreaterEqual, R("7/2"));
        m.AddConstraint("b", [new(y, 1), new(x, -1)], LpRowSense.GreaterEqual, R("-1/4"));
        var r = LpSolver.Solve(m);
        Assert.True(r.Certified, r.CertificateFailure);
        // For fixed integer x the best y is the largest of its lower bounds.
        var best = Enumerable.Range(0, 6).Select(k => new Rational(k) + Rational.Max(Rational.Zero, Rational.Max((R("7/2") - k) / 2, k - R("1/4")))).Min();
        Assert.Equal(best, r.ObjectiveExact);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void RandomFeasibleLpsAreCertified(int seed)
    {
        var rng = new Random(seed);
        int n = 6 + rng.Next(10), rows = 4 + rng.Next(10);
        var m = new LpModel { Sense = rng.Next(2) == 0 ? LpSense.Minimize : LpSense.Maximize };
        var x0 = new Rational[n];
        for (int j = 0; j < n; j++)
        {
            x0[j] = new Rational(rng.Next(-5, 6), rng.Next(1, 4));
            Rational? lo = rng.Next(5) == 0 ? null : x0[j] - rng.Next(0, 4);
            Rational? hi = rng.Next(5) == 0 ? null : x0[j] + rng.Next(0, 4);
            m.AddVariable($"v{j}", lo, hi, new Rational(rng.Next(-9, 10), rng.Next(1, 5)));
        }
        for (int i = 0; i < rows; i++)
        {
            var terms = new List<LpTerm>();
            for (int j = 0; j < n; j++)
                if (rng.Next(3) == 0) terms.Add(new LpTerm(j, new Rational(rng.Next(-7, 8), rng.Next(1, 4))));
            var act = Rational.Zero;
            foreach (var t in terms) act += t.Coefficient * x0[t.Variable];
            switch (rng.Next(4))
            {
                case 0: m.AddConstraint($"r{i}", terms, LpRowSense.LessEqual, act + rng.Next(0, 3)); break;
                case 1: m.AddConstraint($"r{i}", terms, LpRowSense.GreaterEqual, act - rng.Next(0, 3)); break;
                case 2: m.AddConstraint($"r{i}", terms, LpRowSense.Equal, act); break;
                default: m.AddRange($"r{i}", terms, act - rng.Next(0, 3), act + rng.Next(0, 3)); break;
            }
        }
        var r = LpSolver.Solve(m);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.NotEqual(LpStatus.Infeasible, r.Status); // x0 is feasible by construction
        if (r.Status == LpStatus.Optimal)
        {
            var at0 = m.Objective(x0);
            Assert.True(m.Sense == LpSense.Minimize ? r.ObjectiveExact <= at0 : r.ObjectiveExact >= at0);
            Assert.True(LpCertificateChecker.CheckOptimal(m, r.SolutionExact!, r.DualsExact!, out var why), why);
        }
    }
}
