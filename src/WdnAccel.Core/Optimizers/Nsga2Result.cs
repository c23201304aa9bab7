namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The outcome of one <see cref="Nsga2"/> run: the feasible first front of the final population, distinct objective
/// vectors only, sorted by the first objective (then the next ones); empty when no feasible design was found.
/// </summary>
public sealed record Nsga2Result
{
    public required IReadOnlyList<FrontPoint> Front { get; init; }

    /// <summary>Evaluations spent (≤ MaxEvaluations).</summary>
    public required long Evaluations { get; init; }

    /// <summary>Generations after the initial population.</summary>
    public required int Generations { get; init; }

    /// <summary>Calls made to <see cref="IMultiObjectiveProblem.Evaluate"/>: one per generation plus the initial population.</summary>
    public required int EvaluateCalls { get; init; }

    /// <summary>Feasible share of the final population.</summary>
    public required double FeasibleShare { get; init; }

    public required StopReason StopReason { get; init; }

    public required TimeSpan WallTime { get; init; }

    /// <summary>The settings actually used: population resolved, every parameter present with its value.</summary>
    public required OptimizerSettings Settings { get; init; }
}
