namespace WdnAccel.Core.Lp;

/// <summary>A basis of the <see cref="StandardForm"/>: head[r] is the column at position r, plus every column's status.</summary>
internal sealed record SimplexBasis(int[] Head, VarStatus[] Status);
