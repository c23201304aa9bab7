using WdnAccel.Core.Io;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Reads the CPLEX LP text format: Minimize/Maximize (objective with optional name), Subject To (named or
/// unnamed rows `expr op rhs`, and ranges `lo &lt;= expr &lt;= hi`), Bounds (`x &lt;= 4`, `0 &lt;= x &lt;= 4`,
/// `x = 3`, `x free`, ±inf), General/Binary, End; `\` starts a comment. Default bounds are [0, +∞). Numbers are
/// exact; "p/q" is accepted as a number. Errors name the file, line and section.
/// </summary>
public static class CplexLpReader
{
    private enum Kind { Number, Name, Op, Plus, Minus, Colon }
    private readonly record struct Token(Kind Kind, string Text, int Line);

    public static LpModel Read(string path) => Read(StrictText.ReadFile(path), path);

    public static LpModel Read(string text, string? file)
    {
        var sections = new List<(string Name, List<Token> Tokens, int Line)>();
        var lines = text.Split('\n');
        bool ended = false;
        for (int ln = 0; ln < lines.Length && !ended; ln++)
        {
            string line = lines[ln].TrimEnd('\r');
            int c = line.IndexOf('\\');
            if (c >= 0) line = line[..c];
            line = line.Trim();
            if (line.Length == 0) continue;
            var (keyword, rest) = Keyword(line);
            if (keyword is not null)
            {
                if (keyword == "end") { ended = true; break; }
                sections.Add((keyword, [], ln + 1));
                line = rest;
            }
            if (line.Length == 0) continue;
            if (sections.Count == 0) throw new InvalidInputException("content before the Minimize/Maximize section", file, ln + 1);
            Tokenize(line, ln + 1, sections[^1].Tokens, file);
        }
        if (!ended) throw new InvalidInputException("missing End (truncated file?)", file, lines.Length, "End");
        if (sections.Count == 0 || sections[0].Name is not ("min" or "max"))
            throw new InvalidInputException("the file must start with Minimize or Maximize", file, 1, "objective");

        var model = new LpModel { Name = file is null ? "" : Path.GetFileNameWithoutExtension(file) };
        var varIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int Var(string name)
        {
            if (!varIndex.TryGetValue(name, out int j)) { j = model.AddVariable(name, Rational.Zero, null); varIndex[name] = j; }
            return j;
        }
        var rows = new List<(string? Name, List<(string, Rational)> Terms, Rational? Lo, Rational? Hi, LpRowSense Sense, int Line)>();
        foreach (var (name, tokens, sline) in sections)
        {
            int pos = 0;
            switch (name)
            {
                case "min" or "max":
                {
                    model.Sense = name == "min" ? LpSense.Minimize : LpSense.Maximize;
                    if (tokens.Count >= 2 && tokens[0].Kind == Kind.Name && tokens[1].Kind == Kind.Colon) pos = 2;
                    var terms = Expression(tokens, ref pos, file, "objective");
                    if (pos < tokens.Count) throw Error(tokens[pos], "unexpected token in the objective", file, "objective");
                    foreach (var (v, c) in terms) { int j = Var(v); model.SetCost(j, model.Variables[j].Cost + c); }
                    break;
                }
                case "st":
                    while (pos < tokens.Count)
                    {
                        string? rowName = null;
                        int line = tokens[pos].Line;
                        if (pos + 1 < tokens.Count && tokens[pos].Kind == Kind.Name && tokens[pos + 1].Kind == Kind.Colon) { rowName = tokens[pos].Text; pos += 2; }
                        if (pos < tokens.Count && IsNumberStart(tokens, pos) && NumberThenOp(tokens, pos))
                        {
                            var lo = SignedNumber(tokens, ref pos, file, "Subject To", out int loInfinity);
                            var op1 = Expect(tokens, ref pos, Kind.Op, file, "Subject To");
                            var terms = Expression(tokens, ref pos, file, "Subject To");
                            var op2 = Expect(tokens, ref pos, Kind.Op, file, "Subject To");
                            var hi = SignedNumber(tokens, ref pos, file, "Subject To", out int hiInfinity);
                            if (!Le(op1.Text) || !Le(op2.Text)) throw Error(op1, "a range must read lo <= expression <= hi", file, "Subject To");
                            if (loInfinity > 0 || hiInfinity < 0) throw Error(op1, $"row '{rowName ?? "(unnamed)"}' can never hold: its range has a bound of {(loInfinity > 0 ? "+inf below" : "-inf above")}", file, "Subject To");
                            if (lo is null && hi is null) continue; // -inf <= e <= +inf holds always: no row
                            var rangeSense = lo is null ? LpRowSense.LessEqual : hi is null ? LpRowSense.GreaterEqual : LpRowSense.Range;
                            rows.Add((rowName, terms, lo, hi, rangeSense, line));
                        }
                        else
                        {
                            var terms = Expression(tokens, ref pos, file, "Subject To");
                            var op = Expect(tokens, ref pos, Kind.Op, file, "Subject To");
                            var rhs = SignedNumber(tokens, ref pos, file, "Subject To", out int infinity);
                            var sense = Le(op.Text) ? LpRowSense.LessEqual : Ge(op.Text) ? LpRowSense.GreaterEqual : LpRowSense.Equal;
                            // "<= +inf" and ">= -inf" hold always (the row bounds nothing); the other infinite right-hand
                            // sides never hold, and reading them as "no bound" would change the problem.
                            if (infinity != 0 && !(sense == LpRowSense.LessEqual && infinity > 0 || sense == LpRowSense.GreaterEqual && infinity < 0))
                                throw Error(op, $"row '{rowName ?? "(unnamed)"}' can never hold: {op.Text} {(infinity > 0 ? "+inf" : "-inf")}", file, "Subject To");
                            if (infinity != 0) continue; // always holds: no row
                            rows.Add((rowName, terms, sense == LpRowSense.LessEqual ? null : rhs, sense == LpRowSense.GreaterEqual ? null : rhs, sense, line));
                        }
                    }
                    break;
                case "bounds":
                    while (pos < tokens.Count) Bound(tokens, ref pos, file, model, Var);
                    break;
                case "general" or "binary":
                    foreach (var t in tokens)
                    {
                        if (t.Kind != Kind.Name) throw Error(t, "expected a variable name", file, name);
                        int j = Var(t.Text);
                        model.SetInteger(j, true);
                        if (name == "binary") model.SetBounds(j, Rational.Zero, Rational.One);
                    }
                    break;
                default:
                    throw new InvalidInputException($"unsupported section '{name}'", file, sline);
            }
        }
        int unnamed = 0;
        foreach (var (name, terms, lo, hi, sense, line) in rows)
        {
            string rowName = name ?? $"R{++unnamed}";
            if (model.ConstraintIndex(rowName) >= 0) throw new InvalidInputException($"duplicate row name '{rowName}'", file, line, "Subject To");
            var lt = terms.Select(t => new LpTerm(Var(t.Item1), t.Item2)).ToList();
            if (sense == LpRowSense.Range)
            {
                if (lo > hi) throw new InvalidInputException($"range {lo} <= ... <= {hi} is empty", file, line, rowName);
                model.AddRange(rowName, lt, lo!.Value, hi!.Value);
            }
            else model.AddConstraint(rowName, lt, sense, (lo ?? hi)!.Value);
        }
        foreach (var v in model.Variables)
            if (v.Lower is { } l && v.Upper is { } u && l > u)
                throw new InvalidInputException($"variable '{v.Name}': lower bound {l} exceeds upper bound {u}", file, null, "Bounds");
        return model;
    }

    /// <summary>Section keywords: a line that starts with one (in any case) followed by a space or its end opens that section.</summary>
    private static readonly (string Prefix, string Key)[] SectionKeywords =
    [
        ("minimize", "min"), ("minimise", "min"), ("minimum", "min"), ("min", "min"),
        ("maximize", "max"), ("maximise", "max"), ("maximum", "max"), ("max", "max"),
        ("subject to", "st"), ("such that", "st"), ("s.t.", "st"), ("st.", "st"), ("st", "st"),
        ("bounds", "bounds"), ("bound", "bounds"), ("generals", "general"), ("general", "general"),
        ("gen", "general"), ("integers", "general"), ("integer", "general"),
        ("binaries", "binary"), ("binary", "binary"), ("bin", "binary"), ("end", "end"),
    ];

    private static (string? Keyword, string Remainder) Keyword(string line)
    {
        string lower = line.ToLowerInvariant();
        foreach (var (prefix, key) in SectionKeywords)
        {
            if (!lower.StartsWith(prefix, StringComparison.Ordinal)) continue;
            if (lower.Length == prefix.Length) return (key, "");
            char next = lower[prefix.Length];
            if (char.IsWhiteSpace(next)) return (key, line[prefix.Length..].Trim());
        }
        return (null, line);
    }

    /// <summary>
    /// Why this reader would not read <paramref name="name"/> back as that name (null: it would). A name starts with a letter
    /// or one of _!"#$%&amp;()/,;?@`'{}|~[] and goes on with those, digits and periods (the CPLEX LP format's set, with [ ]);
    /// a section keyword (or the first word of one), `free`, `inf` and `infinity` are words of the format, in any case.
    /// </summary>
    internal static string? NameProblem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (char.IsDigit(name[0]) || name[0] == '.') return "it starts with a digit or a period, which reads as a number";
        for (int i = 0; i < name.Length; i++)
            if (!IsNameChar(name[i], first: i == 0))
                return $"it contains '{name[i]}', which the LP format does not allow in a name";
        string lower = name.ToLowerInvariant();
        if (lower is "free" or "inf" or "infinity" || SectionKeywords.Any(k => k.Prefix.Split(' ')[0] == lower))
            return "it is a keyword of the LP format";
        return null;
    }

    private static bool IsNameChar(char c, bool first) =>
        char.IsLetter(c) || "_!\"#$%&()/,;?@`'{}|~[]".IndexOf(c) >= 0 || (!first && (char.IsDigit(c) || c == '.'));

    private static void Tokenize(string line, int lineNo, List<Token> tokens, string? file)
    {
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '+') { tokens.Add(new(Kind.Plus, "+", lineNo)); i++; continue; }
            if (c == '-') { tokens.Add(new(Kind.Minus, "-", lineNo)); i++; continue; }
            if (c == ':') { tokens.Add(new(Kind.Colon, ":", lineNo)); i++; continue; }
            if (c is '<' or '>' or '=')
            {
                int s = i++;
                if (i < line.Length && line[i] is '=' or '<' or '>') i++;
                tokens.Add(new(Kind.Op, line[s..i], lineNo));
                continue;
            }
            if (char.IsDigit(c) || c == '.')
            {
                int s = i;
                while (i < line.Length && (char.IsDigit(line[i]) || line[i] == '.')) i++;
                if (i < line.Length && line[i] is 'e' or 'E')
                {
                    int k = i + 1;
                    if (k < line.Length && line[k] is '+' or '-') k++;
                    if (k < line.Length && char.IsDigit(line[k])) { i = k; while (i < line.Length && char.IsDigit(line[i])) i++; }
                }
                if (i + 1 < line.Length && line[i] == '/' && char.IsDigit(line[i + 1]))
                {
                    i++;
                    while (i < line.Length && (char.IsDigit(line[i]) || line[i] == '.')) i++;
                }
                tokens.Add(new(Kind.Number, line[s..i], lineNo));
                continue;
            }
            if (IsNameChar(c, true))
            {
                int s = i;
                while (i < line.Length && IsNameChar(line[i], false)) i++;
                tokens.Add(new(Kind.Name, line[s..i], lineNo));
                continue;
            }
            throw new InvalidInputException($"unexpected character '{c}'", file, lineNo);
        }
    }

    private static bool Le(string op) => op is "<=" or "<" or "=<";
    private static bool Ge(string op) => op is ">=" or ">" or "=>";
    private static bool IsInf(Token t) => t.Kind == Kind.Name && t.Text.ToLowerInvariant() is "inf" or "infinity";

    private static bool IsNumberStart(List<Token> t, int pos)
    {
        int p = pos;
        while (p < t.Count && t[p].Kind is Kind.Plus or Kind.Minus) p++;
        return p < t.Count && (t[p].Kind == Kind.Number || IsInf(t[p]));
    }

    private static bool NumberThenOp(List<Token> t, int pos)
    {
        int p = pos;
        while (p < t.Count && t[p].Kind is Kind.Plus or Kind.Minus) p++;
        return p + 1 < t.Count && t[p + 1].Kind == Kind.Op;
    }

    private static InvalidInputException Error(Token t, string problem, string? file, string field) =>
        new($"{problem} (at '{t.Text}')", file, t.Line, field);

    private static Token Expect(List<Token> t, ref int pos, Kind kind, string? file, string field)
    {
        if (pos >= t.Count) throw new InvalidInputException($"unexpected end of section, expected {(kind == Kind.Op ? "<=, >= or =" : kind.ToString())}", file, t.Count > 0 ? t[^1].Line : null, field);
        if (t[pos].Kind != kind) throw Error(t[pos], $"expected {(kind == Kind.Op ? "<=, >= or =" : kind.ToString())}", file, field);
        return t[pos++];
    }

    /// <summary>A signed number; null for ±inf.</summary>
    private static Rational? SignedNumber(List<Token> t, ref int pos, string? file, string field) => SignedNumber(t, ref pos, file, field, out _);

    /// <summary>A signed number; null for ±inf, with <paramref name="infinity"/> +1 or −1 (0 for a number).</summary>
    private static Rational? SignedNumber(List<Token> t, ref int pos, string? file, string field, out int infinity)
    {
        bool negative = false;
        infinity = 0;
        while (pos < t.Count && t[pos].Kind is Kind.Plus or Kind.Minus) { if (t[pos].Kind == Kind.Minus) negative = !negative; pos++; }
        if (pos >= t.Count) throw new InvalidInputException("expected a number", file, t.Count > 0 ? t[^1].Line : null, field);
        var tok = t[pos++];
        if (IsInf(tok))
        {
            infinity = negative ? -1 : 1;
            return null;
        }
        if (tok.Kind != Kind.Number || !Rational.TryParse(tok.Text, out var v)) throw Error(tok, "expected a number", file, field);
        return negative ? -v : v;
    }

    private static List<(string, Rational)> Expression(List<Token> t, ref int pos, string? file, string field)
    {
        var terms = new List<(string, Rational)>();
        while (pos < t.Count && t[pos].Kind != Kind.Op)
        {
            // A name followed by ':' starts the next constraint.
            if (t[pos].Kind == Kind.Name && pos + 1 < t.Count && t[pos + 1].Kind == Kind.Colon) break;
            var sign = Rational.One;
            bool any = false;
            while (pos < t.Count && t[pos].Kind is Kind.Plus or Kind.Minus) { if (t[pos].Kind == Kind.Minus) sign = -sign; pos++; any = true; }
            if (!any && terms.Count > 0) throw Error(t[pos], "expected + or - between terms", file, field);
            var coef = Rational.One;
            if (pos < t.Count && t[pos].Kind == Kind.Number)
            {
                if (!Rational.TryParse(t[pos].Text, out coef)) throw Error(t[pos], "malformed number", file, field);
                pos++;
            }
            if (pos >= t.Count || t[pos].Kind != Kind.Name || IsInf(t[pos]))
                throw pos < t.Count ? Error(t[pos], "expected a variable name (constant terms are not supported)", file, field)
                                    : new InvalidInputException("expression ends without a variable (constant terms are not supported)", file, t[^1].Line, field);
            terms.Add((t[pos].Text, sign * coef));
            pos++;
        }
        return terms;
    }

    private static void Bound(List<Token> t, ref int pos, string? file, LpModel model, Func<string, int> var)
    {
        int line = t[pos].Line;
        if (t[pos].Kind == Kind.Name && !IsInf(t[pos]) && pos + 1 < t.Count && t[pos + 1].Kind == Kind.Name && t[pos + 1].Text.Equals("free", StringComparison.OrdinalIgnoreCase))
        {
            model.SetBounds(var(t[pos].Text), null, null);
            pos += 2;
            return;
        }
        Rational? lo = null; Token? op1 = null; bool hasLeft = false;
        int loInfinity = 0;
        if (IsNumberStart(t, pos)) { lo = SignedNumber(t, ref pos, file, "Bounds", out loInfinity); op1 = Expect(t, ref pos, Kind.Op, file, "Bounds"); hasLeft = true; }
        if (pos >= t.Count || t[pos].Kind != Kind.Name) throw new InvalidInputException("expected a variable name in a bound", file, line, "Bounds");
        int j = var(t[pos++].Text);
        var v = model.Variables[j];
        Rational? newLo = v.Lower, newUp = v.Upper;
        if (hasLeft)
        {
            if (Le(op1!.Value.Text)) newLo = Side(lo, loInfinity, upper: false, v.Name, op1.Value, file);
            else if (Ge(op1.Value.Text)) newUp = Side(lo, loInfinity, upper: true, v.Name, op1.Value, file);
            else
            {
                if (lo is null) throw Error(op1.Value, "a variable cannot be fixed at infinity", file, "Bounds");
                newLo = lo; newUp = lo;
            }
        }
        if (pos < t.Count && t[pos].Kind == Kind.Op && pos + 1 < t.Count && t[pos].Line == line)
        {
            var op2 = t[pos++];
            var b = SignedNumber(t, ref pos, file, "Bounds", out int infinity);
            bool infinite = b is null;
            if (Le(op2.Text)) newUp = Side(b, infinity, upper: true, v.Name, op2, file);
            else if (Ge(op2.Text)) newLo = Side(b, infinity, upper: false, v.Name, op2, file);
            else
            {
                if (infinite) throw Error(op2, "a variable cannot be fixed at infinity", file, "Bounds");
                newLo = b; newUp = b;
            }
        }
        else if (!hasLeft) throw new InvalidInputException($"bound on '{v.Name}' has no relation", file, line, "Bounds");
        model.SetBounds(j, newLo, newUp);
    }

    /// <summary>
    /// A bound as the model keeps it (null = unbounded on that side). An upper bound of −∞ or a lower bound of +∞
    /// leaves the variable no value; it is refused rather than read as "no bound", which would change the problem.
    /// </summary>
    private static Rational? Side(Rational? value, int infinity, bool upper, string name, Token at, string? file)
    {
        if (upper && infinity < 0) throw Error(at, $"'{name}' <= -inf leaves the variable no value", file, "Bounds");
        if (!upper && infinity > 0) throw Error(at, $"'{name}' >= +inf leaves the variable no value", file, "Bounds");
        return value;
    }
}
