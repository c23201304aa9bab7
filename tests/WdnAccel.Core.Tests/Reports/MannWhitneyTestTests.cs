using WdnAccel.Core.Reports;
using Xunit;

namespace WdnAccel.Core.Tests.Reports;

public sealed class MannWhitneyTestTests
{
    [Fact]
    public void Exact_p_value_of_two_separated_samples_of_three_is_two_in_twenty()
    {
        // U's null distribution for n1 = n2 = 3 has C(6,3) = 20 arrangements; U = 0 and U = 9 are one each.
        var r = MannWhitneyTest.Compare([1, 2, 3], [4, 5, 6]);
        Assert.True(r.Exact);
        Assert.Equal(0, r.U);
        Assert.Equal(0.1, r.PValue, 12);
        Assert.Equal(-3, r.Shift);
    }

    [Fact]
    public void Exact_p_value_of_two_separated_samples_of_ten_is_two_over_C_20_10()
    {
        var a = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        var b = Enumerable.Range(10, 10).Select(i => (double)i).ToArray();
        Assert.Equal(2.0 / 184756, MannWhitneyTest.Compare(a, b).PValue, 15);
        Assert.Equal(2.0 / 184756, MannWhitneyTest.Compare(b, a).PValue, 15);
    }

    [Fact]
    public void Interleaved_samples_are_not_significant()
    {
        var r = MannWhitneyTest.Compare([1, 3, 5, 7, 9], [2, 4, 6, 8, 10]);
        Assert.True(r.PValue > 0.5, $"p = {r.PValue}");
    }

    [Fact]
    public void Ties_use_the_normal_approximation_with_the_tie_correction()
    {
        // a = {1,1,2}, b = {2,3,3}: ranks 1.5,1.5,3.5 | 3.5,5.5,5.5 → U1 = 6.5 − 6 = 0.5; mean 4.5;
        // variance = 9/12 · (7 − (3·(8−2))/(6·5)) = 0.75 · 6.4 = 4.8; z = (4 − 0.5)/√4.8 = 1.5975...
        var r = MannWhitneyTest.Compare([1, 1, 2], [2, 3, 3]);
        Assert.False(r.Exact);
        Assert.Equal(0.5, r.U, 12);
        double z = 3.5 / Math.Sqrt(4.8);
        Assert.Equal(MannWhitneyTest.Erfc(z / Math.Sqrt(2)), r.PValue, 12);
    }

    [Theory]
    [InlineData(0.3, 0.671373240540873)]
    [InlineData(1.0, 0.157299207050285)]
    [InlineData(2.0, 0.00467773498104727)]
    [InlineData(3.0, 2.20904969985854e-05)]
    public void Erfc_matches_tabulated_values(double x, double expected)
    {
        Assert.Equal(expected, MannWhitneyTest.Erfc(x), 1e-13 + 1e-12 * expected);
    }

    [Fact]
    public void Runs_without_a_feasible_design_rank_last()
    {
        // U counts pairs where a exceeds b: only the infeasible run does, against all three.
        var r = MannWhitneyTest.Compare([1, 2, double.PositiveInfinity], [3, 4, 5]);
        Assert.Equal(3, r.U);
    }
}
