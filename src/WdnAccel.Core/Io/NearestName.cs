namespace WdnAccel.Core.Io;

/// <summary>
/// "did you mean …?" for a misspelled name: the candidate nearest in edit distance, when near enough. One helper for
/// every list of names the CLI checks (verbs, options, backends, algorithms).
/// </summary>
public static class NearestName
{
    /// <summary>The candidate nearest to <paramref name="token"/> (case-insensitive Levenshtein distance), or null when none is near enough.</summary>
    public static string? Of(string token, IEnumerable<string> candidates)
    {
        var best = candidates.Select(c => (Name: c, Distance: Distance(token.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, token.Length / 3) ? best.Name : null;
    }

    /// <summary>" (did you mean PREFIX+NAME?)" for <see cref="Of"/>'s answer, or "" when there is none.</summary>
    public static string Hint(string token, IEnumerable<string> candidates, string prefix = "") =>
        Of(token, candidates) is { } name ? $" (did you mean {prefix}{name}?)" : "";

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
