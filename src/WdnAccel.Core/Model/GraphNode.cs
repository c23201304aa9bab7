namespace WdnAccel.Core.Model;

/// <summary>
/// A node of the Lishui case's supply graph: kind (the paper's Table 3 codes), elevation, pressure class (Table 6:
/// 1 low, 2 medium, 3 high; water may not climb to a higher class except out of a pumping station or a plant),
/// <see cref="Demand"/> (a demand unit's lower bound) and <see cref="Capacity"/> (a plant's capacity in the plan),
/// both in m³/d, and optional planar <see cref="Coordinates"/> in m.
/// </summary>
public sealed record GraphNode(
    string Id,
    GraphNodeKind Kind,
    double Elevation = 0,
    int PressureZone = 0,
    double Demand = 0,
    double Capacity = 0,
    Point2? Coordinates = null)
{
    /// <summary>Display name (e.g. "Tianning water plant"); the id when absent.</summary>
    public string? Name { get; init; }

    /// <summary>Geographic position in degrees; route lengths come from it when an edge gives none.</summary>
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>A demand unit's population: its lower bound is population × the per-person quota when <see cref="Demand"/> is 0.</summary>
    public double? Population { get; init; }

    /// <summary>A plant's capacity already built (m³/d): construction cost applies to capacity beyond it.</summary>
    public double ExistingCapacity { get; init; }

    /// <summary>Upper bounds besides <see cref="Capacity"/>: the water project's supply and the source's inflow (m³/d).</summary>
    public double? ProjectSupply { get; init; }
    public double? Inflow { get; init; }

    /// <summary>A plant's unit production cost (currency per m³), when it differs from the block's default.</summary>
    public double? ProductionCost { get; init; }

    /// <summary>A plant's raw-water intake: transmission length (km) and construction difficulty (0 easy … 1 hard).</summary>
    public double IntakeDistance { get; init; }
    public double IntakeDifficulty { get; init; }

    /// <summary>The most a plant may send out: the least of its capacity, the project's supply and the inflow (m³/d).</summary>
    public double SupplyBound => Math.Min(Capacity, Math.Min(ProjectSupply ?? double.PositiveInfinity, Inflow ?? double.PositiveInfinity));
}
