using WdnAccel.Core.Io;

namespace WdnAccel.Cli;

/// <summary>Where a verb writes: stdout for results, stderr for progress, warnings and errors. Tests pass string writers.</summary>
public sealed class CommandContext(TextWriter stdout, TextWriter stderr, bool interactive = false)
{
    public TextWriter Out { get; } = stdout;
    public TextWriter Error { get; } = stderr;

    /// <summary>True when stderr is a terminal: progress lines may be drawn.</summary>
    public bool Interactive { get; } = interactive;

    private readonly List<JsonWarning> _warnings = [];

    /// <summary>Warnings given so far, for the "warnings" key of JSON answers.</summary>
    public IReadOnlyList<JsonWarning> Warnings => _warnings;

    /// <summary>
    /// A warning on stderr and in the JSON answer: <paramref name="code"/> says what kind (scripts filter on it),
    /// <paramref name="where"/> names the file, element or field it concerns when there is one.
    /// </summary>
    public void Warn(string message, string code = "input", string? where = null)
    {
        _warnings.Add(new JsonWarning(code, message, where));
        Error.WriteLine($"warning: {message}");
    }

    /// <summary>A JSON answer: the document <paramref name="write"/> produces, with the warnings given so far.</summary>
    public string Json(Action<System.Text.Json.Utf8JsonWriter> write) => JsonOutput.WithWarnings(JsonOutput.Build(write), _warnings);

    /// <summary>
    /// Writes a JSON answer onto <see cref="Out"/> as it is produced, with the warnings given so far and a final
    /// newline: the same text as <c>Out.WriteLine(Json(write))</c> without the document in memory.
    /// </summary>
    public void WriteJson(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        using (var stream = new BufferedStream(new TextWriterStream(Out), 1 << 16))
        {
            JsonOutput.WriteTo(stream, write, _warnings);
        }
        Out.WriteLine();
    }

    /// <summary>
    /// Writes a side file the user asked for (a plot, a CSV, a model, an exported network) whole, through a temporary
    /// file, and says where on stderr, as the verbs that write their answer to --out do.
    /// </summary>
    public void WriteSideFile(string path, string text, string field)
    {
        OutputFile.WriteAllText(path, text, field);
        Wrote(path);
    }

    /// <summary>
    /// "wrote PATH" on stderr: every file a verb writes is named there, as the user gave it (`--out`, `--plot`, …),
    /// except the process's own stdout (`--out /dev/stdout`), which is the answer itself.
    /// </summary>
    public void Wrote(string path)
    {
        if (!IsStdout(path)) Error.WriteLine($"wrote {path}");
    }

    /// <summary>Whether <paramref name="path"/> is this process's standard output.</summary>
    internal static bool IsStdout(string path) => Path.GetFullPath(path) is "/dev/stdout" or "/dev/fd/1" or "/proc/self/fd/1";

    /// <summary>Copies a UTF-8 file onto <see cref="Out"/> followed by a newline (an answer already written to --out).</summary>
    public void CopyToOut(string path)
    {
        using (var file = File.OpenRead(path))
        using (var stream = new TextWriterStream(Out))
        {
            file.CopyTo(stream, 1 << 16);
        }
        Out.WriteLine();
    }
}
