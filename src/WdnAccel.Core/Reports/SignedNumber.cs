using System.Globalization;

namespace WdnAccel.Core.Reports;

/// <summary>
/// A change or difference with its sign always shown ("+1.11", "-1.67"), for the text reports. One place, because
/// the custom format "+0.00;-0.00" prints "-+0.00" for a small negative value (.NET keeps the minus of a negative
/// number that rounds to zero, then adds the section's own "+"): here anything that rounds to zero, negative zero
/// included, is "+0.00".
/// </summary>
public static class SignedNumber
{
    /// <summary><paramref name="value"/> with <paramref name="decimals"/> decimals and a leading '+' or '-'; NaN and ±∞ as .NET writes them.</summary>
    public static string Format(double value, int decimals = 2)
    {
        string text = value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (!double.IsFinite(value)) return text;
        if (!text.StartsWith('-')) return "+" + text;
        return text.AsSpan(1).ContainsAnyExcept("0.") ? text : "+" + text[1..];
    }
}
