namespace WdnAccel.Core.Lp;

/// <summary>
/// Outcome of an LP solve. The JSON names are `optimal`, `infeasible`, `unbounded`, `iteration_limit`, `node_limit`,
/// `time_limit`.
/// </summary>
public enum LpStatus
{
    Optimal,
    Infeasible,
    Unbounded,
    /// <summary>The simplex's iteration limit, or a search whose exact proof of a node ran out of pivots.</summary>
    IterationLimit,
    /// <summary>
    /// Branch and bound stopped at its node limit: with the best integer-feasible answer it found, not proven optimal, or
    /// with none, and then nothing is known (the model may be feasible or not).
    /// </summary>
    NodeLimit,
    /// <summary>As <see cref="NodeLimit"/>, stopped at its time limit (or cancelled).</summary>
    TimeLimit,
}
