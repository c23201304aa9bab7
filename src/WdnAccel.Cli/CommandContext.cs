namespace WdnAccel.Cli;

/// <summary>Where a verb writes: stdout for results, stderr for progress, warnings and errors. Tests pass string writers.</summary>
public sealed class CommandContext(TextWriter stdout, TextWriter stderr, bool interactive = false)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>True when stderr is a terminal: progress lines may be drawn.</summary>
    public bool Interactive { get; } = interactive;

    public void Warn(string message) => Error.WriteLine($"warning: {message}");
}
