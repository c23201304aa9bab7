using System.Collections;
using System.Reflection;

namespace WdnAccel.Core.Tests.Io.Scenarios;

/// <summary>
/// Field-by-field structural comparison of model objects by reflection: doubles by bit pattern (so −0 ≠ 0),
/// lists element by element, dictionaries as key sets. Returns the path of the first difference, or null.
/// </summary>
internal static class ScenarioComparer
{
    public static void AssertSame(object expected, object actual)
    {
        var diff = FirstDifference(expected, actual, "scenario");
        Assert.True(diff is null, diff);
    }

    public static string? FirstDifference(object? a, object? b, string path)
    {
        if (a is null || b is null) return a is null && b is null ? null : $"{path}: {Show(a)} vs {Show(b)}";
        var type = a.GetType();
        // Collections compare by content whatever their concrete type (array, List, collection expression).
        bool collection = a is IEnumerable && a is not string;
        if (!collection && type != b.GetType()) return $"{path}: type {type.Name} vs {b.GetType().Name}";
        if (a is double da)
        {
            return BitConverter.DoubleToInt64Bits(da) == BitConverter.DoubleToInt64Bits((double)b) ? null : $"{path}: {da:R} vs {(double)b:R}";
        }
        if (a is string || type.IsPrimitive || type.IsEnum) return Equals(a, b) ? null : $"{path}: {a} vs {b}";
        if (a is IDictionary da2 && b is IDictionary db2)
        {
            if (da2.Count != db2.Count) return $"{path}: {da2.Count} entries vs {db2.Count}";
            foreach (DictionaryEntry e in da2)
            {
                if (!db2.Contains(e.Key)) return $"{path}: key {e.Key} missing";
                var d = FirstDifference(e.Value, db2[e.Key], $"{path}[{e.Key}]");
                if (d is not null) return d;
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
                var d = FirstDifference(la[i], lb[i], $"{path}[{i}]");
                if (d is not null) return d;
            }
            return null;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            var d = FirstDifference(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}");
            if (d is not null) return d;
        }
        return null;
    }

    private static string Show(object? o) => o is null ? "null" : o.ToString() ?? "?";
}
