namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>A compiled rule action: open or close <see cref="Link"/> (<see cref="Status"/>), or change its <see cref="Setting"/> (NaN = none).</summary>
public sealed record EpsRuleAction(int Link, EpsStatus? Status, double Setting);
