using WdnAccel.Core.Model;
using Xunit;

namespace WdnAccel.Core.Tests.Model;

public class DesignSpecTests
{
    [Theory]
    [InlineData(6_081_128, 6_081_000, true)]   // our Hanoi best against the rounded published "about $6.081M"
    [InlineData(6_087_080, 6_081_000, true)]   // just inside 0.1 %
    [InlineData(6_087_100, 6_081_000, false)]  // just outside
    [InlineData(419_000, 419_000, true)]
    [InlineData(5_000_000, 6_081_000, true)]   // better than the best known
    public void A_cost_reaches_the_best_known_within_a_tenth_of_a_percent(double cost, double bestKnown, bool reaches) =>
        Assert.Equal(reaches, DesignSpec.ReachesBestKnown(cost, bestKnown));
}
