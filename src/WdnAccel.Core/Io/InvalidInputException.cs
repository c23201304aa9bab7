namespace WdnAccel.Core.Io;

/// <summary>
/// Bad input: names the place (file, line, field) and what was expected. The CLI maps it to exit code 2
/// and prints <see cref="Exception.Message"/> only, never a stack trace.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public string? File { get; }
    public int? Line { get; }
    public string? Field { get; }
    public string Problem { get; }

    public InvalidInputException(string problem, string? file = null, int? line = null, string? field = null, Exception? inner = null)
        : base(Format(problem, file, line, field), inner)
    {
        Problem = problem;
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>The same problem, located in <paramref name="file"/> (for readers that parse bytes without knowing the path).</summary>
    public InvalidInputException InFile(string file) => File is null ? new(Problem, file, Line, Field, InnerException) : this;

    private static string Format(string problem, string? file, int? line, string? field)
    {
        var where = new List<string>();
        if (file is not null) where.Add(file);
        if (line is not null) where.Add($"line {line}");
        if (field is not null) where.Add($"field '{field}'");
        return where.Count == 0 ? problem : $"{string.Join(", ", where)}: {problem}";
    }
}
