namespace WdnAccel.Core.Optimizers;

/// <summary>
/// A problem whose unpenalized cost is cheap to compute without evaluating constraints (e.g. Σ c(D)·L for pipe
/// sizing). Local searches use it to skip neighbours that could not be cheaper; it never replaces
/// <see cref="IProblem.Evaluate"/> and is not counted against the evaluation budget.
/// </summary>
public interface ICostedProblem : IProblem
{
    /// <summary>The unpenalized cost of <paramref name="genome"/>, equal to <see cref="Evaluation.Cost"/> of its evaluation.</summary>
    double Cost(ReadOnlySpan<int> genome);
}
