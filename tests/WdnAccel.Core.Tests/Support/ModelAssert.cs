using System.Collections;
using System.Reflection;

namespace WdnAccel.Core.Tests.Support;

/// <summary>
/// Structural comparison of model records: every public property, lists element by element, dictionaries by
/// key, doubles to a relative tolerance (unit conversions on export and import may move the last bit).
/// Fails with the path of the first difference, e.g. "Network.Pipes[3].Diameter: 0.3 vs 0.31".
/// </summary>
public static class ModelAssert
{
    public static void Equivalent(object? expected, object? actual, double relativeTolerance = 1e-12)
    {
        var difference = Compare(expected, actual, "", relativeTolerance);
        Assert.True(difference is null, difference);
    }

    private static string? Compare(object? a, object? b, string path, double tol)
    {
        if (a is null || b is null) return a is null && b is null ? null : $"{path}: {Show(a)} vs {Show(b)}";
        if (a is double x && b is double y)
        {
            if (x == y || (double.IsNaN(x) && double.IsNaN(y))) return null;
            return Math.Abs(x - y) <= tol * Math.Max(Math.Abs(x), Math.Abs(y)) ? null : $"{path}: {x:R} vs {y:R}";
        }
        var type = a.GetType();
        bool collections = a is IEnumerable && b is IEnumerable && a is not string;
        if (type != b.GetType() && !collections) return $"{path}: type {type.Name} vs {b.GetType().Name}";
        if (a is string || type.IsPrimitive || type.IsEnum || a is decimal) return Equals(a, b) ? null : $"{path}: {Show(a)} vs {Show(b)}";
        if (a is IDictionary da && b is IDictionary db)
        {
            if (da.Count != db.Count) return $"{path}: {da.Count} entries vs {db.Count}";
            foreach (DictionaryEntry e in da)
            {
                if (!db.Contains(e.Key)) return $"{path}[{e.Key}]: missing";
                if (Compare(e.Value, db[e.Key], $"{path}[{e.Key}]", tol) is { } d) return d;
            }
            return null;
        }
        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            var la = ea.Cast<object?>().ToList();
            var lb = eb.Cast<object?>().ToList();
            if (la.Count != lb.Count) return $"{path}: {la.Count} items vs {lb.Count}";
            for (int i = 0; i < la.Count; i++)
            {
                if (Compare(la[i], lb[i], $"{path}[{i}]", tol) is { } d) return d;
            }
            return null;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            if (Compare(p.GetValue(a), p.GetValue(b), path.Length == 0 ? p.Name : $"{path}.{p.Name}", tol) is { } d) return d;
        }
        return null;
    }

    private static string Show(object? o) => o switch { null => "null", double d => d.ToString("R"), _ => o.ToString() ?? "" };
}
