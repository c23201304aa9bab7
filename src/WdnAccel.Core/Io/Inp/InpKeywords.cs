namespace WdnAccel.Core.Io.Inp;

/// <summary>
/// EPANET's keyword matching (input2.c match): a token matches a keyword when it starts with it, ignoring case, so
/// "Efficiency" matches EFFI and "Timestep" matches TIME. Keywords are passed in EPANET's own abbreviations (text.h).
/// </summary>
internal static class InpKeywords
{
    /// <summary>[SOURCES] types in the order of <see cref="Model.SourceType"/>.</summary>
    public static readonly string[] SourceTypes = ["CONCEN", "MASS", "SETPOINT", "FLOWPACED"];

    /// <summary>[MIXING] models in the order of <see cref="Model.MixingModel"/>.</summary>
    public static readonly string[] MixingModels = ["MIXED", "2COMP", "FIFO", "LIFO"];

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
