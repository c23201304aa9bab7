using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Fits a pump head curve to h = h0 − r·Qⁿ as EPANET 2.2 does (src/epanet.c / input1.c `powercurve`):
/// one point (q1, h1) means h0 = 1.33334·h1 and zero head at 2·q1; three points with the first at Q = 0
/// are fitted exactly. The exponent is accepted in (0, 20] as in EPANET.
/// </summary>
public static class PumpCurveFit
{
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
