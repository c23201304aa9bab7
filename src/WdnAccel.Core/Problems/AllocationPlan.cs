namespace WdnAccel.Core.Problems;

/// <summary>
/// A multi-source allocation: net flow delivered from each plant to each demand unit (10⁴ m³/d, indexed as the
/// model's Plants × Units). A plan's own plant capacities change the scenario before the model is compiled
/// (<c>AllocationPlanFile.Apply</c>).
/// </summary>
public sealed record AllocationPlan(string Name, double[,] Net);
