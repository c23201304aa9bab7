namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>EPANET 2.2's pump curve types: a fitted power function, a piecewise-linear custom curve, or constant power.</summary>
public enum EpsPumpKind
{
    PowerCurve,
    Custom,
    ConstantPower,
}
