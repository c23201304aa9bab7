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
    IterationLimit,
    /// <summary>Branch and bound stopped at its node limit with an integer-feasible answer that is not proven optimal.</summary>
    NodeLimit,
    /// <summary>Branch and bound stopped at its time limit (or was cancelled) with an integer-feasible answer that is not proven optimal.</summary>
    TimeLimit,
}
