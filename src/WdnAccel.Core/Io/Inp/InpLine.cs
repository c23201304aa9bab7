namespace WdnAccel.Core.Io.Inp;

/// <summary>One data line of an .inp section: its tokens, the text after ';' (EPANET uses it as a demand category) and its 1-based line number.</summary>
internal sealed record InpLine(int Number, IReadOnlyList<string> Tokens, string? Comment, string Raw);
