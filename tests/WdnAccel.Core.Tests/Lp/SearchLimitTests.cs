using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Tests.Lp;

/// <summary>
/// A search that stops at a limit before it has an integer point or a proof that none exists says so: its status is
/// the limit that stopped it, never infeasible (nor optimal), with no point and no objective.
/// </summary>
public class SearchLimitTests
{
    /// <summary>x = 2y and x = 2z + 1 (x even and odd) within [0, 100]: no integer point; the tree needs many nodes to show
    /// it, each row alone has integer points (no divisibility argument), and no heuristic can find a point.</summary>
    private static LpModel EvenAndOdd(string bounds = " x <= 100\n y <= 100\n z <= 100\n") =>
        CplexLpReader.Read($"Minimize\n obj: x\nSubject To\n c1: x - 2 y = 0\n c2: x - 2 z = 1\nBounds\n{bounds}General\n x\n y\n z\nEnd\n", "t.lp");

    private static void AssertUnresolved(LpResult r, LpStatus status, string because)
    {
        Assert.Equal(status, r.Status);
        Assert.False(r.Certified);
        Assert.Null(r.SolutionExact);
        Assert.Null(r.ObjectiveExact);
        Assert.Null(r.FarkasMultipliers);
        Assert.Null(r.Ray);
        Assert.True(double.IsNaN(r.ObjectiveValue));
        Assert.Contains(because, r.CertificateFailure);
        Assert.Contains("no integer point was found", r.CertificateFailure);
        Assert.DoesNotContain("best found", r.CertificateFailure);
    }

    [Fact]
    public void The_whole_search_proves_the_model_infeasible()
    {
        var r = LpSolver.Solve(EvenAndOdd());
        Assert.Equal(LpStatus.Infeasible, r.Status);
        Assert.True(r.Certified, r.CertificateFailure);
        Assert.True(r.Nodes > 3, $"{r.Nodes} nodes");
    }

    [Fact]
    public void Stopped_at_its_node_limit_without_a_point_the_status_is_node_limit()
    {
        var r = LpSolver.Solve(EvenAndOdd(), new LpSolveOptions { MaxNodes = 3 });
        AssertUnresolved(r, LpStatus.NodeLimit, "node limit 3 reached");
        Assert.Equal("node_limit", r.StatusName);
        Assert.True(r.StoppedEarly);
    }

    [Fact]
    public void Stopped_by_its_time_limit_without_a_point_the_status_is_time_limit()
    {
        var r = LpSolver.Solve(EvenAndOdd(), new LpSolveOptions { TimeLimit = TimeSpan.Zero });
        AssertUnresolved(r, LpStatus.TimeLimit, "time limit or cancellation");
        Assert.Equal("time_limit", r.StatusName);
    }

    /// <summary>The fully exact search (taken here because the floating root may take a single iteration) ends the same way.</summary>
    [Fact]
    public void The_exact_fallback_search_stopped_at_its_node_limit_says_so_too()
    {
        var r = LpSolver.Solve(EvenAndOdd(), new LpSolveOptions { MaxNodes = 3, MaxIterations = 1 });
        AssertUnresolved(r, LpStatus.NodeLimit, "node limit 3 reached");
    }

    /// <summary>
    /// Over free integers the relaxation is unbounded: the search for an integer point is kept short, and cut short it
    /// leaves the question open (unbounded with an integer point, infeasible without one); it had answered "unbounded".
    /// </summary>
    [Fact]
    public void Behind_an_unbounded_relaxation_a_search_cut_short_is_a_node_limit_not_unbounded()
    {
        var r = LpSolver.Solve(EvenAndOdd(" x free\n y free\n z free\n"));
        AssertUnresolved(r, LpStatus.NodeLimit, "the LP relaxation is unbounded");
        Assert.Contains("2,000 nodes", r.CertificateFailure);
        Assert.InRange(r.Nodes, 1_000, 2_100); // the second search's nodes are counted, and it stopped at its limit
    }

    /// <summary>
    /// Out of exact pivots, a node LP is neither solved nor proven infeasible: the search has no answer and says why
    /// (iteration_limit); it had read as "the LP relaxation is unbounded", and a node closed that way as infeasible.
    /// </summary>
    [Fact]
    public void A_node_out_of_exact_pivots_leaves_the_search_at_an_iteration_limit()
    {
        var r = LpSolver.Solve(EvenAndOdd(), new LpSolveOptions { MaxIterations = 1, MaxExactPivots = 0 });
        Assert.Equal(LpStatus.IterationLimit, r.Status);
        Assert.False(r.Certified);
        Assert.Contains("exact pivot limit 0 reached", r.CertificateFailure);
        Assert.DoesNotContain("unbounded", r.CertificateFailure);
        Assert.Null(r.SolutionExact);
    }
}
