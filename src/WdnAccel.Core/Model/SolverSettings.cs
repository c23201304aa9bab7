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

    /// <summary>
    /// The parameters that apply when <paramref name="algorithm"/> runs: this block's, when it names that algorithm;
    /// otherwise none (every other algorithm takes its defaults, since parameter names differ between algorithms).
    /// </summary>
    public IReadOnlyDictionary<string, double> ParametersFor(string algorithm) =>
        string.Equals(Algorithm, algorithm, StringComparison.OrdinalIgnoreCase) ? Parameters : new Dictionary<string, double>();
}
