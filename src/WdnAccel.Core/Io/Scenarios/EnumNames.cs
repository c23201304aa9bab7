using System.Text;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// The scenario format's names of an enum: snake_case of the C# member (`HazenWilliams` → `hazen_williams`),
/// except <see cref="FlowUnits"/>, whose EPANET names stay upper case (`LPS`).
/// </summary>
internal static class EnumNames<T> where T : struct, Enum
{
    private static readonly Dictionary<T, string> ToName = new();
    private static readonly Dictionary<string, T> FromName = new(StringComparer.Ordinal);

    static EnumNames()
    {
        foreach (var value in Enum.GetValues<T>())
        {
            string name = typeof(T) == typeof(FlowUnits) ? value.ToString() : SnakeCase(value.ToString());
            ToName[value] = name;
            FromName[name] = value;
        }
        Expected = string.Join(", ", FromName.Keys.Select(k => $"'{k}'"));
    }

    /// <summary>"'a', 'b', 'c'" for error messages.</summary>
    public static string Expected { get; }

    public static string Name(T value) =>
        ToName.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a defined {typeof(T).Name}");

    public static bool TryParse(string name, out T value) => FromName.TryGetValue(name, out value);

    internal static string SnakeCase(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (int i = 0; i < pascal.Length; i++)
        {
            char c = pascal[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && !char.IsUpper(pascal[i - 1])) sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }
}
