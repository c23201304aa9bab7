namespace WdnAccel.Core.Io;

/// <summary>One field of a CSV file the program writes (bench, front, batch summaries, the layouts study's tables).</summary>
public static class CsvField
{
    /// <summary>RFC 4180: quoted when it holds a comma, quote or line break, with its quotes doubled; else as it is.</summary>
    public static string Of(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
