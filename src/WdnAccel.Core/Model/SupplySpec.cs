namespace WdnAccel.Core.Model;

/// <summary>
/// The source→plant→zone allocation of the supply allocation guide (JAOT): minimise pumping + treatment cost subject to
/// source and plant capacities, plant flow balance and zone demands. Quantities are in <see cref="FlowUnit"/>
/// (the supply allocation guide: ML/day) and costs in <see cref="CostUnit"/> per unit volume; exact values are kept as given.
/// </summary>
public sealed record SupplySpec
{
    public required IReadOnlyList<SupplySource> Sources { get; init; }
    public required IReadOnlyList<SupplyPlant> Plants { get; init; }
    public required IReadOnlyList<SupplyZone> Zones { get; init; }
    public required IReadOnlyList<SupplyArc> Arcs { get; init; }
    public string FlowUnit { get; init; } = "ML/day";

    /// <summary>Planning periods; empty = the guide's single day.</summary>
    public IReadOnlyList<SupplyPeriod> Periods { get; init; } = [];

    /// <summary>Expansion candidates (plant upgrades, new links).</summary>
    public IReadOnlyList<SupplyCandidate> Candidates { get; init; } = [];

    /// <summary>Capital recovery: interest rate and life (years) that annualize candidates' capital costs.</summary>
    public double InterestRate { get; init; } = 0.05;
    public double LifeYears { get; init; } = 30;

    /// <summary>Lifting: pump efficiency (0–1] and energy price (cost unit per kWh) for zones' required heads.</summary>
    public double PumpEfficiency { get; init; } = 0.75;
    public double EnergyPrice { get; init; } = 0.15;

    /// <summary>True when the block asks for planning (periods, candidates, quality or head requirements) rather than the guide's single LP.</summary>
    public bool IsPlanning => Periods.Count > 0 || Candidates.Count > 0 || Sources.Any(s => s.Storage > 0)
        || Zones.Any(z => z.RequiredQuality > 0 || z.RequiredHead is not null)
        || Plants.Any(p => p.FixedCost > 0 || p.StartupCost > 0)
        || Arcs.Any(a => a.QualityPremium != 0);
    public string CostUnit { get; init; } = "$";
}
