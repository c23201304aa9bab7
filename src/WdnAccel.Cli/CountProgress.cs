using System.Diagnostics;
using System.Globalization;

namespace WdnAccel.Cli;

/// <summary>"what: done/total, rate, time left" on a <see cref="StatusLine"/> for runs that count finished items.</summary>
public sealed class CountProgress(CommandContext context, string what, int total) : IProgress<int>
{
    private readonly StatusLine _line = new(context.Error, context.Interactive, TimeSpan.FromSeconds(1));
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    private int _most = -1;

    public void Report(int done)
    {
        lock (_gate)
        {
            // Threads report as their own blocks finish, so counts can arrive out of order: never draw a count below one
            // already shown, nor anything after the final one (a terminal line would reopen after its newline).
            if (done <= _most) return;
            _most = done;
            var elapsed = _watch.Elapsed;
            _line.Draw(elapsed, () => string.Format(CultureInfo.InvariantCulture, "{0}: {1}/{2}, {3:F1}/s, {4}   ",
                what, done, total, done / Math.Max(elapsed.TotalSeconds, 1e-9), StatusLine.TimeLeft(elapsed, (double)done / total)), final: done == total);
            if (done == total) _line.Finish();
        }
    }
}
