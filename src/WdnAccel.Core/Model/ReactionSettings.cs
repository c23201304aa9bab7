namespace WdnAccel.Core.Model;

/// <summary>
/// Reaction kinetics (EPANET [REACTIONS]). Bulk coefficients are per day (mass-units/L)^(1−order) per day; wall
/// coefficients are m/day (first order) or mass per m² per day (zero order). Per-pipe and per-tank values replace
/// the global ones.
/// </summary>
public sealed record ReactionSettings
{
    public double BulkOrder { get; init; } = 1;
    public double WallOrder { get; init; } = 1;
    public double TankOrder { get; init; } = 1;
    public double GlobalBulk { get; init; }
    public double GlobalWall { get; init; }
    public double LimitingPotential { get; init; }
    public double RoughnessCorrelation { get; init; }
    public IReadOnlyDictionary<string, double> PipeBulk { get; init; } = new Dictionary<string, double>();
    public IReadOnlyDictionary<string, double> PipeWall { get; init; } = new Dictionary<string, double>();
    public IReadOnlyDictionary<string, double> TankBulk { get; init; } = new Dictionary<string, double>();
}
