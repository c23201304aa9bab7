namespace WdnAccel.Core.Model;

/// <summary>A water-quality source at a node (EPANET [SOURCES]): strength in mass/L (mass/min for MASS), scaled by a pattern.</summary>
public sealed record QualitySource(string NodeId, SourceType Type, double Strength, string? PatternId = null);
