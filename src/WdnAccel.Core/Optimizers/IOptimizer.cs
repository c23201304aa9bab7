namespace WdnAccel.Core.Optimizers;

/// <summary>A population optimizer over an <see cref="IProblem"/>; deterministic for a given seed and problem.</summary>
public interface IOptimizer
{
    /// <summary>Short name used by the CLI and reports: ga, de, cro, gacoasa, shade (<see cref="OptimizerCatalog.Names"/>), nsga2.</summary>
    string Name { get; }

    /// <summary>Every parameter the algorithm accepts, with defaults and ranges (population included).</summary>
    IReadOnlyList<OptimizerParameter> Parameters { get; }

    /// <summary>
    /// Runs until the evaluation budget is spent, the target is reached, the algorithm's own limit is hit or
    /// <paramref name="cancellationToken"/> is cancelled (then returns the best so far, StopReason.Cancelled).
    /// Throws <see cref="ArgumentException"/> for unknown parameter names or values out of range.
    /// </summary>
    OptimizerResult Run(IProblem problem, OptimizerSettings settings, IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default);
}
