using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>Points of piecewise-linear curves (x ascending), read by index: host lists and the GGA's curve tables alike.</summary>
public interface ICurvePoints
{
    double CurveFlow(int point);
    double CurveHead(int point);
}

/// <summary>A host list of curve points as <see cref="ICurvePoints"/>.</summary>
public readonly struct PointList(IReadOnlyList<Point2> points) : ICurvePoints
{
    private readonly IReadOnlyList<Point2> _points = points;
    public double CurveFlow(int point) => _points[point].X;
    public double CurveHead(int point) => _points[point].Y;
}

/// <summary>
/// EPANET 2.2's curvecoeff (hydcoeffs.c): the intercept and slope of the segment of a piecewise-linear curve that holds
/// x, the first or last segment beyond its ends. Used for custom (multi-point) pump curves and GPV head-loss curves;
/// plain arithmetic, so the ILGPU kernels compile it too.
/// </summary>
public static class CurveSegment
{
    /// <summary>The segment of points [<paramref name="first"/>, <paramref name="end"/>) (at least two) that brackets <paramref name="x"/>.</summary>
    public static void Find<TPoints>(TPoints points, int first, int end, double x, out double h0, out double r) where TPoints : struct, ICurvePoints
    {
        int k2 = first;
        while (k2 < end && points.CurveFlow(k2) < x) k2++;
        if (k2 == first) k2++;
        else if (k2 == end) k2--;
        int k1 = k2 - 1;
        double x1 = points.CurveFlow(k1), y1 = points.CurveHead(k1);
        r = (points.CurveHead(k2) - y1) / (points.CurveFlow(k2) - x1);
        h0 = y1 - r * x1;
    }

    /// <inheritdoc cref="Find{TPoints}"/>
    public static (double H0, double R) Find(IReadOnlyList<Point2> points, double x)
    {
        Find(new PointList(points), 0, points.Count, x, out double h0, out double r);
        return (h0, r);
    }
}
