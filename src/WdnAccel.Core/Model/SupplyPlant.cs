namespace WdnAccel.Core.Model;

/// <summary>
/// A treatment plant of the seed 000 allocation model: capacity, treatment cost per unit volume, and an
/// optional minimum throughput when running (seed 000 "avoid startup/shutdown cycling": on/off, a MILP).
/// </summary>
public sealed record SupplyPlant(string Id, double Capacity, double TreatmentCost, double? MinThroughput = null);
