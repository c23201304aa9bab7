using WdnAccel.Core.Io;

namespace WdnAccel.Core.Optimizers;

/// <summary>The optimizers by their CLI names: ga, de, cro, gacoasa, shade. One table: the names listed in errors and completions are the names <see cref="Create"/> takes.</summary>
public static class OptimizerCatalog
{
    private static readonly (string Name, string[] Aliases, Func<IOptimizer> Create)[] Table =
    [
        ("ga", [], () => new GeneticAlgorithm()),
        ("de", [], () => new DifferentialEvolution()),
        ("cro", [], () => new CoralReefOptimization()),
        ("gacoasa", ["ga-coa-sa"], () => new GaCoaSa()),
        ("shade", [], () => new Shade()),
    ];

    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The CLI name <paramref name="name"/> stands for (case-insensitive, aliases included), or null when it names no optimizer.</summary>
    public static string? Canonical(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        foreach (var (n, aliases, _) in Table)
            if (n == key || aliases.Contains(key)) return n;
        return null;
    }

    /// <summary>A new optimizer for <paramref name="name"/> (case-insensitive); <see cref="ArgumentException"/> names the known ones otherwise.</summary>
    public static IOptimizer Create(string name) =>
        Canonical(name) is { } known ? Table.First(t => t.Name == known).Create()
        : throw new ArgumentException($"unknown algorithm '{name}'; known: {string.Join(", ", Names)}{NearestName.Hint(name.Trim(), Names)}.", nameof(name));
}
