namespace WdnAccel.Core.Lp;

/// <summary>
/// A column: exact bounds (null = infinite: <see cref="Lower"/> null is −∞, <see cref="Upper"/> null is +∞),
/// exact objective coefficient and whether it is integer.
/// </summary>
public sealed record LpVariable(string Name, Rational? Lower, Rational? Upper, Rational Cost, bool IsInteger = false)
{
    public double LowerDouble => Lower is { } l ? l.ToDouble() : double.NegativeInfinity;
    public double UpperDouble => Upper is { } u ? u.ToDouble() : double.PositiveInfinity;
}
