namespace WdnAccel.Core.Io;

/// <summary>
/// Bad input: names the place (file, line, field) and what was expected. The CLI maps it to exit code 2
/// and prints <see cref="Exception.Message"/> only, never a stack trace.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public string? File { get; }
    public int? Line { get; }

    /// <summary>The 1-based byte within <see cref="Line"/> where the problem is, when the reader knows it (JSON syntax errors).</summary>
    public int? ByteInLine { get; }
    public string? Field { get; }
    public string Problem { get; }

    /// <summary>
    /// Every problem found when a reader went on past the first (the .inp reader reads every line): this one first.
    /// A single problem lists itself.
    /// </summary>
    public IReadOnlyList<InvalidInputException> All { get; private init; } = [];

    public InvalidInputException(string problem, string? file = null, int? line = null, string? field = null, Exception? inner = null, int? byteInLine = null)
        : base(Format(problem, file, line, byteInLine, field), inner)
    {
        Problem = problem;
        File = file;
        Line = line;
        ByteInLine = byteInLine;
        Field = field;
        All = [this];
    }

    /// <summary>One exception for several problems: the first one's message, "(and N more …)", and <see cref="All"/>.</summary>
    public static InvalidInputException Several(IReadOnlyList<InvalidInputException> problems)
    {
        var first = problems[0];
        if (problems.Count == 1) return first;
        return new InvalidInputException($"{first.Problem} (and {problems.Count - 1} more problem(s); `wdnaccel validate` lists them all)",
            first.File, first.Line, first.Field, first.InnerException, first.ByteInLine) { All = problems };
    }

    /// <summary>The same problem, located in <paramref name="file"/> (for readers that parse bytes without knowing the path).</summary>
    public InvalidInputException InFile(string file) =>
        File is not null ? this
        : All.Count > 1 ? new(Problem, file, Line, Field, InnerException, ByteInLine) { All = All.Select(e => e.InFile(file)).ToList() }
        : new(Problem, file, Line, Field, InnerException, ByteInLine);

    private static string Format(string problem, string? file, int? line, int? byteInLine, string? field)
    {
        var where = new List<string>();
        if (file is not null) where.Add(file);
        if (line is not null) where.Add(byteInLine is not null ? $"line {line}, byte {byteInLine}" : $"line {line}");
        if (field is not null) where.Add($"field '{field}'");
        return where.Count == 0 ? problem : $"{string.Join(", ", where)}: {problem}";
    }
}
