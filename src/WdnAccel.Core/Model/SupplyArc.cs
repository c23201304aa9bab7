namespace WdnAccel.Core.Model;

/// <summary>A source→plant or plant→zone route with its pumping cost per unit volume and an optional capacity.</summary>
public sealed record SupplyArc(string From, string To, double PumpingCost, double? Capacity = null);
