namespace WdnAccel.Core.Lp;

/// <summary>Options of <see cref="LpSolver.Solve"/>.</summary>
public sealed record LpSolveOptions
{
    /// <summary>Certify the answer in exact rational arithmetic (pivoting exactly where the floating basis is wrong).</summary>
    public bool Exact { get; init; } = true;
    /// <summary>Floating simplex iteration limit; 0 = automatic (20·(rows+columns) + 10,000).</summary>
    public int MaxIterations { get; init; }
    /// <summary>Exact pivot limit after the floating solve.</summary>
    public int MaxExactPivots { get; init; } = 1_000_000;
    /// <summary>Branch-and-bound node limit for models with integer variables.</summary>
    public int MaxNodes { get; init; } = 100_000;
    /// <summary>Wall-clock limit of a branch and bound (null: none); past it the answer is the best found, status time_limit.</summary>
    public TimeSpan? TimeLimit { get; init; }
    /// <summary>Stops a branch and bound between nodes, as the time limit does (a server's abandoned request).</summary>
    public CancellationToken Cancellation { get; init; }

    internal bool ShouldStop(TimeSpan elapsed) => Cancellation.IsCancellationRequested || elapsed >= TimeLimit;
}
