using WdnAccel.Core.Reports;

namespace WdnAccel.Core.Tests.Reports;

/// <summary>Quantiles of samples that hold +∞ (runs without a feasible design yet, in convergence medians).</summary>
public class SampleQuantilesTests
{
    [Fact]
    public void Infinite_values_give_a_rank_value_or_infinity_never_NaN()
    {
        double inf = double.PositiveInfinity;
        Assert.Equal(2, SampleQuantiles.Median([1, 2, inf]));      // on a rank: 2 + 0·∞ would be NaN
        Assert.Equal(inf, SampleQuantiles.Median([1, inf, inf]));  // on a rank that is ∞
        Assert.Equal(inf, SampleQuantiles.Median([1, inf, inf, inf])); // between equal infinities: ∞ + 0.5·(∞ − ∞) would be NaN
        Assert.Equal(inf, SampleQuantiles.Median([1, 2, inf, inf]));
        Assert.Equal(inf, SampleQuantiles.Median([1, 2, 3, inf, inf, inf]));
        Assert.Equal(2.5, SampleQuantiles.Median([1, 2, 3, inf]));
        Assert.Equal(1.75, SampleQuantiles.Quantile([1, 2, 3, inf], 0.25));
    }
}
