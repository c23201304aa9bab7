using System.Text.Json;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Writes the supply allocation guide's answer shape (`status`, `objective_value`, `solution`) extended with the exact answer
/// (`objective_exact`, `solution_exact`, `duals_exact`, `reduced_costs`, `certified`, `certificate`; exact
/// values are "p/q" strings), and the request shape for a model (numbers that are finite decimals are written
/// as JSON numbers, others as "p/q" strings, so the model re-reads exactly).
/// </summary>
public static class LpJsonWriter
{
    /// <summary>Writes the answer's properties into the current JSON object.</summary>
    public static void WriteResultProperties(Utf8JsonWriter w, LpResult r, bool includeZeros = false)
    {
        var model = r.Model;
        w.WriteString("status", r.StatusName);
        if (double.IsFinite(r.ObjectiveValue)) w.WriteNumber("objective_value", r.ObjectiveValue);
        else w.WriteNull("objective_value");
        if (r.ObjectiveExact is { } oe) w.WriteString("objective_exact", oe.ToString());
        else w.WriteNull("objective_exact");
        w.WriteBoolean("certified", r.Certified);
        if (r.CertificateFailure is { } f) w.WriteString("certificate_failure", f);
        if (r.HasPoint)
        {
            w.WriteStartObject("solution");
            for (int j = 0; j < model.Variables.Count; j++)
                if (includeZeros || r.Solution[j] != 0) w.WriteNumber(model.Variables[j].Name, r.Solution[j]);
            w.WriteEndObject();
        }
        // The exact fields are always present, null where there is no exact answer (--no-exact, an uncertified or
        // infeasible one), so that scripts can read them by name; without exact duals the floating ones are `duals`.
        if (r.SolutionExact is { } xs) WriteExactMap(w, "solution_exact", xs, j => model.Variables[j].Name);
        else w.WriteNull("solution_exact");
        if (r.DualsExact is { } ys) WriteExactMap(w, "duals_exact", ys, i => model.Constraints[i].Name);
        else
        {
            w.WriteNull("duals_exact");
            if (r.Duals is { } yd)
            {
                w.WriteStartObject("duals");
                for (int i = 0; i < yd.Length; i++) w.WriteNumber(model.Constraints[i].Name, yd[i] + 0.0); // + 0.0: no −0
                w.WriteEndObject();
            }
        }
        if (r.ReducedCostsExact is { } ds) WriteExactMap(w, "reduced_costs", ds, j => model.Variables[j].Name);
        else w.WriteNull("reduced_costs");
        if (r.FarkasMultipliers is { } fm)
        {
            w.WriteStartObject("certificate");
            w.WriteString("type", "farkas");
            w.WriteString("meaning", "row multipliers y: max over the variable bounds of (A^T y)^T x is below min over the row bounds of y^T (Ax)");
            WriteExactMap(w, "row_multipliers", fm, i => model.Constraints[i].Name, skipZeros: true);
            w.WriteEndObject();
        }
        if (r.Divisibility is { } div)
        {
            w.WriteStartObject("certificate");
            w.WriteString("type", "divisibility");
            w.WriteString("meaning", "every variable of the row is integer (or fixed), so its activity is the fixed part plus a multiple of gcd, and no such value lies within the row's bounds");
            w.WriteString("row", model.Constraints[div.Row].Name);
            w.WriteString("gcd", div.Gcd.ToString());
            w.WriteEndObject();
        }
        if (r.Ray is { } ray)
        {
            w.WriteStartObject("certificate");
            w.WriteString("type", "ray");
            w.WriteString("meaning", "solution_exact is feasible and stays feasible along the direction, which improves the objective without bound");
            WriteExactMap(w, "direction", ray, j => model.Variables[j].Name, skipZeros: true);
            w.WriteEndObject();
        }
        w.WriteNumber("iterations", r.Iterations);
        w.WriteNumber("exact_pivots", r.ExactPivots);
        if (r.Nodes > 0) w.WriteNumber("branch_and_bound_nodes", r.Nodes);
        w.WriteNumber("float_seconds", r.FloatTime.TotalSeconds);
        w.WriteNumber("exact_seconds", r.ExactTime.TotalSeconds);
    }

    private static void WriteExactMap(Utf8JsonWriter w, string name, Rational[] values, Func<int, string> key, bool skipZeros = false)
    {
        w.WriteStartObject(name);
        for (int i = 0; i < values.Length; i++)
            if (!skipZeros || !values[i].IsZero) w.WriteString(key(i), values[i].ToString());
        w.WriteEndObject();
    }

    /// <summary>Writes <paramref name="model"/> as a supply-allocation-guide request body.</summary>
    public static void WriteModel(Utf8JsonWriter w, LpModel model)
    {
        w.WriteStartObject();
        w.WriteStartArray("variables");
        foreach (var v in model.Variables)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            w.WriteString("type", v.IsInteger ? "integer" : "continuous");
            WriteNumberOrNull(w, "lb", v.Lower);
            WriteNumberOrNull(w, "ub", v.Upper);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("objective");
        w.WriteString("sense", model.Sense == LpSense.Minimize ? "minimize" : "maximize");
        w.WriteStartObject("coefficients");
        foreach (var v in model.Variables) if (!v.Cost.IsZero) WriteNumber(w, v.Name, v.Cost);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("constraints");
        foreach (var c in model.Constraints)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteStartObject("coefficients");
            foreach (var t in c.Terms) WriteNumber(w, model.Variables[t.Variable].Name, t.Coefficient);
            w.WriteEndObject();
            switch (c.Sense)
            {
                case LpRowSense.Range:
                    WriteNumber(w, "lb", c.Lower!.Value);
                    WriteNumber(w, "ub", c.Upper!.Value);
                    break;
                case LpRowSense.LessEqual when c.Upper is { } u: w.WriteString("sense", "<="); WriteNumber(w, "rhs", u); break;
                case LpRowSense.GreaterEqual when c.Lower is { } l: w.WriteString("sense", ">="); WriteNumber(w, "rhs", l); break;
                case LpRowSense.Equal: w.WriteString("sense", "=="); WriteNumber(w, "rhs", c.Lower!.Value); break;
                default: throw new InvalidOperationException($"row {c.Name} has no finite bound");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, Rational? value)
    {
        if (value is { } v) WriteNumber(w, name, v);
        else w.WriteNull(name);
    }

    /// <summary>A finite decimal as a raw JSON number (exact text), anything else as a "p/q" string.</summary>
    private static void WriteNumber(Utf8JsonWriter w, string name, Rational value)
    {
        if (value.ToExactDecimal() is { } dec)
        {
            w.WritePropertyName(name);
            w.WriteRawValue(dec, skipInputValidation: false);
        }
        else w.WriteString(name, value.ToString());
    }
}
