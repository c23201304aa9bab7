using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// EPANET 2.2's GGA tolerances (src/hydcoeffs.c, src/hydraul.c, src/types.h), which are stated in ft and cfs,
/// converted once to SI so that our iterations take the same decisions as EPANET's.
/// </summary>
public static class GgaConstants
{
    /// <summary>A head-loss gradient of 1 ft/cfs in m/(m³/s).</summary>
    public const double GradientFtPerCfs = 1.0 / (Units.MetersPerFoot * Units.MetersPerFoot);

    /// <summary>RQtol = 1e-7 ft/cfs: below this gradient the head loss is linearized (low-flow treatment).</summary>
    public const double RQtol = 1e-7 * GradientFtPerCfs;

    /// <summary>CBIG = 1e8 ft/cfs: the head-loss gradient of a closed link (h = CBIG·Q).</summary>
    public const double CBig = 1e8 * GradientFtPerCfs;

    /// <summary>CSMALL = 1e-6 (ft/cfs for a link's gradient; also the floor of an emitter's coefficient in ft and cfs).</summary>
    public const double CSmallFt = 1e-6;

    /// <summary>CSMALL as a gradient, 1e-6 ft/cfs: an open valve without a minor loss, or a constant-power pump whose gradient falls below it.</summary>
    public const double CSmall = CSmallFt * GradientFtPerCfs;

    /// <summary>
    /// EPANET's BIG_NUMBER 1e8 as a conductance, 1e8 cfs/ft: an active PRV or PSV ties the head it controls to its
    /// setting through it, and an active PBV passes its flow through it (hydcoeffs.c prvcoeff, psvcoeff, pbvcoeff).
    /// </summary>
    public const double CBigConductance = 1e8 / GradientFtPerCfs;

    /// <summary>EPANET's TINY = 1e-6 in a GPV's coefficients (gpvcoeff): the least flow (cfs) at which its curve is read and the least slope (ft/cfs).</summary>
    public const double TinyFlow = 1e-6 * Units.CubicMetersPerCubicFoot, TinyGradient = 1e-6 * GradientFtPerCfs;

    /// <summary>
    /// EPANET's constant-power pump coefficient: head gain (ft) = 8.814·P(hp)/Q(cfs) (input1.c, 550 ft·lbf/s per hp over
    /// 62.4 lbf/ft³). In SI with P in kW: gain (m) = ConstantPowerCoefficient·P/Q(m³/s).
    /// </summary>
    public const double ConstantPowerCoefficient = 8.814 * Units.MetersPerFoot / Units.KilowattsPerHorsepower * Units.CubicMetersPerCubicFoot;

    /// <summary>Htol = 0.0005 ft: head tolerance of the check-valve and pump status checks.</summary>
    public const double Htol = 0.0005 * Units.MetersPerFoot;

    /// <summary>Qtol = 0.0001 cfs: flow tolerance of the check-valve status check.</summary>
    public const double Qtol = 1e-4 * Units.CubicMetersPerCubicFoot;

    /// <summary>QZERO = 1e-6 cfs: initial flow of a closed link.</summary>
    public const double QZero = 1e-6 * Units.CubicMetersPerCubicFoot;

    /// <summary>Initial velocity of open pipes: 1 ft/s (EPANET initlinkflow).</summary>
    public const double InitialVelocity = Units.MetersPerFoot;

    /// <summary>
    /// EPANET initlinkflow's start flow of an open pipe, π·D²/4·v₀, in one place for every solver that starts cold
    /// (plain double arithmetic, so GPU kernels call it too). The operation order is part of the result: solvers are
    /// compared bit for bit.
    /// </summary>
    public static double StartFlow(double diameter) => Math.PI * diameter * diameter / 4.0 * InitialVelocity;

    /// <summary>EPANET 2.2 pdaconverged's tolerances: 0.001 cfs of demand, 0.001 ft of pressure.</summary>
    public const double PdaDemandTolerance = 1e-3 * Units.CubicMetersPerCubicFoot, PdaPressureTolerance = 1e-3 * Units.MetersPerFoot;

    /// <summary>
    /// EPANET 2.2 pdaconverged, one junction: a pressure-driven demand <paramref name="d"/> is settled unless it is negative,
    /// or positive at a pressure below the minimum (<paramref name="pressureAboveMinimum"/> &lt; 0), beyond the tolerances.
    /// </summary>
    public static bool PressureDrivenDemandSettled(double d, double pressureAboveMinimum) =>
        !(d < -PdaDemandTolerance) && !(d > PdaDemandTolerance && pressureAboveMinimum < -PdaPressureTolerance);
}
