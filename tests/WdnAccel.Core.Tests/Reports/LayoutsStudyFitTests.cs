using WdnAccel.Core.Reports;

namespace WdnAccel.Core.Tests.Reports;

public class LayoutsStudyFitTests
{
    [Fact]
    public void Quadratic_through_exact_points_is_recovered_with_r2_one()
    {
        double[] x = [0, 1, 2, 3, 4];
        double[] y = x.Select(v => 3 - 2 * v + 0.5 * v * v).ToArray();
        var fit = LayoutsStudyFit.Polynomial(x, y, 2);
        Assert.Equal(3, fit.Coefficients[0], 1e-9);
        Assert.Equal(-2, fit.Coefficients[1], 1e-9);
        Assert.Equal(0.5, fit.Coefficients[2], 1e-9);
        Assert.Equal(1, fit.RSquared, 1e-12);
        Assert.Equal(0, fit.Rmse, 1e-9);
    }

    [Fact]
    public void Straight_line_r2_matches_a_hand_computation()
    {
        // y = 1, 3, 2 at x = 0, 1, 2: least-squares line y = 1.5 + 0.5x; residuals −0.5, 1, −0.5 → SS_res = 1.5,
        // SS_tot = 2 (mean 2), R² = 0.25, RMSE = √0.5.
        var fit = LayoutsStudyFit.Polynomial([0, 1, 2], [1, 3, 2], 1);
        Assert.Equal(1.5, fit.Coefficients[0], 1e-12);
        Assert.Equal(0.5, fit.Coefficients[1], 1e-12);
        Assert.Equal(0.25, fit.RSquared, 1e-12);
        Assert.Equal(Math.Sqrt(0.5), fit.Rmse, 1e-12);
    }

    [Fact]
    public void Exponential_recovers_its_parameters_and_skips_non_positive_points()
    {
        double[] x = [0, 0.5, 1, 1.5, 2, 3];
        double[] y = x.Select(v => 40 * Math.Exp(-0.3 * v)).ToArray();
        y[5] = -1; // cannot enter a log fit
        var fit = LayoutsStudyFit.Exponential(x, y);
        Assert.Equal(5, fit.Points);
        Assert.Equal(40, fit.Coefficients[0], 1e-9);
        Assert.Equal(-0.3, fit.Coefficients[1], 1e-12);
        Assert.Equal(40 * Math.Exp(-0.3 * 2.5), fit.Evaluate(2.5), 1e-9);
    }

    [Fact]
    public void Broken_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => LayoutsStudyFit.Polynomial([1, 2], [1, 2, 3], 1));
        Assert.Throws<ArgumentException>(() => LayoutsStudyFit.Polynomial([1, 2], [1, 2], 2));
        Assert.Throws<ArgumentException>(() => LayoutsStudyFit.Polynomial([1, 1, 1], [1, 2, 3], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayoutsStudyFit.Polynomial([1, 2], [1, 2], -1));
        Assert.Throws<ArgumentException>(() => LayoutsStudyFit.Exponential([1, 2, 3], [0, -1, 2]));
        Assert.Throws<ArgumentException>(() => LayoutsStudyFit.Polynomial([1, 2, double.NaN], [1, 2, 3], 1));
        Assert.Throws<ArgumentException>(() => LayoutsStudyFit.Exponential([1, 2, 3], [1, double.PositiveInfinity, 3]));
    }
}
