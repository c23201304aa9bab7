namespace WdnAccel.Core.Lp;

/// <summary>
/// How a tree search over integer variables (<see cref="BranchAndBound"/>, <see cref="ExactTreeSearch"/>) ends. A complete,
/// proven tree gives its incumbent as optimal, or infeasible without one. A search stopped at its node or time limit
/// keeps its incumbent as the best found (status node_limit or time_limit, never optimal); without one it knows neither
/// a point nor that none exists, so its status is that limit, never infeasible. A complete tree with a node it could not
/// prove is not a proof of infeasibility either: without an incumbent its status is iteration_limit.
/// </summary>
internal static class SearchOutcome
{
    /// <param name="proofFailure">Why a node of a complete tree was not proven (null: every node was).</param>
    /// <param name="farkas">Row multipliers proving infeasibility when the root alone decided it.</param>
    public static LpResult Finish(LpModel model, LpResult? incumbent, bool complete, bool stopped, string? proofFailure, int maxNodes,
        TimeSpan elapsed, int nodes, int iterations, int pivots, Rational[]? farkas = null)
    {
        string limit = stopped ? $"stopped after {elapsed.TotalSeconds:F1} s (time limit or cancellation)" : $"node limit {maxNodes} reached";
        var limitStatus = stopped ? LpStatus.TimeLimit : LpStatus.NodeLimit;
        if (incumbent is not null)
        {
            string? failure = complete ? proofFailure : $"{limit}; the tree was not completed, so the answer is the best found, not proven optimal";
            return incumbent.With(model, certified: complete && proofFailure is null, failure: failure, nodes: nodes, iterations: iterations,
                pivots: pivots, status: complete ? null : limitStatus);
        }
        if (complete && proofFailure is null)
            return LpResult.WithoutPoint(model, LpStatus.Infeasible, certified: true, failure: null, nodes, iterations, pivots, elapsed, farkas);
        return LpResult.WithoutPoint(model, complete ? LpStatus.IterationLimit : limitStatus, certified: false,
            complete ? $"{proofFailure}; no integer point was found, and the search could not prove that none exists"
                     : $"{limit} before an integer point was found or shown not to exist: no integer point was found, and the model may be feasible or infeasible",
            nodes, iterations, pivots, elapsed);
    }
}
