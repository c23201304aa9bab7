namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The outcome of one run. <see cref="Best"/> is the best feasible design by cost, or, when nothing feasible was
/// found, the valid design with the lowest fitness; a candidate with <c>Valid = false</c> is never reported.
/// </summary>
public sealed record OptimizerResult
{
    public required string Algorithm { get; init; }

    /// <summary>Catalog index per decision variable; empty when no valid candidate was ever evaluated.</summary>
    public required int[] BestGenome { get; init; }

    public required Evaluation Best { get; init; }

    /// <summary>True when <see cref="Best"/> is valid and feasible.</summary>
    public bool FoundFeasible => Best.Valid && Best.Feasible;

    /// <summary>Evaluations spent (≤ MaxEvaluations): distinct designs with <see cref="OptimizerSettings.EvaluationCache"/>, else every row.</summary>
    public required long Evaluations { get; init; }

    /// <summary>1-based evaluation count at which the reported best was first evaluated (0 when none).</summary>
    public required long EvaluationsToBest { get; init; }

    /// <summary>1-based evaluation count at which the target was first reached; null when not reached or no target.</summary>
    public required long? EvaluationsToTarget { get; init; }

    /// <summary>[evaluations, best feasible cost] at each improvement of the best feasible cost; strictly decreasing costs.</summary>
    public required IReadOnlyList<HistoryPoint> History { get; init; }

    /// <summary>Generations after initialization (initial population and GA-COA-SA's pool excluded).</summary>
    public required int Generations { get; init; }

    /// <summary>Calls made to <see cref="IProblem.Evaluate"/>.</summary>
    public required int EvaluateCalls { get; init; }

    /// <summary>Rows answered from the run's evaluation cache (designs evaluated before in the run, not counted); 0 without it.</summary>
    public long CacheHits { get; init; }

    public required StopReason StopReason { get; init; }

    public required TimeSpan WallTime { get; init; }

    /// <summary>The settings actually used: population resolved, every parameter present with its value.</summary>
    public required OptimizerSettings Settings { get; init; }
}
