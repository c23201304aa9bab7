namespace WdnAccel.Core.Model;

/// <summary>A time pattern of multipliers (EPANET [PATTERNS]). A snapshot uses the first period.</summary>
public sealed record Pattern(string Id, IReadOnlyList<double> Multipliers);
