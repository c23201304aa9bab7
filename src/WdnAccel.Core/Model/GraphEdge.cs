namespace WdnAccel.Core.Model;

/// <summary>
/// A pipeline of the Lishui case's supply graph: length in m and a construction-difficulty factor multiplying
/// it into the route weight. Undirected unless <see cref="Directed"/>.
/// </summary>
public sealed record GraphEdge(string From, string To, double Length, double CostFactor = 1.0, bool Directed = false);
