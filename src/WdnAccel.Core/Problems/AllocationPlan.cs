namespace WdnAccel.Core.Problems;

/// <summary>
/// A multi-source allocation: net flow delivered from each plant to each demand unit (10⁴ m³/d, indexed as the
/// model's Plants × Units), and the plan's plant capacities (10⁴ m³/d) when it sets them (null: the scenario's).
/// </summary>
public sealed record AllocationPlan(string Name, double[,] Net, IReadOnlyDictionary<string, double>? Capacities = null);
