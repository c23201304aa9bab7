using System.Text;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Writes the CPLEX LP text format with an explicit bound line for every variable (`lo &lt;= x &lt;= hi`,
/// `x &gt;= lo`, `-inf &lt;= x &lt;= hi`, `x = v`, `x free`). Ranged rows are written as `lo &lt;= expr &lt;= hi`.
/// Exact numbers: finite decimals as decimals, other rationals as "p/q", which <see cref="CplexLpReader"/>
/// reads exactly (other LP readers do not; documented in docs/lp.md). A variable or row name that <see cref="CplexLpReader"/>
/// would read as something else (a keyword such as `end` or `st`, `inf`, a leading digit, an operator) is refused, so a
/// round trip never changes the model.
/// </summary>
public static class CplexLpWriter
{
    public static string Write(LpModel model)
    {
        foreach (var v in model.Variables) CheckName("variable", v.Name);
        foreach (var c in model.Constraints) CheckName("row", c.Name);
        // An empty row is written as "0 x" with the first variable: without one there is no way to write it.
        if (model.Variables.Count == 0 && model.Constraints.Count > 0)
            throw new InvalidInputException($"the CPLEX LP format cannot hold the row '{model.Constraints[0].Name}' of a model without variables");
        var sb = new StringBuilder();
        sb.AppendLine($"\\ {(string.IsNullOrEmpty(model.Name) ? "model" : model.Name)}, written by wdnaccel");
        sb.AppendLine(model.Sense == LpSense.Minimize ? "Minimize" : "Maximize");
        sb.Append(" obj:");
        // Every variable appears in the objective (zeros as "+ 0 x") so a reader creates them in model order.
        AppendTerms(sb, model, model.Variables.Select((v, j) => new LpTerm(j, v.Cost)));
        sb.AppendLine();
        sb.AppendLine("Subject To");
        foreach (var c in model.Constraints)
        {
            sb.Append(' ').Append(c.Name).Append(':');
            if (c.Sense == LpRowSense.Range || (c.Lower is not null && c.Upper is not null && c.Lower != c.Upper))
            {
                sb.Append(' ').Append(Num(c.Lower!.Value)).Append(" <=");
                AppendTerms(sb, model, c.Terms);
                sb.Append(" <= ").AppendLine(Num(c.Upper!.Value));
                continue;
            }
            AppendTerms(sb, model, c.Terms.Count > 0 ? c.Terms : [new LpTerm(0, Rational.Zero)]);
            if (c.Lower is { } l && c.Upper is { } u) sb.Append(" = ").AppendLine(Num(l));
            else if (c.Upper is { } u2) sb.Append(" <= ").AppendLine(Num(u2));
            else sb.Append(" >= ").AppendLine(Num(c.Lower!.Value));
        }
        sb.AppendLine("Bounds");
        foreach (var v in model.Variables)
        {
            if (v.Lower is null && v.Upper is null) sb.Append(' ').Append(v.Name).AppendLine(" free");
            else if (v.Lower is { } l && v.Upper is { } u && l == u) sb.Append(' ').Append(v.Name).Append(" = ").AppendLine(Num(l));
            else if (v.Upper is { } up) sb.Append(' ').Append(v.Lower is { } lo ? Num(lo) : "-inf").Append(" <= ").Append(v.Name).Append(" <= ").AppendLine(Num(up));
            else sb.Append(' ').Append(v.Name).Append(" >= ").AppendLine(Num(v.Lower!.Value));
        }
        var ints = model.Variables.Where(v => v.IsInteger).ToList();
        if (ints.Count > 0)
        {
            sb.AppendLine("General");
            foreach (var v in ints) sb.Append(' ').AppendLine(v.Name);
        }
        sb.AppendLine("End");
        return sb.ToString();
    }

    private static void AppendTerms(StringBuilder sb, LpModel model, IEnumerable<LpTerm> terms)
    {
        bool first = true;
        foreach (var t in terms)
        {
            var c = t.Coefficient;
            sb.Append(c.Sign < 0 ? " - " : first ? " " : " + ");
            var a = Rational.Abs(c);
            if (a != Rational.One) sb.Append(Num(a)).Append(' ');
            sb.Append(model.Variables[t.Variable].Name);
            first = false;
        }
    }

    private static void CheckName(string kind, string name)
    {
        if (CplexLpReader.NameProblem(name) is { } problem)
            throw new InvalidInputException($"the CPLEX LP format cannot hold the {kind} name '{name}': {problem}; rename it, or write the model as .mps or .json");
    }

    private static string Num(Rational r) => MpsWriter.Num(r);
}
