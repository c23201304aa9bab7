namespace WdnAccel.Core.Lp;

/// <summary>Simplex status of a column: basic, or nonbasic at a bound (a free nonbasic sits at zero).</summary>
internal enum VarStatus : byte
{
    Basic,
    AtLower,
    AtUpper,
    Zero,
}
