using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Reports;
using WdnAccel.Core.Tests.Support;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Core.Tests.Reports;

/// <summary>One small study run (few evaluations) shared by the tests below.</summary>
public sealed class LayoutsStudyFixture
{
    public IReadOnlyList<(string Layout, Scenario Scenario)> Layouts { get; }
    public LayoutsStudyResult Result { get; }

    public LayoutsStudyFixture()
    {
        Layouts = LayoutsStudy.Layouts.Select(l => (l, ScenarioFile.Load(RepoPaths.Data("scenarios", $"layouts-{l}.wdn")).Scenario)).ToList();
        Result = LayoutsStudy.Run(Layouts, new ScalarBackend(), new LayoutsStudyOptions { Evaluations = 2000, Seed = 3 });
    }
}

public class LayoutsStudyTests(LayoutsStudyFixture fixture) : IClassFixture<LayoutsStudyFixture>
{
    private LayoutsStudyResult R => fixture.Result;

    [Fact]
    public void Head_loss_of_one_size_matches_hazen_williams_by_hand()
    {
        // Branched pipe 1: 200 m carrying the whole 1.15 m³/h; 40x3.7 SDR 11 has a 32.6 mm bore.
        // h = 10.667·L·Q^1.852 / (C^1.852·D^4.871), EPANET's SI coefficient (hydraul.c); v = Q/(πD²/4); Re = vD/1.004e-6.
        // 1.15 m³/h as EPANET converts CMH (types.h: CMHperCFS = 101.94), 6.4 ppm above 1.15/3600.
        double q = 1.15 * Math.Pow(0.3048, 3) / 101.94, d = 0.0326, length = 200;
        var row = R.HeadLoss.Single(h => Math.Abs(h.Diameter - d) < 1e-12);
        double omega = fixture.Layouts[0].Scenario.Network.Options.Omega;
        Assert.Equal(10.667, omega, 1e-3);
        double expected = omega * length * Math.Pow(q, 1.852) / (Math.Pow(130, 1.852) * Math.Pow(d, 4.871));
        Assert.Equal(expected, row.HeadLoss, 1e-7 * expected);
        Assert.Equal(1.522, row.HeadLoss, 1e-3); // the same number with ω = 10.667 worked on a calculator
        Assert.Equal(q / (Math.PI * d * d / 4), row.Velocity, 1e-12);
        Assert.Equal(row.Velocity * d / 1.004e-6, row.Reynolds, 1e-6);
        Assert.Equal(q, row.Flow, 1e-12);
        Assert.Equal(1.15 / 3600, q, 1e-8);
        Assert.Equal("branched", R.HeadLossLayout);
        Assert.Equal("1", R.HeadLossPipe);
        // Head loss falls with every larger size; the quadratic fit is a least-squares fit of those points.
        for (int i = 1; i < R.HeadLoss.Count; i++) Assert.True(R.HeadLoss[i].HeadLoss < R.HeadLoss[i - 1].HeadLoss);
        Assert.InRange(R.HeadLossFit.RSquared, 0, 1);
    }

    [Theory]
    [InlineData(0, FlowRegime.Laminar)]
    [InlineData(1999.999, FlowRegime.Laminar)]
    [InlineData(2000, FlowRegime.Transitional)]
    [InlineData(3999.999, FlowRegime.Transitional)]
    [InlineData(4000, FlowRegime.Turbulent)]
    public void Regime_thresholds_are_the_papers(double reynolds, FlowRegime regime) =>
        Assert.Equal(regime, LinkFormulas.Regime(reynolds));

    [Fact]
    public void Regime_rows_follow_from_the_solved_flows()
    {
        Assert.Equal(3 * 2, R.Regimes.Select(g => (g.Layout, g.Algorithm)).Distinct().Count());
        foreach (var g in R.Regimes)
        {
            double re = Math.Abs(g.Flow) / (Math.PI * g.Diameter * g.Diameter / 4) * g.Diameter / 1.004e-6;
            Assert.Equal(re, g.Reynolds, 1e-6 * Math.Max(1, re));
            var expected = re < 2000 ? FlowRegime.Laminar : re < 4000 ? FlowRegime.Transitional : FlowRegime.Turbulent;
            Assert.Equal(expected, g.Regime);
        }
        // The branched layout's first pipe carries the whole inflow, whatever the design.
        foreach (var g in R.Regimes.Where(g => g.Layout == "branched" && g.Pipe == "1")) Assert.Equal(1.15 * Math.Pow(0.3048, 3) / 101.94, g.Flow, 1e-10);
    }

    [Fact]
    public void Optimized_designs_are_feasible_at_25_m_and_cost_what_their_diameters_cost()
    {
        Assert.Equal(6, R.Costs.Count);
        foreach (var c in R.Costs)
        {
            Assert.True(c.Feasible, $"{c.Layout} {c.Algorithm}");
            var (_, scenario) = fixture.Layouts.Single(l => l.Layout == c.Layout);
            var design = scenario.Design!;
            // Re-solve the reported design independently of the optimizer and check every junction ≥ 25 m.
            var net = CompiledNetwork.Compile(scenario.Network, design);
            var batch = new HydraulicBatch(net, 1);
            foreach (var (id, d) in c.Design) batch.SetPipe(0, net.LinkIndex(id), d);
            new ScalarBackend().SolveHydraulics(batch);
            Assert.Equal(LaneStatus.Converged, batch.Status[0]);
            for (int j = 0; j < net.JunctionCount; j++) Assert.True(batch.Pressure(j, 0) >= 25 - 1e-6, $"{c.Layout} node {net.NodeIds[j]}");
            Assert.Equal(Enumerable.Range(0, net.JunctionCount).Min(j => batch.Pressure(j, 0)), c.MinPressure, 1e-6);
            double cost = c.Design.Sum(p => design.Catalog.Single(e => e.Diameter == p.Value).UnitCost * net.Length[net.LinkIndex(p.Key)]);
            Assert.Equal(cost, c.DiscreteCost, 1e-6 * cost);
        }
    }

    [Fact]
    public void Split_pipe_lp_is_a_lower_bound_only_for_the_branched_layout()
    {
        foreach (var c in R.Costs)
        {
            Assert.NotNull(c.SplitPipeCost);
            Assert.True(c.LpCertified);
            Assert.Equal(c.Layout == "branched", c.IsLowerBound);
            // The LP may keep the discrete design (x on its own size) so its optimum never exceeds the discrete cost.
            Assert.True(c.SplitPipeCost <= c.DiscreteCost * (1 + 1e-9), $"{c.Layout} {c.Algorithm}");
        }
        // On the branched layout the bound holds across runs: every discrete design costs at least any run's LP optimum.
        var branched = R.Costs.Where(c => c.Layout == "branched").ToList();
        Assert.All(branched, a => Assert.All(branched, b => Assert.True(a.SplitPipeCost <= b.DiscreteCost * (1 + 1e-9))));
    }

    [Fact]
    public void Pressure_sweep_scales_velocity_with_the_inflow_and_loses_pressure_as_it_grows()
    {
        Assert.Equal("branched", R.PressureLayout);
        var sizes = R.Pressure.Select(p => p.Diameter).Distinct().ToList();
        Assert.Equal(9, sizes.Count);
        foreach (var d in sizes)
        {
            var rows = R.Pressure.Where(p => p.Diameter == d).OrderBy(p => p.Multiplier).ToList();
            Assert.All(rows, p => Assert.True(p.Converged));
            var unit = rows.Single(p => p.Multiplier == 1.0);
            for (int i = 0; i < rows.Count; i++)
            {
                // Tree: the feeding pipe's flow is fixed by the downstream demands, so it scales with the multiplier.
                Assert.Equal(rows[i].Multiplier * unit.Velocity, rows[i].Velocity, 1e-9 * Math.Max(1, unit.Velocity));
                if (i > 0) Assert.True(rows[i].Pressure < rows[i - 1].Pressure);
            }
        }
        // h ∝ Q^1.852 makes pressure(velocity) close to a parabola: the quadratic fits at least as well as the exponential.
        Assert.NotEmpty(R.PressureFits);
        Assert.All(R.PressureFits, f => Assert.True(f.Polynomial.Rmse <= f.Exponential.Rmse));
    }

    [Fact]
    public void Report_files_are_written_and_tables_have_one_line_per_row()
    {
        string dir = Path.Combine(Path.GetTempPath(), "wdnaccel-tests", Guid.NewGuid().ToString("N"));
        var files = LayoutsStudyReport.WriteFiles(R, dir);
        Assert.Equal(9, files.Count);
        Assert.All(files, f => Assert.True(new FileInfo(Path.Combine(dir, f)).Length > 0));
        Assert.Equal(R.Costs.Count + 1, File.ReadAllLines(Path.Combine(dir, "costs.csv")).Length);
        Assert.Equal(R.Regimes.Count + 1, File.ReadAllLines(Path.Combine(dir, "reynolds_regimes.csv")).Length);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(dir, "pressure_vs_velocity.svg")));
        Assert.Contains("RECONSTRUCTION", File.ReadAllText(Path.Combine(dir, "summary.md")));
    }
}
