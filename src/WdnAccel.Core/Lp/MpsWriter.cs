using System.Text;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Writes free MPS with explicit bounds for every column (LO or MI, then UP, FX or FR) so no reader's default
/// or its negative-UP convention can change the model. Numbers are exact: finite decimals as decimals, other
/// rationals as "p/q" tokens, which <see cref="MpsReader"/> reads exactly but other MPS readers do not (a
/// documented limitation: 1/3 has no finite decimal form). Names must survive free MPS's field splitting: an empty name,
/// one with a space or control character, and a row called MARKER (a COLUMNS line naming it reads as an integer marker)
/// are refused.
/// </summary>
public static class MpsWriter
{
    public static string Write(LpModel model)
    {
        foreach (var v in model.Variables) CheckName("variable", v.Name);
        foreach (var c in model.Constraints)
        {
            CheckName("row", c.Name);
            if (c.Name.Trim('\'').Equals("MARKER", StringComparison.OrdinalIgnoreCase))
                throw Refused("row", c.Name, "a COLUMNS line naming it reads as an integer marker");
        }
        var sb = new StringBuilder();
        string obj = "obj";
        while (model.ConstraintIndex(obj) >= 0) obj = "_" + obj;
        sb.Append("NAME ").AppendLine(string.IsNullOrEmpty(model.Name) ? "model" : model.Name.Replace(' ', '_'));
        if (model.Sense == LpSense.Maximize) sb.AppendLine("OBJSENSE").AppendLine("    MAX");
        sb.AppendLine("ROWS").Append(" N  ").AppendLine(obj);
        foreach (var c in model.Constraints)
        {
            char k = c.Lower is null ? 'L' : c.Upper is null ? 'G' : c.Lower == c.Upper ? 'E' : 'G';
            sb.Append(' ').Append(k).Append("  ").AppendLine(c.Name);
        }
        var columns = new List<(int Row, Rational Coef)>[model.Variables.Count];
        for (int j = 0; j < columns.Length; j++) columns[j] = [];
        for (int i = 0; i < model.Constraints.Count; i++)
            foreach (var t in model.Constraints[i].Terms) columns[t.Variable].Add((i, t.Coefficient));
        sb.AppendLine("COLUMNS");
        bool inInt = false;
        int marker = 0;
        for (int j = 0; j < columns.Length; j++)
        {
            var v = model.Variables[j];
            if (v.IsInteger != inInt)
            {
                sb.Append("    M").Append(marker++).Append(" 'MARKER' ").AppendLine(v.IsInteger ? "'INTORG'" : "'INTEND'");
                inInt = v.IsInteger;
            }
            if (!v.Cost.IsZero || columns[j].Count == 0) sb.Append("    ").Append(v.Name).Append(' ').Append(obj).Append(' ').AppendLine(Num(v.Cost));
            foreach (var (row, coef) in columns[j])
                sb.Append("    ").Append(v.Name).Append(' ').Append(model.Constraints[row].Name).Append(' ').AppendLine(Num(coef));
        }
        if (inInt) sb.Append("    M").Append(marker).AppendLine(" 'MARKER' 'INTEND'");
        sb.AppendLine("RHS");
        foreach (var c in model.Constraints)
        {
            var b = c.Lower is null ? c.Upper!.Value : c.Lower.Value;
            if (!b.IsZero) sb.Append("    RHS ").Append(c.Name).Append(' ').AppendLine(Num(b));
        }
        sb.AppendLine("RANGES");
        foreach (var c in model.Constraints)
            if (c.Lower is { } l && c.Upper is { } u && l != u) sb.Append("    RNG ").Append(c.Name).Append(' ').AppendLine(Num(u - l));
        sb.AppendLine("BOUNDS");
        foreach (var v in model.Variables)
        {
            if (v.Lower is { } l && v.Upper is { } u && l == u) { sb.Append(" FX BND ").Append(v.Name).Append(' ').AppendLine(Num(l)); continue; }
            if (v.Lower is null && v.Upper is null) { sb.Append(" FR BND ").AppendLine(v.Name); continue; }
            if (v.Lower is { } lo) sb.Append(" LO BND ").Append(v.Name).Append(' ').AppendLine(Num(lo));
            else sb.Append(" MI BND ").AppendLine(v.Name);
            if (v.Upper is { } up) sb.Append(" UP BND ").Append(v.Name).Append(' ').AppendLine(Num(up));
        }
        sb.AppendLine("ENDATA");
        return sb.ToString();
    }

    private static void CheckName(string kind, string name)
    {
        if (name.Length == 0) throw Refused(kind, name, "it is empty");
        foreach (char ch in name)
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
                throw Refused(kind, name, $"it contains a space or control character (U+{(int)ch:X4}), which splits a free MPS field");
    }

    private static InvalidInputException Refused(string kind, string name, string problem) =>
        new($"free MPS cannot hold the {kind} name '{name}': {problem}; rename it, or write the model as .json");

    internal static string Num(Rational r) => r.ToExactDecimal() ?? r.ToString();
}
