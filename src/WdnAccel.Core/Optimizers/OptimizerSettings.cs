namespace WdnAccel.Core.Optimizers;

/// <summary>
/// What every optimizer takes. Algorithm-specific knobs go in <see cref="Parameters"/> by name (see each
/// algorithm's <see cref="IOptimizer.Parameters"/> and docs/optimizers.md); unknown names are rejected.
/// </summary>
public sealed record OptimizerSettings
{
    /// <summary>Seed of the run's xoshiro256** generator (expanded with SplitMix64). Same seed, same problem → same result.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Evaluation budget. Never exceeded: the last batch is truncated to what is left.</summary>
    public long MaxEvaluations { get; init; } = 20_000;

    /// <summary>Population (or reef) size; null takes the <c>population</c> parameter, else the algorithm's default.</summary>
    public int? PopulationSize { get; init; }

    /// <summary>Algorithm parameters by name; missing names take the documented defaults.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>Optional target cost: a feasible design with cost ≤ target (within <see cref="TargetTolerance"/>) counts as success.</summary>
    public double? TargetCost { get; init; }

    /// <summary>Relative tolerance for the target test: cost ≤ target + tolerance·max(1, |target|).</summary>
    public double TargetTolerance { get; init; } = 1e-9;

    /// <summary>
    /// Per-run evaluation cache: a design the run has already evaluated is answered from the cache instead of being
    /// evaluated again, and only distinct designs count as evaluations (against <see cref="MaxEvaluations"/>, in the
    /// history and in <see cref="OptimizerResult.Evaluations"/>). A run also stops, with
    /// <see cref="StopReason.EvaluationBudget"/>, after as many repeated designs as <see cref="MaxEvaluations"/> (a search
    /// that keeps proposing designs it has seen would otherwise never end). The problem must be deterministic (it is
    /// required to be).
    /// </summary>
    public bool EvaluationCache { get; init; } = true;

    /// <summary>Stop at the end of the generation in which the target was reached.</summary>
    public bool StopAtTarget { get; init; } = true;
}
