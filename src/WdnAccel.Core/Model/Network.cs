namespace WdnAccel.Core.Model;

/// <summary>
/// A water distribution network in SI units (m, m³/s). Links refer to nodes by id; ids are unique across
/// junctions, reservoirs and tanks, and across pipes, pumps and valves (EPANET's rule).
/// </summary>
public sealed record Network
{
    public string Title { get; init; } = "";
    public IReadOnlyList<Junction> Junctions { get; init; } = [];
    public IReadOnlyList<Reservoir> Reservoirs { get; init; } = [];
    public IReadOnlyList<Tank> Tanks { get; init; } = [];
    public IReadOnlyList<Pipe> Pipes { get; init; } = [];
    public IReadOnlyList<Pump> Pumps { get; init; } = [];
    public IReadOnlyList<Valve> Valves { get; init; } = [];
    public IReadOnlyList<Curve> Curves { get; init; } = [];
    public IReadOnlyList<Pattern> Patterns { get; init; } = [];
    /// <summary>Loading conditions; empty means one case "base" with multiplier 1.</summary>
    public IReadOnlyList<DemandCase> DemandCases { get; init; } = [];
    public HydraulicOptions Options { get; init; } = new();
    /// <summary>Extended-period settings ([TIMES]); a zero duration is a single snapshot.</summary>
    public SimulationTimes Times { get; init; } = new();
    public IReadOnlyList<SimpleControl> Controls { get; init; } = [];
    public IReadOnlyList<RuleBasedControl> Rules { get; init; } = [];
    public EnergySettings Energy { get; init; } = new();
    public QualitySettings Quality { get; init; } = new();
    public ReactionSettings Reactions { get; init; } = new();
    public IReadOnlyList<QualitySource> Sources { get; init; } = [];
    /// <summary>Non-hydraulic .inp sections kept verbatim for export.</summary>
    public IReadOnlyList<InpSection> ExtraSections { get; init; } = [];

    public int NodeCount => Junctions.Count + Reservoirs.Count + Tanks.Count;
    public int LinkCount => Pipes.Count + Pumps.Count + Valves.Count;

    /// <summary>True when something needs the extended-period engine rather than the batched snapshot GGA.</summary>
    public bool NeedsExtendedEngine =>
        Valves.Count > 0 || Times.Duration > 0 || Options.DemandModel == DemandModel.PressureDriven || Junctions.Any(j => j.EmitterCoefficient > 0);

    /// <summary>The loading conditions to solve: <see cref="DemandCases"/>, or the single base case.</summary>
    public IReadOnlyList<DemandCase> EffectiveDemandCases => DemandCases.Count > 0 ? DemandCases : [new DemandCase("base")];

    /// <summary>
    /// Snapshot demand (m³/s) of a junction in the base case, as EPANET computes it at time zero:
    /// Σ base demand × first multiplier of its pattern (or of the default pattern) × the global multiplier.
    /// </summary>
    public double SnapshotDemand(Junction junction)
    {
        double total = 0;
        foreach (var d in junction.Demands)
        {
            total += d.BaseDemand * FirstMultiplier(d.PatternId ?? Options.DefaultPatternId);
        }
        return total * Options.DemandMultiplier;
    }

    /// <summary>Demand of <paramref name="junction"/> under loading <paramref name="demandCase"/> (m³/s).</summary>
    public double CaseDemand(Junction junction, DemandCase demandCase) =>
        demandCase.JunctionDemands is { } map && map.TryGetValue(junction.Id, out var q)
            ? q
            : SnapshotDemand(junction) * demandCase.Multiplier;

    /// <summary>Snapshot head of a reservoir (head × first multiplier of its head pattern, if any).</summary>
    public double SnapshotHead(Reservoir reservoir) =>
        reservoir.PatternId is null ? reservoir.Head : reservoir.Head * FirstMultiplier(reservoir.PatternId);

    /// <summary>
    /// This network with the given pipe diameters (m); a diameter of 0 ("no pipe" catalog option) closes the pipe
    /// and keeps its old diameter, so the exported .inp stays valid for EPANET.
    /// </summary>
    public Network WithPipeDiameters(IReadOnlyDictionary<string, double> diameters) => this with
    {
        Pipes = Pipes.Select(p => !diameters.TryGetValue(p.Id, out var d) ? p
            : PipeDiameter.IsLaid(d) ? p with { Diameter = d }
            : p with { Status = LinkStatus.Closed }).ToArray(),
    };

    private double FirstMultiplier(string? patternId)
    {
        if (patternId is null) return 1.0;
        foreach (var p in Patterns)
        {
            if (p.Id == patternId) return p.Multipliers.Count > 0 ? p.Multipliers[0] : 1.0;
        }
        return 1.0; // EPANET: a missing default pattern "1" means multiplier 1.
    }
}
