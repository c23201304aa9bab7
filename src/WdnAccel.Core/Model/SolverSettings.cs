namespace WdnAccel.Core.Model;

/// <summary>
/// Optimizer settings carried by a scenario (`solver` block). Named numeric parameters are algorithm-specific
/// (population, crossover rate, τ, ...); the CLI may override any of them.
/// </summary>
public sealed record SolverSettings
{
    public string? Algorithm { get; init; }
    public long? Evaluations { get; init; }
    public ulong? Seed { get; init; }
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();
}
