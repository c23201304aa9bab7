namespace WdnAccel.Cli.Tests;

/// <summary>The progress line shared by optimize, paths and batch: on a terminal, a redrawn line; to a file, a plain line every 5 s.</summary>
public class StatusLineTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Draws_after_the_delay_at_most_every_half_second_and_closes_with_a_newline()
    {
        var error = new StringWriter();
        var line = new StatusLine(error, firstAfter: S(1));
        line.Draw(S(0.4), () => "a");  // before the first second: nothing
        line.Draw(S(1.0), () => "b");
        line.Draw(S(1.3), () => "c");  // within half a second of b
        line.Draw(S(1.6), () => "d");
        line.Finish();
        Assert.Equal("\rb\rd" + Environment.NewLine, error.ToString());
    }

    [Fact]
    public void A_line_never_drawn_leaves_no_trace()
    {
        var error = new StringWriter();
        var line = new StatusLine(error, firstAfter: S(1));
        line.Draw(S(0.2), () => throw new InvalidOperationException("text is only built when drawn"));
        line.Finish();
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void To_a_file_it_writes_a_plain_line_every_five_seconds_and_a_final_one()
    {
        var error = new StringWriter();
        var line = new StatusLine(error, interactive: false);
        line.Draw(S(1), () => "early");    // a short run prints nothing
        line.Draw(S(5.2), () => "five   ");
        line.Draw(S(7), () => "seven");    // within five seconds of the last
        line.Draw(S(10.5), () => "ten");
        line.Draw(S(11), () => "done", final: true);
        line.Finish();
        Assert.Equal(["five", "ten", "done"], error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("\r", error.ToString());
    }

    [Fact]
    public void A_count_reported_late_by_another_thread_is_not_drawn_after_the_final_line()
    {
        // simulate --random-designs: each thread reports its running total as its batch ends, so 7 can arrive after 10.
        var error = new StringWriter();
        var progress = new CountProgress(new CommandContext(new StringWriter(), error, interactive: true), "designs", 10);
        Thread.Sleep(1100); // past the first second, when a terminal line may be drawn
        progress.Report(10);
        Thread.Sleep(600);  // past the half-second redraw interval
        progress.Report(7);
        string text = error.ToString();
        Assert.Contains("designs: 10/10", text);
        Assert.DoesNotContain("7/10", text);
        Assert.EndsWith(Environment.NewLine, text); // the line was closed and stays closed
    }

    [Theory]
    [InlineData(10, 0.5, "~10 s left")]
    [InlineData(60, 0.25, "~3.0 min left")]
    [InlineData(3600, 0.25, "~3.0 h left")]
    [InlineData(5, 0, "")]
    [InlineData(5, 1.5, "~0 s left")]
    public void Time_left_extrapolates_the_share_done(double elapsed, double share, string expected) =>
        Assert.Equal(expected, StatusLine.TimeLeft(S(elapsed), share));
}
