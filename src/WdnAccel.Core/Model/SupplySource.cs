namespace WdnAccel.Core.Model;

/// <summary>A raw-water source of the supply allocation guide's allocation model; capacity in the block's flow unit per day.</summary>
public sealed record SupplySource(string Id, double Capacity);
