namespace WdnAccel.Core.Model;

/// <summary>A distribution zone of the supply allocation guide's allocation model: minimum daily demand and an optional quality premium per unit.</summary>
public sealed record SupplyZone(string Id, double Demand, double QualityPremium = 0);
