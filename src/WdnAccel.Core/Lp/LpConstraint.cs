namespace WdnAccel.Core.Lp;

/// <summary>
/// A row Lower ≤ Σ a_j x_j ≤ Upper with exact coefficients (null bound = infinite). <see cref="Sense"/> records
/// the form it was written in (≤, ≥, =, range).
/// </summary>
public sealed record LpConstraint(string Name, IReadOnlyList<LpTerm> Terms, Rational? Lower, Rational? Upper, LpRowSense Sense);
