using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>The product-form basis inverse against dense multiplication, in doubles and in exact rationals.</summary>
public class BasisFactorTests
{
    /// <summary>A random sparse model whose structural columns give bases with triangular parts and a nucleus.</summary>
    private static LpModel RandomModel(int seed, int m, int n)
    {
        var rng = new Random(seed);
        var model = new LpModel();
        for (int j = 0; j < n; j++) model.AddVariable($"x{j}", 0, 1, 0);
        for (int i = 0; i < m; i++)
        {
            var terms = Enumerable.Range(0, n).Where(j => j % m == i || rng.Next(4) == 0)
                .Select(j => new LpTerm(j, new Rational(rng.Next(1, 9) * (rng.Next(2) == 0 ? 1 : -1), rng.Next(1, 4)))).ToList();
            model.AddConstraint($"r{i}", terms, LpRowSense.LessEqual, 1);
        }
        return model;
    }

    private static double[,] Dense(StandardForm sf, int[] head)
    {
        var b = new double[sf.Rows, sf.Rows];
        for (int k = 0; k < head.Length; k++)
            for (int p = sf.ColStart[head[k]]; p < sf.ColStart[head[k] + 1]; p++) b[sf.RowIndex[p], k] = sf.Value[p];
        return b;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void FtranAndBtranInvertTheBasis(int seed)
    {
        int m = 12, n = 30;
        var sf = new StandardForm(RandomModel(seed, m, n));
        var rng = new Random(seed);
        // Mostly structurals, a few logicals: a mix of singletons and a nucleus.
        var head = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(m - 3).Concat(Enumerable.Range(n, m).OrderBy(_ => rng.Next()).Take(3)).ToArray();
        var factor = new BasisFactor(sf);
        var dropped = factor.Factor(head);
        var b = Dense(sf, head); // head was rewritten: column head[r] sits at position r
        var rhs = Enumerable.Range(0, m).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var x = (double[])rhs.Clone();
        factor.Ftran(x);
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int k = 0; k < m; k++) s += b[i, k] * x[k];
            Assert.Equal(rhs[i], s, 9);
        }
        var y = (double[])rhs.Clone();
        factor.Btran(y);
        for (int k = 0; k < m; k++)
        {
            double s = 0;
            for (int i = 0; i < m; i++) s += b[i, k] * y[i];
            Assert.Equal(rhs[k], s, 9);
        }
        Assert.All(dropped, c => Assert.DoesNotContain(c, head));
    }

    [Fact]
    public void DependentColumnsAreReplacedByLogicalsExactly()
    {
        // x0 and x1 have identical columns: a basis holding both is singular.
        var model = new LpModel();
        model.AddVariable("x0", 0, 1, 0);
        model.AddVariable("x1", 0, 1, 0);
        model.AddVariable("x2", 0, 1, 0);
        model.AddConstraint("a", [new LpTerm(0, 1), new LpTerm(1, 1), new LpTerm(2, 1)], LpRowSense.LessEqual, 1);
        model.AddConstraint("b", [new LpTerm(0, 2), new LpTerm(1, 2)], LpRowSense.LessEqual, 1);
        model.AddConstraint("c", [new LpTerm(2, 3)], LpRowSense.LessEqual, 1);
        var sf = new StandardForm(model);
        var head = new[] { 0, 1, 2 };
        var dropped = new ExactBasisFactor(sf).Factor(head);
        Assert.Single(dropped);
        Assert.Contains(dropped[0], new[] { 0, 1 });
        Assert.Contains(head, c => c >= 3); // a logical filled the gap
        var headD = new[] { 0, 1, 2 };
        Assert.Single(new BasisFactor(sf).Factor(headD));
    }

    [Fact]
    public void ExactFactorSolvesWithThirds()
    {
        var model = new LpModel();
        model.AddVariable("x", 0, 1, 0);
        model.AddVariable("y", 0, 1, 0);
        model.AddConstraint("a", [new LpTerm(0, new Rational(1, 3)), new LpTerm(1, 1)], LpRowSense.LessEqual, 1);
        model.AddConstraint("b", [new LpTerm(0, 1), new LpTerm(1, new Rational(1, 3))], LpRowSense.LessEqual, 1);
        var sf = new StandardForm(model);
        var head = new[] { 0, 1 };
        var f = new ExactBasisFactor(sf);
        Assert.Empty(f.Factor(head));
        var w = new Rational[] { Rational.One, Rational.One };
        f.Ftran(w);
        // [1/3 1; 1 1/3]·(3/4, 3/4) = (1, 1), whichever position each column took.
        Assert.All(w, v => Assert.Equal(new Rational(3, 4), v));
    }
}
