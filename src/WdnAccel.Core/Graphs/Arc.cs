namespace WdnAccel.Core.Graphs;

/// <summary>A directed arc of a routing graph: 0-based node indices and a weight (cost of using the arc).</summary>
public readonly record struct Arc(int From, int To, double Weight);
