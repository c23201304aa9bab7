using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Scalar reference formulas for one link, SI units (m, m³/s, s). These are the oracle that every SIMD and
/// OpenCL kernel is tested against.
/// </summary>
public static class LinkFormulas
{
    /// <summary>Hazen–Williams flow exponent n of h = r·Q|Q|^(n−1).</summary>
    public const double HazenWilliamsFlowExponent = 1.852;

    /// <summary>Hazen–Williams diameter exponent.</summary>
    public const double HazenWilliamsDiameterExponent = 4.871;

    /// <summary>Gravity as EPANET uses it (32.2 ft/s² = 9.81456 m/s²), e.g. in its Darcy–Weisbach resistance.</summary>
    public const double Gravity = 32.2 * 0.3048;

    /// <summary>
    /// EPANET's minor-loss coefficient 0.02517·K/D⁴ (h in ft, Q in cfs, D in ft; input1.c adjustdata, hydcoeffs.c
    /// tcvcoeff) in SI: h = (0.02517/0.3048)·K·Q²/D⁴. 0.02517 is 8/(π²·32.2) = 0.0251730 rounded, so the exact
    /// 8K/(π²·g·D⁴) would make every minor loss 1.2e-4 larger than EPANET's.
    /// </summary>
    public const double MinorLossFactor = 0.02517 / 0.3048;

    /// <summary>
    /// Kinematic viscosity of water at 20 °C, m²/s (the usual handbook value). The three
    /// 11-node layouts study names ν in its Reynolds number but states no value.
    /// </summary>
    public const double WaterViscosity20C = 1.004e-6;

    /// <summary>EPANET's kinematic viscosity of water, 1.1e-5 ft²/s (src/types.h VISCOS), in m²/s; used by its Darcy–Weisbach.</summary>
    public const double EpanetViscosity = 1.1e-5 * 0.3048 * 0.3048;

    /// <summary>The three 11-node layouts study: laminar below this Reynolds number.</summary>
    public const double LaminarLimit = 2000;

    /// <summary>The three 11-node layouts study: turbulent from this Reynolds number on.</summary>
    public const double TurbulentLimit = 4000;

    /// <summary>Hazen–Williams resistance r = ω·L / (C^1.852·D^4.871), so that h = r·Q|Q|^0.852 (h in m, Q in m³/s).</summary>
    public static double HazenWilliamsResistance(double omega, double length, double diameter, double roughnessC) =>
        HazenWilliamsResistance<HostMath>(omega, length, diameter, roughnessC);

    public static double HazenWilliamsResistance<TMath>(double omega, double length, double diameter, double roughnessC) where TMath : struct, IHydraulicMath =>
        omega * length / (default(TMath).Pow(roughnessC, HazenWilliamsFlowExponent) * default(TMath).Pow(diameter, HazenWilliamsDiameterExponent));

    /// <summary>The flow exponent n of h = r·Q|Q|^(n−1): 1.852 for Hazen–Williams, 2 for Darcy–Weisbach and Chezy–Manning (EPANET's Hexp).</summary>
    public static double PipeFlowExponent(HeadLossModel model) => model == HeadLossModel.HazenWilliams ? HazenWilliamsFlowExponent : 2.0;

    /// <summary>
    /// A pipe's resistance under <paramref name="model"/>: <see cref="HazenWilliamsResistance{TMath}"/> (roughness = C),
    /// <see cref="DarcyWeisbachResistance"/> (the friction factor comes in at each flow) or
    /// <see cref="ChezyManningResistance{TMath}"/> (roughness = Manning's n).
    /// </summary>
    public static double PipeResistance<TMath>(HeadLossModel model, double omega, double length, double diameter, double roughness) where TMath : struct, IHydraulicMath =>
        model == HeadLossModel.DarcyWeisbach ? DarcyWeisbachResistance(length, diameter)
        : model == HeadLossModel.ChezyManning ? ChezyManningResistance<TMath>(length, diameter, roughness)
        : HazenWilliamsResistance<TMath>(omega, length, diameter, roughness);

    /// <inheritdoc cref="PipeResistance{TMath}"/>
    public static double PipeResistance(HeadLossModel model, double omega, double length, double diameter, double roughness) =>
        PipeResistance<HostMath>(model, omega, length, diameter, roughness);

    /// <summary>
    /// EPANET 2.2's Chezy–Manning resistance (hydcoeffs.c resistcoeff, US units: d and L in ft, Q in cfs),
    /// r = (4n/(1.49·π·d²))²·(d/4)^−1.333·L, which is Manning's formula with its 1.49 for 1.486 and −1.333 for −4/3.
    /// In SI (h in m = 0.3048·r·(Q/0.3048³)²) that is r = k·n²·L/D^5.333 with
    /// k = 16·4^1.333/(1.49²·π²)·0.3048^(5.333−6) = <see cref="ChezyManningFactor"/>: EPANET's losses to round-off,
    /// 0.6 % below the textbook SI form's 4^(10/3)/π²·n²·L/D^(16/3).
    /// </summary>
    public static double ChezyManningResistance<TMath>(double length, double diameter, double manningN) where TMath : struct, IHydraulicMath =>
        ChezyManningFactor * manningN * manningN * length / default(TMath).Pow(diameter, ChezyManningDiameterExponent);

    /// <summary>16·4^1.333/(1.49²·π²)·0.3048^(5.333−6), evaluated in double precision (<see cref="ChezyManningResistance{TMath}"/>).</summary>
    public const double ChezyManningFactor = 10.236598949422211;

    /// <summary>EPANET's Chezy–Manning diameter exponent, 4 + 1.333.</summary>
    public const double ChezyManningDiameterExponent = 5.333;

    /// <summary>Hazen–Williams head loss in m, signed with the flow: h = ω·L·Q|Q|^0.852 / (C^1.852·D^4.871).</summary>
    public static double HazenWilliamsHeadLoss(double omega, double length, double diameter, double roughnessC, double flow) =>
        HazenWilliamsResistance(omega, length, diameter, roughnessC) * flow * Math.Pow(Math.Abs(flow), HazenWilliamsFlowExponent - 1);

    /// <summary>
    /// A pipe's friction head loss in m at <paramref name="flow"/>, signed with it, under <paramref name="model"/>:
    /// r·Q|Q|^(n−1) with <see cref="PipeResistance"/>, the Darcy–Weisbach friction factor at the flow's Reynolds number.
    /// </summary>
    public static double PipeHeadLoss(HeadLossModel model, double omega, double length, double diameter, double roughness, double flow, double viscosity) =>
        model == HeadLossModel.DarcyWeisbach ? DarcyWeisbachHeadLoss(length, diameter, roughness, flow, viscosity)
        : PipeResistance(model, omega, length, diameter, roughness) * flow * Math.Pow(Math.Abs(flow), PipeFlowExponent(model) - 1);

    /// <summary>Minor-loss coefficient m = <see cref="MinorLossFactor"/>·K/D⁴ (≈ 8K/(π²·g·D⁴)), so that h_m = m·Q|Q| ≈ K·v²/2g.</summary>
    public static double MinorLossCoefficient(double k, double diameter) => MinorLossCoefficient<HostMath>(k, diameter);

    public static double MinorLossCoefficient<TMath>(double k, double diameter) where TMath : struct, IHydraulicMath =>
        MinorLossFactor * k / default(TMath).Pow(diameter, 4);

    /// <summary>Minor head loss in m, signed with the flow: K·v|v|/2g.</summary>
    public static double MinorHeadLoss(double k, double diameter, double flow) =>
        MinorLossCoefficient(k, diameter) * flow * Math.Abs(flow);

    /// <summary>
    /// An emitter's head-loss coefficient ke (m per (m³/s)^qexp) from its discharge coefficient C (m³/s per m^γ) and
    /// qexp = 1/γ: h = ke·q^qexp with ke = C^(−qexp), at least EPANET's CSMALL (1e-6 in ft and cfs), as EPANET 2.2's
    /// emitterheadloss takes MAX(CSMALL, Ke).
    /// </summary>
    public static double EmitterResistance(double coefficient, double qexp) =>
        Math.Max(GgaConstants.CSmallFt * Units.MetersPerFoot / Math.Pow(Units.CubicMetersPerCubicFoot, qexp), Math.Pow(coefficient, -qexp));

    /// <summary>Mean velocity v = 4Q/(πD²) in m/s, signed with the flow.</summary>
    public static double Velocity(double flow, double diameter) => 4.0 * flow / (Math.PI * diameter * diameter);

    /// <summary>Reynolds number Re = |v|·D/ν.</summary>
    public static double Reynolds(double flow, double diameter, double viscosity = WaterViscosity20C) =>
        Math.Abs(Velocity(flow, diameter)) * diameter / viscosity;

    /// <summary>Regime class of the three 11-node layouts study: laminar &lt; 2000 ≤ transitional &lt; 4000 ≤ turbulent.</summary>
    public static FlowRegime Regime(double reynolds) =>
        reynolds < LaminarLimit ? FlowRegime.Laminar
        : reynolds < TurbulentLimit ? FlowRegime.Transitional
        : FlowRegime.Turbulent;

    /// <summary>
    /// Darcy–Weisbach friction factor as EPANET 2.2 computes it (src/hydcoeffs.c): 64/Re (Hagen–Poiseuille) up to
    /// Re = 2000; Swamee–Jain's explicit Colebrook–White approximation f = 0.25 / log10(ε/3.7D + 5.74/Re^0.9)² from
    /// Re = 4000; in between, Dunlop's cubic in Re/2000 that meets 64/Re at 2000 and Swamee–Jain at 4000.
    /// <paramref name="relativeRoughness"/> is ε/D. Also returns df/dRe, which the GGA's head-loss gradient needs.
    /// </summary>
    public static double DarcyWeisbachFrictionFactor(double reynolds, double relativeRoughness, out double dfdRe) =>
        DarcyWeisbachFrictionFactor<HostMath>(reynolds, relativeRoughness, out dfdRe);

    public static double DarcyWeisbachFrictionFactor<TMath>(double reynolds, double relativeRoughness, out double dfdRe) where TMath : struct, IHydraulicMath
    {
        double re = reynolds;
        if (re <= LaminarLimit)
        {
            if (re <= 0) { dfdRe = 0; return 0; }
            dfdRe = -64.0 / (re * re);
            return 64.0 / re;
        }
        const double a9 = -2.0 / 2.302585092994046; // −2/ln 10: y3 = a9·ln(y2) = −2·log10(y2)
        double e = relativeRoughness / 3.7;
        if (re >= TurbulentLimit)
        {
            double y1 = 5.74 / default(TMath).Pow(re, 0.9);
            double y2 = e + y1;
            double y3 = a9 * default(TMath).Log(y2);
            double f = 1.0 / (y3 * y3);
            dfdRe = 1.8 * f * y1 * a9 / y2 / y3 / re;
            return f;
        }
        // Dunlop's interpolation: fa = Swamee–Jain at Re = 4000, fb shapes the slope there; r = Re / 2000 in [1, 2].
        double ab = 5.74 / default(TMath).Pow(TurbulentLimit, 0.9);
        double z2 = e + ab;
        double z3 = a9 * default(TMath).Log(z2);
        double fa = 1.0 / (z3 * z3);
        double fb = (2.0 + 0.9 * 2.0 * a9 * ab / (z2 * z3)) * fa;
        double r = re / LaminarLimit;
        double x1 = 7.0 * fa - fb;
        double x2 = 0.128 - 17.0 * fa + 2.5 * fb;
        double x3 = -0.128 + 13.0 * fa - 2.0 * fb;
        double x4 = 0.032 - 3.0 * fa + 0.5 * fb;
        dfdRe = (x2 + r * (2.0 * x3 + r * 3.0 * x4)) / LaminarLimit;
        return x1 + r * (x2 + r * (x3 + r * x4));
    }

    /// <summary>Darcy–Weisbach friction factor for a flow (m³/s) in a pipe of diameter D and absolute roughness ε (m).</summary>
    public static double DarcyWeisbachFrictionFactor(double flow, double diameter, double roughness, double viscosity = EpanetViscosity) =>
        DarcyWeisbachFrictionFactor(Reynolds(flow, diameter, viscosity), roughness / diameter, out _);

    /// <summary>Darcy–Weisbach resistance L/(2g·D·A²), so that h = f·r·Q|Q|.</summary>
    public static double DarcyWeisbachResistance(double length, double diameter)
    {
        double area = Math.PI * diameter * diameter / 4.0;
        return length / (2.0 * Gravity * diameter * area * area);
    }

    /// <summary>Darcy–Weisbach head loss in m, signed with the flow: h = f·(L/D)·v²/2g, f as <see cref="DarcyWeisbachFrictionFactor"/>.</summary>
    public static double DarcyWeisbachHeadLoss(double length, double diameter, double roughness, double flow, double viscosity = EpanetViscosity)
    {
        double v = Velocity(flow, diameter);
        return DarcyWeisbachFrictionFactor(flow, diameter, roughness, viscosity) * length / diameter * v * Math.Abs(v) / (2.0 * Gravity);
    }
}
