namespace WdnAccel.Cli;

/// <summary>
/// Progress of a long run (optimize generations, Floyd–Warshall steps, batch jobs) on stderr. On a terminal: one
/// self-overwriting line, redrawn at most every half second from <paramref name="firstAfter"/> on, closed with a
/// newline only if it was drawn. To a file or pipe (cluster logs): a plain line every <see cref="PlainInterval"/>,
/// so a run that ends sooner prints nothing, unless a report is marked final.
/// </summary>
public sealed class StatusLine(TextWriter error, bool interactive = true, TimeSpan firstAfter = default)
{
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.5);
    private TimeSpan _last = TimeSpan.MinValue;
    private TimeSpan _lastPlain = TimeSpan.Zero;
    private bool _drawn;

    /// <summary>Shows <paramref name="text"/> when it is due; <paramref name="final"/> shows it on a file or pipe regardless.</summary>
    public void Draw(TimeSpan elapsed, Func<string> text, bool final = false)
    {
        if (!interactive)
        {
            if (!final && elapsed - _lastPlain < PlainInterval) return;
            _lastPlain = elapsed;
            error.WriteLine(text().TrimEnd());
            return;
        }
        if (elapsed < firstAfter || (_drawn && elapsed - _last < Interval)) return;
        _last = elapsed;
        _drawn = true;
        error.Write("\r" + text());
    }

    public void Finish()
    {
        if (_drawn) error.WriteLine();
    }

    /// <summary>"~12 s left" / "~3.4 min left" from the share done so far; empty before anything is done.</summary>
    public static string TimeLeft(TimeSpan elapsed, double shareDone)
    {
        if (!(shareDone > 0)) return "";
        double left = elapsed.TotalSeconds * (1 / Math.Min(shareDone, 1) - 1);
        return left < 120 ? $"~{left:F0} s left" : left < 7200 ? $"~{left / 60:F1} min left" : $"~{left / 3600:F1} h left";
    }
}
