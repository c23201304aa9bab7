namespace WdnAccel.Core.Model;

/// <summary>
/// A least-cost pipe-sizing problem on the scenario's network:
/// choose one <see cref="Catalog"/> entry for every pipe in <see cref="DecisionPipes"/> so that every junction
/// keeps MinPressure ≤ pressure ≤ MaxPressure (m) and velocities stay inside their limits (m/s), at least Σ c(D)·L.
/// Per-node bounds on <see cref="Junction"/> override <see cref="MinPressure"/>/<see cref="MaxPressure"/>;
/// <see cref="MinHead"/> lists total-head (not pressure) requirements, as New York Tunnels states them.
/// </summary>
public sealed record DesignSpec
{
    public required IReadOnlyList<CatalogEntry> Catalog { get; init; }
    public required IReadOnlyList<string> DecisionPipes { get; init; }
    public double MinPressure { get; init; }
    public double? MaxPressure { get; init; }
    public IReadOnlyDictionary<string, double>? MinHead { get; init; }
    public double? MinVelocity { get; init; }
    public double? MaxVelocity { get; init; }
    /// <summary>Currency or cost unit of <see cref="CatalogEntry.UnitCost"/> (per metre), for reports.</summary>
    public string CostUnit { get; init; } = "$";
    /// <summary>Best-known least cost from the literature, with its source, for `bench` success rates.</summary>
    public double? BestKnownCost { get; init; }
    public string? BestKnownSource { get; init; }
    /// <summary>Where the numbers came from (paper, benchmark set).</summary>
    public string? Source { get; init; }

    /// <summary>
    /// A design block where every pipe of <paramref name="network"/> is a decision pipe and may take any of
    /// <paramref name="diameters"/> (m; costs unknown, so 0): what `simulate --random-designs --catalog` samples from.
    /// </summary>
    public static DesignSpec EveryPipe(Network network, IReadOnlyList<double> diameters, double minPressure) => new()
    {
        Catalog = diameters.Select(d => new CatalogEntry(d, 0)).ToList(),
        DecisionPipes = network.Pipes.Select(p => p.Id).ToList(),
        MinPressure = minPressure,
    };

    /// <summary>
    /// How close to <see cref="BestKnownCost"/> a cost must come to count as reaching it: 0.1 %. Published best-known
    /// costs are rounded (Hanoi's "about $6.081M") and were found with slightly different Hazen–Williams coefficients,
    /// so an exact comparison would count no hit at all.
    /// </summary>
    public const double BestKnownHitTolerance = 1e-3;

    /// <summary>Whether <paramref name="cost"/> reaches the best-known cost within <see cref="BestKnownHitTolerance"/>.</summary>
    public static bool ReachesBestKnown(double cost, double bestKnown) => cost <= bestKnown * (1 + BestKnownHitTolerance);
}
