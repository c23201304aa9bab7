namespace WdnAccel.Core.Model;

/// <summary>One demand category at a junction (EPANET [DEMANDS] line), in m³/s before multipliers.</summary>
public sealed record DemandComponent(double BaseDemand, string? PatternId = null, string? Category = null);
