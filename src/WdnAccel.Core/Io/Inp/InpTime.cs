using System.Globalization;

namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// EPANET's time values (input2.c hour): a decimal number of hours, optionally with units SEC, MIN, HOURS or DAYS, or
/// a clock reading h:mm or h:mm:ss, optionally followed by AM or PM (12 AM is midnight, 12 PM noon).
/// </summary>
internal static class InpTime
{
    /// <summary>The time in hours, or null when <paramref name="time"/> with <paramref name="units"/> is not a time EPANET reads.</summary>
    public static double? Hours(string time, string units)
    {
        var parts = time.Split(':');
        if (parts.Length > 3) return null;
        var y = new double[3];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out y[i]) || !double.IsFinite(y[i])) return null;
        }
        if (parts.Length == 1)
        {
            if (units.Length == 0) return y[0];
            if (InpKeywords.Is(units, "SEC")) return y[0] / 3600.0;
            if (InpKeywords.Is(units, "MIN")) return y[0] / 60.0;
            if (InpKeywords.Is(units, "HOU")) return y[0];
            if (InpKeywords.Is(units, "DAY")) return y[0] * 24.0;
        }
        else
        {
            y[0] += y[1] / 60.0 + y[2] / 3600.0;
        }
        if (units.Length == 0) return y[0];
        if (InpKeywords.Is(units, "AM")) return y[0] >= 13 ? null : y[0] >= 12 ? y[0] - 12 : y[0];
        if (InpKeywords.Is(units, "PM")) return y[0] >= 13 ? null : y[0] >= 12 ? y[0] : y[0] + 12;
        return null;
    }

    /// <summary>Whole seconds of a time in hours, rounded as EPANET does (<c>(long)(3600·h + 0.5)</c>).</summary>
    public static double Seconds(double hours) => Math.Floor(3600.0 * hours + 0.5);

    /// <summary>A time in seconds as EPANET's h:mm:ss, which <see cref="Hours"/> reads back to the same whole second.</summary>
    public static string Clock(double seconds)
    {
        long s = (long)Math.Round(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}");
    }
}
