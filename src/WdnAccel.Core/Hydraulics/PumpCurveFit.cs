using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Fits a pump head curve to h = h0 − r·Qⁿ as EPANET 2.2 does (src/epanet.c / input1.c `powercurve`):
/// one point (q1, h1) means h0 = 1.33334·h1 and zero head at 2·q1; three points with the first at Q = 0
/// are fitted exactly. The exponent is accepted in (0, 20] as in EPANET.
/// </summary>
public static class PumpCurveFit
{
    /// <summary>Whether EPANET fits the curve as a power function (one point, or three with the first at Q = 0); any other is custom, followed segment by segment.</summary>
    public static bool IsPowerCurve(Curve curve) => curve.Points.Count == 1 || (curve.Points.Count == 3 && curve.Points[0].X == 0);

    /// <summary>
    /// What EPANET refuses in a pump head curve (input1.c updatepumpparams, error 227), or null: a power curve it cannot
    /// fit, or a custom one whose flows do not increase or heads do not decrease.
    /// </summary>
    public static string? Problem(Curve curve)
    {
        if (IsPowerCurve(curve)) return Fit(curve) is null ? $"curve '{curve.Id}' is not a valid power-function pump curve" : null;
        var pts = curve.Points;
        if (pts.Count < 2) return $"curve '{curve.Id}' has no points";
        for (int k = 1; k < pts.Count; k++)
        {
            if (!(pts[k].Y < pts[k - 1].Y) || !(pts[k].X > pts[k - 1].X))
                return $"custom curve '{curve.Id}' must have increasing flows and decreasing heads";
        }
        return null;
    }

    /// <returns>(h0, r, n, design flow), or null when the curve is not a power function EPANET would accept.</returns>
    public static (double H0, double R, double N, double DesignFlow)? Fit(Curve curve)
    {
        var p = curve.Points;
        double h0, h1, h2, q1, q2;
        if (p.Count == 1)
        {
            q1 = p[0].X; h1 = p[0].Y;
            h0 = 1.33334 * h1;
            q2 = 2.0 * q1; h2 = 0.0;
        }
        else if (p.Count == 3 && p[0].X == 0.0)
        {
            h0 = p[0].Y; q1 = p[1].X; h1 = p[1].Y; q2 = p[2].X; h2 = p[2].Y;
        }
        else
        {
            return null;
        }
        const double tiny = 1e-6;
        if (h0 < tiny || h0 - h1 < tiny || h1 - h2 < tiny || q1 < tiny * 1e-3 || q2 - q1 < tiny * 1e-3) return null;
        double n = Math.Log((h0 - h2) / (h0 - h1)) / Math.Log(q2 / q1);
        if (!(n > 0) || n > 20) return null;
        double r = (h0 - h1) / Math.Pow(q1, n);
        return (h0, r, n, q1);
    }
}
