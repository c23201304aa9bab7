using System.Text.Json;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Lp;

/// <summary>
/// Reads the supply allocation guide's (JAOT) request body: `variables` [{name, type, lb, ub}], `objective` {sense,
/// coefficients}, `constraints` [{name, coefficients, sense, rhs}]. Numbers are taken from their JSON text
/// exactly (0.1 is 1/10); a string "p/q" is accepted wherever a number is, and null or "inf"/"-inf" mean an
/// infinite bound. A missing lb is 0 and a missing ub +∞ (the guide's convention). A ranged row may give
/// `lb` and `ub` instead of `sense` and `rhs`.
/// </summary>
public static class LpJsonReader
{
    public static LpModel Read(string path) => Read(File.ReadAllBytes(path), path);

    public static LpModel Read(byte[] utf8, string? file = null)
    {
        var root = JsonTree.Parse(utf8, file);
        if (root.Kind != JsonValueKind.Object) throw new InvalidInputException("expected a JSON object with variables, objective, constraints", file, root.Line);
        var model = new LpModel { Name = file is null ? "" : Path.GetFileNameWithoutExtension(file) };

        var vars = root["variables"] ?? throw new InvalidInputException("missing 'variables'", file, root.Line, "variables");
        if (vars.Kind != JsonValueKind.Array) throw new InvalidInputException("expected an array", file, vars.Line, "variables");
        foreach (var v in vars.Items!)
        {
            if (v.Kind != JsonValueKind.Object) throw new InvalidInputException("expected a variable object", file, v.Line, "variables");
            string name = RequireString(v, "name", file, "variables[].name");
            string type = v["type"] is { } t ? RequireStringValue(t, file, $"variables[{name}].type") : "continuous";
            bool integer = type switch
            {
                "continuous" => false,
                "integer" or "binary" => true,
                _ => throw new InvalidInputException($"unknown variable type '{type}' (expected continuous, integer or binary)", file, v["type"]!.Line, $"variables[{name}].type"),
            };
            Rational? lb = v["lb"] is { } l ? Bound(l, file, $"variables[{name}].lb", negative: true) : Rational.Zero;
            Rational? ub = v["ub"] is { } u ? Bound(u, file, $"variables[{name}].ub", negative: false) : null;
            if (type == "binary") { lb ??= Rational.Zero; ub ??= Rational.One; }
            if (model.VariableIndex(name) >= 0) throw new InvalidInputException($"duplicate variable '{name}'", file, v.Line, "variables[].name");
            if (lb is { } a && ub is { } b && a > b) throw new InvalidInputException($"lb {a} exceeds ub {b}", file, v.Line, $"variables[{name}]");
            model.AddVariable(name, lb, ub, Rational.Zero, integer);
        }

        var obj = root["objective"] ?? throw new InvalidInputException("missing 'objective'", file, root.Line, "objective");
        if (obj.Kind != JsonValueKind.Object) throw new InvalidInputException("expected an object", file, obj.Line, "objective");
        string sense = obj["sense"] is { } s ? RequireStringValue(s, file, "objective.sense") : "minimize";
        model.Sense = sense switch
        {
            "minimize" or "min" => LpSense.Minimize,
            "maximize" or "max" => LpSense.Maximize,
            _ => throw new InvalidInputException($"unknown sense '{sense}' (expected minimize or maximize)", file, obj["sense"]!.Line, "objective.sense"),
        };
        if (obj["coefficients"] is { } coeffs)
            foreach (var (j, c) in Terms(coeffs, model, file, "objective.coefficients")) model.SetCost(j, model.Variables[j].Cost + c);

        if (root["constraints"] is { } rows)
        {
            if (rows.Kind != JsonValueKind.Array) throw new InvalidInputException("expected an array", file, rows.Line, "constraints");
            int index = 0;
            foreach (var row in rows.Items!)
            {
                if (row.Kind != JsonValueKind.Object) throw new InvalidInputException("expected a constraint object", file, row.Line, "constraints");
                string name = row["name"] is { } n ? RequireStringValue(n, file, "constraints[].name") : $"c{index}";
                index++;
                if (model.ConstraintIndex(name) >= 0) throw new InvalidInputException($"duplicate constraint '{name}'", file, row.Line, "constraints[].name");
                var terms = row["coefficients"] is { } rc
                    ? Terms(rc, model, file, $"constraints[{name}].coefficients").Select(t => new LpTerm(t.Index, t.Value)).ToList()
                    : throw new InvalidInputException("missing 'coefficients'", file, row.Line, $"constraints[{name}].coefficients");
                if (row["sense"] is null && row["lb"] is { } rl && row["ub"] is { } ru)
                {
                    var lo = Number(rl, file, $"constraints[{name}].lb");
                    var hi = Number(ru, file, $"constraints[{name}].ub");
                    if (lo > hi) throw new InvalidInputException($"range lb {lo} exceeds ub {hi}", file, row.Line, $"constraints[{name}]");
                    model.AddRange(name, terms, lo, hi);
                    continue;
                }
                var senseNode = row["sense"] ?? throw new InvalidInputException("missing 'sense' (<=, >= or ==)", file, row.Line, $"constraints[{name}].sense");
                string rs = RequireStringValue(senseNode, file, $"constraints[{name}].sense");
                var rowSense = rs switch
                {
                    "<=" or "=<" or "le" => LpRowSense.LessEqual,
                    ">=" or "=>" or "ge" => LpRowSense.GreaterEqual,
                    "==" or "=" or "eq" => LpRowSense.Equal,
                    _ => throw new InvalidInputException($"unknown sense '{rs}' (expected <=, >= or ==)", file, senseNode.Line, $"constraints[{name}].sense"),
                };
                var rhsNode = row["rhs"] ?? throw new InvalidInputException("missing 'rhs'", file, row.Line, $"constraints[{name}].rhs");
                model.AddConstraint(name, terms, rowSense, Number(rhsNode, file, $"constraints[{name}].rhs"));
            }
        }
        return model;
    }

    private static IEnumerable<(int Index, Rational Value)> Terms(JsonTree node, LpModel model, string? file, string field)
    {
        if (node.Kind != JsonValueKind.Object) throw new InvalidInputException("expected an object {variable: coefficient}", file, node.Line, field);
        foreach (var (name, value) in node.Members!)
        {
            int j = model.VariableIndex(name);
            if (j < 0) throw new InvalidInputException($"unknown variable '{name}'", file, value.Line, $"{field}.{name}");
            yield return (j, Number(value, file, $"{field}.{name}"));
        }
    }

    private static string RequireString(JsonTree obj, string key, string? file, string field) =>
        obj[key] is { } v ? RequireStringValue(v, file, field) : throw new InvalidInputException($"missing '{key}'", file, obj.Line, field);

    private static string RequireStringValue(JsonTree v, string? file, string field) =>
        v.Kind == JsonValueKind.String ? v.Text! : throw new InvalidInputException($"expected a string, found {v.Kind}", file, v.Line, field);

    internal static Rational Number(JsonTree v, string? file, string field)
    {
        if ((v.Kind == JsonValueKind.Number || v.Kind == JsonValueKind.String) && Rational.TryParse(v.Text, out var r)) return r;
        throw new InvalidInputException($"expected a finite number (or \"p/q\"), found {Describe(v)}", file, v.Line, field);
    }

    private static Rational? Bound(JsonTree v, string? file, string field, bool negative)
    {
        if (v.Kind == JsonValueKind.Null) return null;
        if (v.Kind == JsonValueKind.String && v.Text is "inf" or "+inf" or "-inf" or "infinity" or "-infinity" or "Infinity" or "-Infinity")
        {
            bool neg = v.Text!.StartsWith('-');
            if (neg != negative) throw new InvalidInputException($"{(neg ? "lower" : "upper")} infinity is not allowed here", file, v.Line, field);
            return null;
        }
        return Number(v, file, field);
    }

    private static string Describe(JsonTree v) => v.Kind switch
    {
        JsonValueKind.String => $"\"{v.Text}\"",
        JsonValueKind.Number => v.Text!,
        _ => v.Kind.ToString().ToLowerInvariant(),
    };
}
