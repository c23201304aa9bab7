using WdnAccel.Core.Batch;
using WdnAccel.Kernels.Scalar;
using Xunit;

namespace WdnAccel.Core.Tests.Batch;

/// <summary>An lp job's record names the solver's outcome as `lp --json` does; it wrote "nodelimit" and "iterationlimit".</summary>
public sealed class LpBatchJobTests
{
    private static BatchRecord Run(string text, string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "wdnaccel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, name);
        File.WriteAllText(file, text);
        return BatchJobRunner.Run(new BatchJob(name, BatchJobKind.Lp, file, 0), new BatchSettings(), new ScalarBackend());
    }

    [Fact]
    public void An_optimal_lp_is_ok_with_its_exact_objective()
    {
        var r = Run("Maximize\n obj: x + y\nSubject To\n c1: x + 2 y <= 4\n c2: 3 x + y <= 6\nEnd\n", "small.lp");
        Assert.Equal("ok", r.Status);
        Assert.Equal("optimal", r["lp_status"]!.AsString());
        Assert.Equal("14/5", r["objective_exact"]!.AsString()); // x = 8/5, y = 6/5
    }

    /// <summary>x even and odd over free integers: the relaxation is unbounded and the search for an integer point
    /// stops at its node limit with the question open.</summary>
    [Fact]
    public void A_search_stopped_at_its_node_limit_is_recorded_as_node_limit()
    {
        var r = Run("Minimize\n obj: x\nSubject To\n c1: x - 2 y = 0\n c2: x - 2 z = 1\nBounds\n x free\n y free\n z free\nGeneral\n x\n y\n z\nEnd\n", "even-odd.lp");
        Assert.Equal("infeasible", r.Status); // no answer
        Assert.Equal("node_limit", r["lp_status"]!.AsString());
        Assert.False(r["certified"]!.AsBoolean());
    }
}
