namespace WdnAccel.Core.Model;

/// <summary>
/// A planning period (a season, a month) of the supply allocation model: its length in days, the source capacities
/// that differ in it (0 = unavailable), and its demand, as a factor on the zones' demand or per zone.
/// </summary>
public sealed record SupplyPeriod(string Id, double Days)
{
    public IReadOnlyDictionary<string, double> SourceCapacity { get; init; } = new Dictionary<string, double>();
    public double DemandFactor { get; init; } = 1;
    public IReadOnlyDictionary<string, double> Demand { get; init; } = new Dictionary<string, double>();
}
