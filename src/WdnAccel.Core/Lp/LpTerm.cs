namespace WdnAccel.Core.Lp;

/// <summary>One nonzero of a sparse row: variable index and exact coefficient.</summary>
public readonly record struct LpTerm(int Variable, Rational Coefficient);
