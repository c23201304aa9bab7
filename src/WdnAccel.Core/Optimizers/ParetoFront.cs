namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The Pareto machinery of <see cref="Nsga2"/>, every objective minimized: dominance and Deb's constraint-domination,
/// the fast non-dominated sort and crowding distance of NSGA-II (Deb, Pratap, Agarwal &amp; Meyarivan 2002, "A fast and
/// elitist multiobjective genetic algorithm: NSGA-II", IEEE Trans. Evol. Comput. 6(2):182–197), and the hypervolume of
/// a two-objective front (Zitzler &amp; Thiele 1999's S metric). Objectives are stored row-major: point i's objective m
/// at [i·M + m]. Every tie is broken by index, so results never depend on a sort's stability.
/// </summary>
public static class ParetoFront
{
    /// <summary>True when <paramref name="a"/> is no worse than <paramref name="b"/> in every objective and better in one.</summary>
    public static bool Dominates(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        bool better = false;
        for (int m = 0; m < a.Length; m++)
        {
            if (a[m] > b[m]) return false;
            if (a[m] < b[m]) better = true;
        }
        return better;
    }

    /// <summary>
    /// Constraint-domination (Deb 2000, "An efficient constraint handling method for genetic algorithms", Comput.
    /// Methods Appl. Mech. Eng. 186:311–338; NSGA-II's section on constraints): a feasible point (violation 0) beats an
    /// infeasible one, of two infeasible points the one with the lower violation wins, of two feasible points the one
    /// that Pareto-dominates. Violations must be ≥ 0 and not NaN (+∞ is the worst).
    /// </summary>
    public static bool ConstrainedDominates(ReadOnlySpan<double> a, double violationA, ReadOnlySpan<double> b, double violationB)
    {
        if (violationA == 0) return violationB > 0 || Dominates(a, b);
        return violationB > 0 && violationA < violationB;
    }

    /// <summary>
    /// Fast non-dominated sort under constraint-domination, O(M·N²): writes each point's front (0 = not dominated by
    /// any) into <paramref name="rank"/> and returns the fronts in order, each listing its points by ascending index.
    /// </summary>
    public static int[][] Sort(ReadOnlySpan<double> objectives, int count, int m, ReadOnlySpan<double> violation, Span<int> rank)
    {
        var dominated = new List<int>[count]; // S_p: the points p dominates
        var dominatedBy = new int[count];     // n_p: how many points dominate p
        var current = new List<int>();
        for (int p = 0; p < count; p++)
        {
            dominated[p] = [];
            var fp = objectives.Slice(p * m, m);
            for (int q = 0; q < count; q++)
            {
                if (q == p) continue;
                var fq = objectives.Slice(q * m, m);
                if (ConstrainedDominates(fp, violation[p], fq, violation[q])) dominated[p].Add(q);
                else if (ConstrainedDominates(fq, violation[q], fp, violation[p])) dominatedBy[p]++;
            }
            if (dominatedBy[p] == 0) { rank[p] = 0; current.Add(p); }
        }
        var fronts = new List<int[]>();
        while (current.Count > 0)
        {
            fronts.Add([.. current]);
            var next = new List<int>();
            foreach (int p in current)
            {
                foreach (int q in dominated[p])
                {
                    if (--dominatedBy[q] == 0) { rank[q] = fronts.Count; next.Add(q); }
                }
            }
            next.Sort();
            current = next;
        }
        return [.. fronts];
    }

    /// <summary>
    /// NSGA-II's crowding distance of the points of one <paramref name="front"/>, written at the same positions of
    /// <paramref name="distance"/>: per objective, the points are ordered by value, the two extremes get +∞ and every
    /// other point adds (f[next] − f[previous]) / (f_max − f_min). An objective with no spread adds nothing; a
    /// neighbour with an infinite value makes the distance +∞.
    /// </summary>
    public static void Crowding(ReadOnlySpan<double> objectives, int m, ReadOnlySpan<int> front, Span<double> distance)
    {
        int n = front.Length;
        distance[..n].Clear();
        if (n <= 2)
        {
            distance[..n].Fill(double.PositiveInfinity);
            return;
        }
        var order = new int[n]; // positions in front
        var values = new double[n];
        for (int k = 0; k < m; k++)
        {
            for (int i = 0; i < n; i++) { order[i] = i; values[i] = objectives[front[i] * m + k]; }
            Array.Sort(order, (a, b) => values[a] != values[b] ? values[a].CompareTo(values[b]) : a.CompareTo(b));
            double lo = values[order[0]], hi = values[order[n - 1]];
            distance[order[0]] = double.PositiveInfinity;
            distance[order[n - 1]] = double.PositiveInfinity;
            double range = hi - lo;
            if (!(range > 0) || !double.IsFinite(range)) continue;
            for (int i = 1; i < n - 1; i++)
            {
                double gap = values[order[i + 1]] - values[order[i - 1]];
                distance[order[i]] += double.IsFinite(gap) ? gap / range : double.PositiveInfinity;
            }
        }
    }

    /// <summary>
    /// Area dominated by <paramref name="points"/> (both coordinates minimized) and bounded by
    /// <paramref name="reference"/>: the union of the boxes [x, r_x] × [y, r_y]. Points not strictly better than the
    /// reference in both coordinates add nothing; dominated points and duplicates add nothing. Sorted by x, each point
    /// adds (r_x − x)·(y_best − y) where y_best is the lowest y so far (r_y at first).
    /// </summary>
    public static double Hypervolume2D(IEnumerable<(double X, double Y)> points, (double X, double Y) reference)
    {
        var inside = points.Where(p => p.X < reference.X && p.Y < reference.Y)
            .OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        double volume = 0, yBest = reference.Y;
        foreach (var (x, y) in inside)
        {
            if (y >= yBest) continue;
            volume += (reference.X - x) * (yBest - y);
            yBest = y;
        }
        return volume;
    }
}
