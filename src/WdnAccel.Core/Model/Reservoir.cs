namespace WdnAccel.Core.Model;

/// <summary>A fixed-head node: total head in m (optionally scaled by a head pattern).</summary>
public sealed record Reservoir(string Id, double Head, string? PatternId = null, Point2? Coordinates = null);
