namespace WdnAccel.Core.Model;

/// <summary>
/// A treatment plant of the supply allocation guide's allocation model: capacity, treatment cost per unit volume, and an
/// optional minimum throughput when running (the supply allocation guide "avoid startup/shutdown cycling": on/off, a MILP).
/// </summary>
public sealed record SupplyPlant(string Id, double Capacity, double TreatmentCost, double? MinThroughput = null);
