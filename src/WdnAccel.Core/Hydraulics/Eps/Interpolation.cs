using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>Piecewise-linear interpolation over curve points, held constant beyond the ends (EPANET 2.2's interp()).</summary>
public static class Interpolation
{
    public static double Linear(IReadOnlyList<Point2> points, double x, Func<Point2, double> xs, Func<Point2, double> ys)
    {
        int n = points.Count;
        if (x <= xs(points[0])) return ys(points[0]);
        for (int k = 1; k < n; k++)
        {
            if (xs(points[k]) < x) continue;
            double dx = xs(points[k]) - xs(points[k - 1]);
            if (Math.Abs(dx) < 1e-12) return ys(points[k]);
            return ys(points[k]) - (xs(points[k]) - x) * (ys(points[k]) - ys(points[k - 1])) / dx;
        }
        return ys(points[n - 1]);
    }
}
