namespace WdnAccel.Core.Model;

/// <summary>
/// A treatment plant of the supply allocation model: capacity, treatment cost per unit volume, an optional minimum
/// throughput when running (the supply allocation guide's "avoid startup/shutdown cycling": on/off, a MILP), and for
/// planning: a fixed operating cost per day when on, a start-up cost, the water quality class it reaches and the
/// head (m) at its outlet.
/// </summary>
public sealed record SupplyPlant(string Id, double Capacity, double TreatmentCost, double? MinThroughput = null)
{
    public double FixedCost { get; init; }
    public double StartupCost { get; init; }
    public int Quality { get; init; }
    public double? Head { get; init; }
}
