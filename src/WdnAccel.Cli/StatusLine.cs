namespace WdnAccel.Cli;

/// <summary>
/// One self-overwriting status line on a terminal for long runs (optimize generations, Floyd–Warshall steps):
/// redrawn at most every half second, from <paramref name="firstAfter"/> on, and closed with a newline only if it
/// was drawn.
/// </summary>
public sealed class StatusLine(TextWriter error, TimeSpan firstAfter = default)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(0.5);
    private TimeSpan _last = TimeSpan.MinValue;
    private bool _drawn;

    /// <summary>Draws <paramref name="text"/> unless the run is younger than firstAfter or the last draw is recent.</summary>
    public void Draw(TimeSpan elapsed, Func<string> text)
    {
        if (elapsed < firstAfter || (_drawn && elapsed - _last < Interval)) return;
        _last = elapsed;
        _drawn = true;
        error.Write("\r" + text());
    }

    public void Finish()
    {
        if (_drawn) error.WriteLine();
    }
}
