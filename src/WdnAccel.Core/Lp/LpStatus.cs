namespace WdnAccel.Core.Lp;

/// <summary>Outcome of an LP solve. The JSON names are `optimal`, `infeasible`, `unbounded`, `iteration_limit`.</summary>
public enum LpStatus
{
    Optimal,
    Infeasible,
    Unbounded,
    IterationLimit,
}
