namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// EPANET's keyword matching (input2.c match): a token matches a keyword when it starts with it, ignoring case, so
/// "Efficiency" matches EFFI and "Timestep" matches TIME. Keywords are passed in EPANET's own abbreviations (text.h).
/// </summary>
internal static class InpKeywords
{
    public static bool Is(string token, string keyword) => token.StartsWith(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>The index of the first keyword <paramref name="token"/> matches (EPANET findmatch), or −1.</summary>
    public static int Find(string token, IReadOnlyList<string> keywords)
    {
        for (int i = 0; i < keywords.Count; i++)
        {
            if (Is(token, keywords[i])) return i;
        }
        return -1;
    }
}
