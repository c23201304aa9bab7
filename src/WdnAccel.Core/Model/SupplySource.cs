namespace WdnAccel.Core.Model;

/// <summary>
/// A raw-water source of the supply allocation model; capacity in the block's flow unit per day. With
/// <see cref="Storage"/> (a reservoir, in the flow unit's volume: ML for ML/day), water not used in one planning period
/// is carried to the next, the year repeating.
/// </summary>
public sealed record SupplySource(string Id, double Capacity)
{
    public double Storage { get; init; }
}
