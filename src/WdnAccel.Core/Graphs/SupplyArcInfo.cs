namespace WdnAccel.Core.Graphs;

/// <summary>What a supply-graph arc contributes to a route: its length (km), construction difficulty (0 … 1) and routing weight.</summary>
public readonly record struct SupplyArcInfo(double LengthKm, double Difficulty, double RouteWeight = double.PositiveInfinity);
