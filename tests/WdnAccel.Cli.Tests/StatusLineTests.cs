namespace WdnAccel.Cli.Tests;

/// <summary>The terminal status line shared by optimize and paths: first draw, half-second throttle, closing newline.</summary>
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
}
