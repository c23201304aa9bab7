namespace WdnAccel.Core.Model;

/// <summary>A raw-water source of the seed 000 allocation model; capacity in the block's flow unit per day.</summary>
public sealed record SupplySource(string Id, double Capacity);
