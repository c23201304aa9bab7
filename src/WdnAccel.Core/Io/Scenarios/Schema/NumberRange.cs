namespace WdnAccel.Core.Io.Scenarios.Schema;

/// <summary>What a number field accepts: any finite number, a non-negative one, or a positive one (NaN and ±∞ never).</summary>
internal enum NumberRange
{
    Finite,
    NonNegative,
    Positive,
}
