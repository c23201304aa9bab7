namespace WdnAccel.Core.Optimizers;

/// <summary>The optimizers by their CLI names: ga, de, cro, gacoasa, shade.</summary>
public static class OptimizerCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["ga", "de", "cro", "gacoasa", "shade"];

    /// <summary>A new optimizer for <paramref name="name"/> (case-insensitive); <see cref="ArgumentException"/> names the known ones otherwise.</summary>
    public static IOptimizer Create(string name) => name.Trim().ToLowerInvariant() switch
    {
        "ga" => new GeneticAlgorithm(),
        "de" => new DifferentialEvolution(),
        "cro" => new CoralReefOptimization(),
        "gacoasa" or "ga-coa-sa" => new GaCoaSa(),
        "shade" => new Shade(),
        _ => throw new ArgumentException($"Unknown algorithm '{name}'; known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
