namespace WdnAccel.Core.Model;

/// <summary>
/// Unit conversions at the edges (the model is SI inside). Flow factors are EPANET 2.2's own
/// (src/types.h: LPSperCFS = 28.317, ...), so a network read from .inp is simulated with exactly the
/// flows EPANET simulates; 1 LPS is therefore 0.99999458e-3 m³/s, not 1e-3. Lengths use the exact foot.
/// </summary>
public static class Units
{
    public const double MetersPerFoot = 0.3048;
    public const double CubicMetersPerCubicFoot = MetersPerFoot * MetersPerFoot * MetersPerFoot;
    public const double KilowattsPerHorsepower = 0.7457;
    public const double MetersPerInch = 0.0254;

    /// <summary>
    /// EPANET's Hazen–Williams 4.727 (h in ft, L in ft, D in ft, Q in cfs) in SI:
    /// ω = 4.727 · 0.3048^(4.871 − 3·1.852) ≈ 10.667.
    /// </summary>
    public static readonly double EpanetHazenWilliamsOmegaSi = 4.727 * Math.Pow(MetersPerFoot, 4.871 - 3 * 1.852);

    /// <summary>How many of <paramref name="units"/> make one cubic foot per second (EPANET 2.2 src/types.h; CMS as EPANET 2.3).</summary>
    public static double PerCfs(FlowUnits units) => units switch
    {
        FlowUnits.CFS => 1.0,
        FlowUnits.GPM => 448.831,
        FlowUnits.MGD => 0.64632,
        FlowUnits.IMGD => 0.5382,
        FlowUnits.AFD => 1.9837,
        FlowUnits.LPS => 28.317,
        FlowUnits.LPM => 1699.0,
        FlowUnits.MLD => 2.4466,
        FlowUnits.CMH => 101.94,
        FlowUnits.CMD => 2446.6,
        FlowUnits.CMS => 0.028317,
        _ => throw new ArgumentOutOfRangeException(nameof(units)),
    };

    /// <summary>m³/s per one unit of <paramref name="units"/>.</summary>
    public static double FlowToSi(FlowUnits units) => CubicMetersPerCubicFoot / PerCfs(units);

    /// <summary>US customary units (ft, in, psi, hp) when flows are in CFS, GPM, MGD, IMGD or AFD (EPANET's rule).</summary>
    public static bool IsUsCustomary(FlowUnits units) => units <= FlowUnits.AFD;
}
