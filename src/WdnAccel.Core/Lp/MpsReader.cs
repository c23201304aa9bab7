using WdnAccel.Core.Io;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Reads free MPS (whitespace-separated fields, names without spaces): NAME, OBJSENSE, ROWS, COLUMNS (with
/// INTORG/INTEND markers), RHS, RANGES, BOUNDS (UP LO FX FR MI PL BV LI UI), ENDATA. Numbers are parsed exactly
/// from their text; "p/q" tokens written by <see cref="MpsWriter"/> are accepted too. RANGES follow the
/// standard table (E rows by the sign of R). An UP bound below zero on a variable whose lower bound is still
/// the default 0 makes the lower bound −∞ (the CPLEX/lp_solve convention). An integer column declared between the
/// INTORG and INTEND markers with no entry in BOUNDS is binary, [0, 1] (the original IBM MPSX reading: SAS/OR User's
/// Guide, "The MPS-Format SAS Data Set", BOUNDS section, note 1; lp_solve's "MPS file format" notes); any
/// BOUNDS entry for it replaces that default, and the side it leaves open keeps the ordinary default, so `UP 5` alone
/// gives [0, 5], `LO 2` alone [2, +∞) and `UP -3` alone (−∞, −3] (HiGHS reads them the same way). Errors name file,
/// line and field. A second entry for the same column and row, or a second RHS or RANGES value for a row, is refused
/// (SAS/OR, COLUMNS section, note 3: "Duplicate entries in each pair of column and row are not allowed"; other readers
/// add, keep the first or keep the last).
/// </summary>
public static class MpsReader
{
    public static LpModel Read(string path) => Read(StrictText.ReadFile(path), path);

    public static LpModel Read(string text, string? file)
    {
        var model = new LpModel();
        string? objRow = null;
        var rowKind = new Dictionary<string, char>(StringComparer.Ordinal);
        var rowOrder = new List<string>();
        var rowTerms = new Dictionary<string, List<(string Var, Rational Coef)>>(StringComparer.Ordinal);
        var rhs = new Dictionary<string, Rational>(StringComparer.Ordinal);
        var ranges = new Dictionary<string, Rational>(StringComparer.Ordinal);
        var varOrder = new List<string>();
        var cost = new Dictionary<string, Rational>(StringComparer.Ordinal);
        var lower = new Dictionary<string, Rational?>(StringComparer.Ordinal);
        var upper = new Dictionary<string, Rational?>(StringComparer.Ordinal);
        var integer = new HashSet<string>(StringComparer.Ordinal);
        var markerInteger = new HashSet<string>(StringComparer.Ordinal);
        var bounded = new HashSet<string>(StringComparer.Ordinal);
        var explicitLower = new HashSet<string>(StringComparer.Ordinal);
        // Where each (column, row) entry and each row's RHS and RANGES value was given: a second one is an error.
        var entryLine = new Dictionary<(string Column, string Row), int>();
        var valueLine = new Dictionary<(string Section, string Row), int>();
        bool inInteger = false, sawEnd = false;
        string section = "";
        var lines = text.Split('\n');
        for (int ln = 0; ln < lines.Length; ln++)
        {
            int lineNo = ln + 1;
            string raw = lines[ln].TrimEnd('\r');
            if (raw.Length == 0 || raw[0] == '*' || string.IsNullOrWhiteSpace(raw)) continue;
            var f = raw.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (!char.IsWhiteSpace(raw[0]))
            {
                section = f[0].ToUpperInvariant();
                switch (section)
                {
                    case "NAME": model.Name = f.Length > 1 ? f[1] : ""; break;
                    case "OBJSENSE":
                        if (f.Length > 1) model.Sense = Sense(f[1], file, lineNo);
                        break;
                    case "ROWS" or "COLUMNS" or "RHS" or "RANGES" or "BOUNDS": break;
                    case "ENDATA": sawEnd = true; break;
                    default: throw new InvalidInputException($"unknown MPS section '{f[0]}'", file, lineNo, "section");
                }
                if (sawEnd) break;
                continue;
            }
            switch (section)
            {
                case "OBJSENSE":
                    model.Sense = Sense(f[0], file, lineNo);
                    break;
                case "ROWS":
                {
                    if (f.Length != 2) throw new InvalidInputException("expected: type name", file, lineNo, "ROWS");
                    char kind = char.ToUpperInvariant(f[0][0]);
                    if (f[0].Length != 1 || "NLGE".IndexOf(kind) < 0) throw new InvalidInputException($"row type '{f[0]}' is not N, L, G or E", file, lineNo, "ROWS");
                    if (rowKind.ContainsKey(f[1])) throw new InvalidInputException($"duplicate row '{f[1]}'", file, lineNo, "ROWS");
                    if (kind == 'N' && objRow is not null) { rowKind[f[1]] = 'X'; break; } // extra free rows are ignored
                    rowKind[f[1]] = kind;
                    if (kind == 'N') objRow = f[1];
                    else { rowOrder.Add(f[1]); rowTerms[f[1]] = []; }
                    break;
                }
                case "COLUMNS":
                {
                    if (f.Length >= 3 && f[1].Trim('\'').Equals("MARKER", StringComparison.OrdinalIgnoreCase))
                    {
                        string mk = f[2].Trim('\'').ToUpperInvariant();
                        if (mk == "INTORG") inInteger = true;
                        else if (mk == "INTEND") inInteger = false;
                        else throw new InvalidInputException($"unknown marker '{f[2]}'", file, lineNo, "COLUMNS");
                        break;
                    }
                    if (f.Length != 3 && f.Length != 5) throw new InvalidInputException("expected: column row value [row value]", file, lineNo, "COLUMNS");
                    string v = f[0];
                    if (!cost.ContainsKey(v))
                    {
                        varOrder.Add(v); cost[v] = Rational.Zero; lower[v] = Rational.Zero; upper[v] = null;
                        if (inInteger) { integer.Add(v); markerInteger.Add(v); }
                    }
                    for (int k = 1; k + 1 < f.Length; k += 2)
                    {
                        var value = Num(f[k + 1], file, lineNo, $"COLUMNS {v} {f[k]}");
                        if (!rowKind.TryGetValue(f[k], out char kind)) throw new InvalidInputException($"unknown row '{f[k]}'", file, lineNo, "COLUMNS");
                        if (kind != 'X' && !entryLine.TryAdd((v, f[k]), lineNo))
                            throw new InvalidInputException($"column '{v}' has a second entry in row '{f[k]}' (the first is on line {entryLine[(v, f[k])]})", file, lineNo, "COLUMNS");
                        if (kind == 'N') cost[v] += value;
                        else if (kind != 'X') rowTerms[f[k]].Add((v, value));
                    }
                    break;
                }
                case "RHS" or "RANGES":
                {
                    // The set name is optional in free MPS: an odd field count means it is present.
                    int start = f.Length % 2 == 1 ? 1 : 0;
                    if (f.Length - start < 2) throw new InvalidInputException("expected: [set] row value [row value]", file, lineNo, section);
                    for (int k = start; k + 1 < f.Length; k += 2)
                    {
                        var value = Num(f[k + 1], file, lineNo, $"{section} {f[k]}");
                        if (!rowKind.TryGetValue(f[k], out char kind)) throw new InvalidInputException($"unknown row '{f[k]}'", file, lineNo, section);
                        if (kind is 'N' or 'X')
                        {
                            if (section == "RHS" && !value.IsZero) throw new InvalidInputException("an objective constant (RHS on the objective row) is not supported", file, lineNo, "RHS");
                            continue;
                        }
                        if (!valueLine.TryAdd((section, f[k]), lineNo))
                            throw new InvalidInputException($"row '{f[k]}' has a second {section} entry (the first is on line {valueLine[(section, f[k])]})", file, lineNo, section);
                        (section == "RHS" ? rhs : ranges)[f[k]] = value;
                    }
                    break;
                }
                case "BOUNDS":
                {
                    string type = f[0].ToUpperInvariant();
                    if (type is not ("UP" or "LO" or "FX" or "FR" or "MI" or "PL" or "BV" or "LI" or "UI"))
                        throw new InvalidInputException($"unknown bound type '{f[0]}'", file, lineNo, "BOUNDS");
                    bool needsValue = type is "UP" or "LO" or "FX" or "LI" or "UI";
                    // Fields: type [set] column [value]
                    int expected = needsValue ? 3 : 2;
                    int colField = f.Length > expected ? 2 : 1;
                    if (f.Length < expected || f.Length > expected + 1) throw new InvalidInputException($"expected: {type} [set] column{(needsValue ? " value" : "")}", file, lineNo, "BOUNDS");
                    string v = f[colField];
                    if (!cost.ContainsKey(v)) throw new InvalidInputException($"unknown column '{v}'", file, lineNo, "BOUNDS");
                    Rational value = needsValue ? Num(f[colField + 1], file, lineNo, $"BOUNDS {type} {v}") : Rational.Zero;
                    bounded.Add(v);
                    switch (type)
                    {
                        case "UP" or "UI":
                            upper[v] = value;
                            if (value.Sign < 0 && !explicitLower.Contains(v)) lower[v] = null;
                            if (type == "UI") integer.Add(v);
                            break;
                        case "LO" or "LI": lower[v] = value; explicitLower.Add(v); if (type == "LI") integer.Add(v); break;
                        case "FX": lower[v] = value; upper[v] = value; break;
                        case "FR": lower[v] = null; upper[v] = null; break;
                        case "MI": lower[v] = null; explicitLower.Add(v); break;
                        case "PL": upper[v] = null; break;
                        case "BV": lower[v] = Rational.Zero; upper[v] = Rational.One; integer.Add(v); break;
                        default: throw new InvalidInputException($"unknown bound type '{f[0]}'", file, lineNo, "BOUNDS");
                    }
                    break;
                }
                default:
                    throw new InvalidInputException($"data line outside a section ('{section}')", file, lineNo);
            }
        }
        if (!sawEnd) throw new InvalidInputException("missing ENDATA (truncated file?)", file, lines.Length, "ENDATA");
        if (objRow is null) throw new InvalidInputException("no objective (N) row in ROWS", file, null, "ROWS");
        foreach (var v in markerInteger)
            if (!bounded.Contains(v)) { lower[v] = Rational.Zero; upper[v] = Rational.One; }
        foreach (var v in varOrder)
        {
            if (lower[v] is { } l && upper[v] is { } u && l > u)
                throw new InvalidInputException($"column '{v}': lower bound {l} exceeds upper bound {u}", file, null, "BOUNDS");
            model.AddVariable(v, lower[v], upper[v], cost[v], integer.Contains(v));
        }
        foreach (var r in rowOrder)
        {
            var terms = rowTerms[r].Select(t => new LpTerm(model.VariableIndex(t.Var), t.Coef));
            var b = rhs.TryGetValue(r, out var bv) ? bv : Rational.Zero;
            char kind = rowKind[r];
            if (ranges.TryGetValue(r, out var R))
            {
                var a = Rational.Abs(R);
                var (lo, hi) = kind switch
                {
                    'L' => (b - a, b),
                    'G' => (b, b + a),
                    _ => R.Sign >= 0 ? (b, b + a) : (b - a, b),
                };
                model.AddRange(r, terms, lo, hi);
            }
            else model.AddConstraint(r, terms, kind switch { 'L' => LpRowSense.LessEqual, 'G' => LpRowSense.GreaterEqual, _ => LpRowSense.Equal }, b);
        }
        return model;
    }

    private static LpSense Sense(string s, string? file, int line) => s.ToUpperInvariant() switch
    {
        "MIN" or "MINIMIZE" => LpSense.Minimize,
        "MAX" or "MAXIMIZE" => LpSense.Maximize,
        _ => throw new InvalidInputException($"unknown objective sense '{s}' (MIN or MAX)", file, line, "OBJSENSE"),
    };

    private static Rational Num(string s, string? file, int line, string field) =>
        Rational.TryParse(s, out var r) ? r : throw new InvalidInputException($"'{s}' is not a finite number", file, line, field);
}
