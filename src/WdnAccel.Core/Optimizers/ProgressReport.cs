namespace WdnAccel.Core.Optimizers;

/// <summary>
/// Sent after every generation. <see cref="BestCost"/> is NaN while no feasible candidate has been found;
/// <see cref="FeasibleShare"/> is the feasible fraction of the last evaluated batch.
/// </summary>
public readonly record struct ProgressReport(
    int Generation,
    long Evaluations,
    double BestCost,
    double BestFitness,
    bool BestFeasible,
    double FeasibleShare,
    TimeSpan Elapsed);
