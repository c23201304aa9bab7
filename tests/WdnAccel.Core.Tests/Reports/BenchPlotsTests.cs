using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Reports;

namespace WdnAccel.Core.Tests.Reports;

public class BenchPlotsTests
{
    private static SolverComparisonRow.Run Run(ulong seed, long? toTarget, params (long Evaluations, double Cost)[] history) =>
        new(seed, history.Length > 0, history.Length > 0 ? history[^1].Cost : double.NaN, 1000, history.Length > 0 ? history[^1].Evaluations : 0, toTarget, 0.1)
        {
            History = history.Select(h => new HistoryPoint(h.Evaluations, h.Cost)).ToArray(),
        };

    private static SolverComparisonRow Row(string problem, string algorithm, params SolverComparisonRow.Run[] runs) =>
        new(problem, algorithm, 1000, runs.Length, runs.Length, 0, 0, 0, new ComparisonReference(50, ComparisonReference.Published), 0, 0, null, 0, 0)
        {
            PerSeed = runs,
        };

    [Fact]
    public void The_median_convergence_counts_runs_without_a_feasible_design_as_infinite()
    {
        var points = BenchPlots.MedianConvergence([Run(1, null, (10, 100), (30, 80)), Run(2, null, (20, 90)), Run(3, null, (40, 70))]);
        // At 10 evaluations one run of three has a design: no median yet. Then 100 (100, 90, ∞), 90 (80, 90, ∞), 80 (80, 90, 70).
        Assert.Equal([(20.0, 100.0), (30.0, 90.0), (40.0, 80.0)], points);
    }

    [Fact]
    public void The_performance_profile_is_the_share_of_runs_within_tau_of_the_fewest_evaluations()
    {
        var rows = new[]
        {
            Row("P", "a", Run(1, 100), Run(2, 200), Run(3, null)),
            Row("P", "b", Run(1, 50), Run(2, 400), Run(3, 300)),
        };
        var profile = BenchPlots.PerformanceProfile(rows).ToDictionary(p => p.Algorithm, p => p.Steps);
        // Fewest per seed: 50, 200, 300. a's ratios 2, 1, ∞; b's 1, 2, 1.
        Assert.Equal([(1.0, 1.0 / 3), (2.0, 2.0 / 3)], profile["a"]);
        Assert.Equal([(1.0, 2.0 / 3), (2.0, 1.0)], profile["b"]);
    }

    [Fact]
    public void An_algorithm_that_never_reaches_the_target_stays_at_zero_and_unshared_seeds_are_left_out()
    {
        var rows = new[]
        {
            Row("P", "a", Run(1, 100), Run(2, 300)),
            Row("P", "b", Run(1, null), Run(2, null), Run(9, 10)), // seed 9: only b ran it
        };
        var profile = BenchPlots.PerformanceProfile(rows).ToDictionary(p => p.Algorithm, p => p.Steps);
        Assert.Equal([(1.0, 1.0)], profile["a"]);
        Assert.Equal([(1.0, 0.0)], profile["b"]);
    }

    [Fact]
    public void Render_writes_a_convergence_plot_per_problem_and_one_profile()
    {
        var rows = new[]
        {
            Row("TLN", "de", Run(1, 40, (10, 80), (40, 50))),
            Row("TLN", "shade", Run(1, 20, (20, 50))),
            Row("HAN 2", "de", Run(1, null, (10, 90))),
            Row("HAN 2", "shade", Run(1, null, (10, 95))),
        };
        var files = BenchPlots.Render(rows, 0.001);
        Assert.Equal(["convergence-TLN.svg", "convergence-HAN_2.svg", "performance-profile.svg"], files.Keys);
        Assert.All(files.Values, svg => Assert.StartsWith("<svg", svg.TrimStart()));
        Assert.Contains("shade (median of 1 seeds)", files["convergence-TLN.svg"]);
        Assert.Contains("within 0.1 % of the reference", files["performance-profile.svg"]);
    }
}
