using WdnAccel.Core.Io;

namespace WdnAccel.Cli;

/// <summary>Where a verb writes: stdout for results, stderr for progress, warnings and errors. Tests pass string writers.</summary>
public sealed class CommandContext(TextWriter stdout, TextWriter stderr, bool interactive = false)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>True when stderr is a terminal: progress lines may be drawn.</summary>
    public bool Interactive { get; } = interactive;

    private readonly List<string> _warnings = [];

    /// <summary>Warnings given so far, for the "warnings" key of JSON answers.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void Warn(string message)
    {
        _warnings.Add(message);
        Error.WriteLine($"warning: {message}");
    }

    /// <summary>A JSON answer: the document <paramref name="write"/> produces, with the warnings given so far.</summary>
    public string Json(Action<System.Text.Json.Utf8JsonWriter> write) => JsonOutput.WithWarnings(JsonOutput.Build(write), _warnings);
}
