namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Scalar reference formulas for one link, SI units (m, m³/s, s). These are the oracle that every SIMD and
/// OpenCL kernel is tested against (DESIGN.md section 5).
/// </summary>
public static class LinkFormulas
{
    /// <summary>Hazen–Williams flow exponent n of h = r·Q|Q|^(n−1).</summary>
    public const double HazenWilliamsFlowExponent = 1.852;

    /// <summary>Hazen–Williams diameter exponent.</summary>
    public const double HazenWilliamsDiameterExponent = 4.871;

    /// <summary>
    /// Gravity as EPANET uses it (32.2 ft/s² = 9.81456 m/s²): EPANET's minor-loss coefficient 0.02517·K/D⁴ (ft)
    /// is 8K/(π²·g·D⁴) with this g, so minor losses match EPANET to the last digit.
    /// </summary>
    public const double Gravity = 32.2 * 0.3048;

    /// <summary>Kinematic viscosity of water at 20 °C, m²/s (seed 001; DESIGN.md section 5).</summary>
    public const double WaterViscosity20C = 1.004e-6;

    /// <summary>Seed 001: laminar below this Reynolds number.</summary>
    public const double LaminarLimit = 2000;

    /// <summary>Seed 001: turbulent from this Reynolds number on.</summary>
    public const double TurbulentLimit = 4000;

    /// <summary>Hazen–Williams resistance r = ω·L / (C^1.852·D^4.871), so that h = r·Q|Q|^0.852 (h in m, Q in m³/s).</summary>
    public static double HazenWilliamsResistance(double omega, double length, double diameter, double roughnessC) =>
        omega * length / (Math.Pow(roughnessC, HazenWilliamsFlowExponent) * Math.Pow(diameter, HazenWilliamsDiameterExponent));

    /// <summary>Hazen–Williams head loss in m, signed with the flow: h = ω·L·Q|Q|^0.852 / (C^1.852·D^4.871).</summary>
    public static double HazenWilliamsHeadLoss(double omega, double length, double diameter, double roughnessC, double flow) =>
        HazenWilliamsResistance(omega, length, diameter, roughnessC) * flow * Math.Pow(Math.Abs(flow), HazenWilliamsFlowExponent - 1);

    /// <summary>Minor-loss coefficient m = 8K/(π²·g·D⁴), so that h_m = m·Q|Q| = K·v²/2g.</summary>
    public static double MinorLossCoefficient(double k, double diameter) =>
        8.0 * k / (Math.PI * Math.PI * Gravity * Math.Pow(diameter, 4));

    /// <summary>Minor head loss in m, signed with the flow: K·v|v|/2g.</summary>
    public static double MinorHeadLoss(double k, double diameter, double flow) =>
        MinorLossCoefficient(k, diameter) * flow * Math.Abs(flow);

    /// <summary>Mean velocity v = 4Q/(πD²) in m/s, signed with the flow.</summary>
    public static double Velocity(double flow, double diameter) => 4.0 * flow / (Math.PI * diameter * diameter);

    /// <summary>Reynolds number Re = |v|·D/ν.</summary>
    public static double Reynolds(double flow, double diameter, double viscosity = WaterViscosity20C) =>
        Math.Abs(Velocity(flow, diameter)) * diameter / viscosity;

    /// <summary>Regime class of seed 001: laminar &lt; 2000 ≤ transitional &lt; 4000 ≤ turbulent.</summary>
    public static FlowRegime Regime(double reynolds) =>
        reynolds < LaminarLimit ? FlowRegime.Laminar
        : reynolds < TurbulentLimit ? FlowRegime.Transitional
        : FlowRegime.Turbulent;
}
