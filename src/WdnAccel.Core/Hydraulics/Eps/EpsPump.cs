using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// A pump as the extended-period engine needs it (SI). Head gain at speed s: power curve H0·s² − R·s^(2−N)·|Q|^N;
/// custom curve: the segment of <see cref="Curve"/> holding Q/s, scaled by the affinity laws; constant power:
/// <see cref="R"/>·s³/Q with R = <see cref="GgaConstants.ConstantPowerCoefficient"/>·P. <see cref="ShutoffHead"/> is
/// the head above which the pump closes (EPANET Hmax); <see cref="DesignFlow"/> its initial flow at speed 1.
/// </summary>
public sealed record EpsPump(
    int Link,
    EpsPumpKind Kind,
    double H0,
    double R,
    double N,
    double ShutoffHead,
    double DesignFlow,
    IReadOnlyList<Point2>? Curve,
    int SpeedPattern,
    IReadOnlyList<Point2>? EfficiencyCurve,
    double Price,
    int PricePattern);
