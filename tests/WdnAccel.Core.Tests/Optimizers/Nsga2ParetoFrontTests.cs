using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>NSGA-II's non-dominated sort, crowding distance and the 2-D hypervolume on points worked out by hand.</summary>
public class Nsga2ParetoFrontTests
{
    [Fact]
    public void Fast_non_dominated_sort_ranks_hand_made_points()
    {
        // Minimize both.  0:(1,5) 1:(2,3) 2:(3,1) 3:(2,4) 4:(4,4) 5:(3,3) 6:(5,5) 7:(1,5) (a copy of 0)
        // Front 0: 0, 1, 2, 7 (nobody is ≤ in both and < in one). Front 1: 3 (by 1), 5 (by 1). Front 2: 4 (by 3 and 5). Front 3: 6.
        double[] f = [1, 5, 2, 3, 3, 1, 2, 4, 4, 4, 3, 3, 5, 5, 1, 5];
        var rank = new int[8];
        var fronts = ParetoFront.Sort(f, 8, 2, new double[8], rank);
        Assert.Equal([0, 0, 0, 1, 2, 1, 3, 0], rank);
        Assert.Equal(4, fronts.Length);
        Assert.Equal([0, 1, 2, 7], fronts[0]);
        Assert.Equal([3, 5], fronts[1]);
        Assert.Equal([4], fronts[2]);
        Assert.Equal([6], fronts[3]);
    }

    [Fact]
    public void Constraint_domination_puts_feasible_first_then_lower_violation()
    {
        // 0 feasible but poor, 1 infeasible yet Pareto-better than everything, 2 less infeasible than 1, 3 unscored (+∞).
        double[] f = [10, 10, 0, 0, 5, 5, 0, 0];
        double[] violation = [0, 2, 1, double.PositiveInfinity];
        var rank = new int[4];
        ParetoFront.Sort(f, 4, 2, violation, rank);
        Assert.Equal([0, 2, 1, 3], rank);
        Assert.True(ParetoFront.ConstrainedDominates([10, 10], 0, [0, 0], 2));
        Assert.False(ParetoFront.ConstrainedDominates([0, 0], 2, [10, 10], 0));
        Assert.True(ParetoFront.ConstrainedDominates([5, 5], 1, [0, 0], 2));
        // Two feasible points: plain dominance, and a point never dominates its copy.
        Assert.True(ParetoFront.ConstrainedDominates([1, 2], 0, [1, 3], 0));
        Assert.False(ParetoFront.ConstrainedDominates([1, 3], 0, [1, 3], 0));
        Assert.False(ParetoFront.ConstrainedDominates([1, 3], 0, [2, 2], 0));
    }

    [Fact]
    public void Crowding_distance_of_a_hand_made_front()
    {
        // (1,4) (2,2) (3,1.5) (5,1): ranges 4 and 3. Interior (2,2): (3−1)/4 + (4−1.5)/3 = 0.5 + 0.8333;
        // (3,1.5): (5−2)/4 + (2−1)/3 = 0.75 + 0.3333. Extremes +∞. Stored out of order to check positions.
        double[] f = [3, 1.5, 1, 4, 5, 1, 2, 2];
        var distance = new double[4];
        ParetoFront.Crowding(f, 2, [0, 1, 2, 3], distance);
        Assert.Equal(0.75 + 1.0 / 3, distance[0], 12);
        Assert.Equal(double.PositiveInfinity, distance[1]);
        Assert.Equal(double.PositiveInfinity, distance[2]);
        Assert.Equal(0.5 + 2.5 / 3, distance[3], 12);

        // Front members are indices into the objective table: a sub-front reads the right rows.
        var two = new double[3];
        ParetoFront.Crowding(f, 2, [3, 0, 2], two);
        Assert.Equal(double.PositiveInfinity, two[0]);
        Assert.Equal((5 - 2) / 3.0 + (2 - 1) / 1.0, two[1], 12);
        Assert.Equal(double.PositiveInfinity, two[2]);
    }

    [Fact]
    public void Two_dimensional_hypervolume_of_hand_made_fronts()
    {
        var r = (4.0, 4.0);
        // One point: its box (4−1)·(4−3) = 3.
        Assert.Equal(3, ParetoFront.Hypervolume2D([(1, 3)], r), 12);
        // (1,3) and (2,1): boxes 3 and 6 overlapping in [2,4]×[3,4] = 2 → 7.
        Assert.Equal(7, ParetoFront.Hypervolume2D([(2, 1), (1, 3)], r), 12);
        // A dominated point, a copy and a point beyond the reference add nothing.
        Assert.Equal(7, ParetoFront.Hypervolume2D([(2, 1), (1, 3), (3, 3), (2, 1), (5, 0), (0, 4)], r), 12);
        // Staircase (0,3) (1,2) (2,1) (3,0) against (4,4): sweeping by x, 4·1 + 3·1 + 2·1 + 1·1 = 10; equally, the
        // 4×4 box minus the undominated steps under the front, 3 + 2 + 1 + 0 = 6.
        Assert.Equal(10, ParetoFront.Hypervolume2D([(3, 0), (1, 2), (0, 3), (2, 1)], r), 12);
        Assert.Equal(0, ParetoFront.Hypervolume2D([], r));
    }
}
