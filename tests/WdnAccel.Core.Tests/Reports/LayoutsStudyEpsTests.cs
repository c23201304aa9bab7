using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Reports;
using WdnAccel.Core.Tests.Support;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Core.Tests.Reports;

public class LayoutsStudyEpsTests
{
    private static Scenario Layout(string name) => ScenarioFile.Load(RepoPaths.Data("scenarios", $"layouts-{name}.wdn")).Scenario;

    private static DiurnalDesignProblem Problem(string layout, IReadOnlyList<double>? multipliers = null, IReadOnlyList<DesignPump>? pumps = null) =>
        new(Layout(layout), multipliers ?? LayoutsStudyEps.ResidentialMultipliers, pumps ?? LayoutsStudyEps.PumpCatalog, new DiurnalDesignCost(), threads: 1);

    /// <summary>A design with every decision pipe at catalog option <paramref name="option"/>, then the pump genes.</summary>
    private static int[] Uniform(DiurnalDesignProblem p, int option, params int[] pumps)
    {
        var genome = new int[p.Dimensions];
        Array.Fill(genome, option, 0, p.PipeCount);
        pumps.CopyTo(genome, p.PipeCount);
        return genome;
    }

    [Theory]
    [InlineData("branched", 3, new[] { 2 })]
    [InlineData("looped", 2, new[] { 0, 1 })]
    [InlineData("hybrid", 1, new[] { 3 })]
    public void Day_minimum_pressure_and_energy_equal_the_plain_engines_report_steps(string layout, int size, int[] pumps)
    {
        var p = Problem(layout);
        var genome = Uniform(p, size, pumps);
        // Another design first: the worker's compiled network must not keep anything of it.
        p.Assess(Uniform(p, 8, new int[pumps.Length]));
        var fast = p.Assess(genome);

        // The plain path: the same design as a network, compiled afresh and run with every step recorded.
        var network = p.BuildNetwork(genome);
        var plain = ExtendedPeriodSimulation.Run(network);
        var junctions = network.Junctions.Select(j => j.Id).Where(id => !id.EndsWith("-PUMPED", StringComparison.Ordinal)).ToList();
        Assert.Equal(25, plain.Steps.Count);
        Assert.Equal(plain.Steps.Select(s => s.Time), fast.Times);
        for (int t = 0; t < plain.Steps.Count; t++)
        {
            double low = junctions.Min(id => plain.Steps[t].Pressure[plain.Network.NodeIndex(id)]);
            Assert.Equal(low, fast.MinPressureByTime[t], 1e-9);
        }
        Assert.Equal(plain.Steps.Min(s => junctions.Min(id => s.Pressure[plain.Network.NodeIndex(id)])), fast.MinPressure, 1e-9);
        Assert.Equal(plain.Energy.KilowattHours.Sum(), fast.DailyKilowattHours, 1e-9);
        Assert.True(fast.Solved);
        Assert.Equal(layout == "looped" ? ["none", "P5m"] : [LayoutsStudyEps.PumpCatalog[pumps[0] - 1].Label], fast.Pumps);
    }

    [Fact]
    public void Capital_recovery_factors_match_the_annuity_formula_by_hand()
    {
        // i(1+i)^n / ((1+i)^n − 1), worked with a calculator.
        Assert.Equal(0.0724598495, DiurnalDesignCost.CapitalRecoveryFactor(0.07, 50), 1e-10);
        Assert.Equal(0.1097946247, DiurnalDesignCost.CapitalRecoveryFactor(0.07, 15), 1e-10);
        Assert.Equal(0.1, DiurnalDesignCost.CapitalRecoveryFactor(0, 10), 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => DiurnalDesignCost.CapitalRecoveryFactor(0.07, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiurnalDesignCost.CapitalRecoveryFactor(-0.01, 10));
    }

    [Fact]
    public void Annual_cost_is_annualized_pipes_and_pump_plus_a_year_of_the_days_energy()
    {
        var scenario = Layout("branched");
        var p = Problem("branched");
        var genome = Uniform(p, 4, 2); // every pipe 40.8 mm, pump P10m
        var a = p.Assess(genome, recordSteps: true);

        // Pipes: Σ unit cost × length from the scenario itself; pump: its catalog capital.
        var unit = scenario.Design!.Catalog[4].UnitCost;
        double pipeCapital = scenario.Network.Pipes.Where(x => scenario.Design.DecisionPipes.Contains(x.Id)).Sum(x => unit * x.Length);
        Assert.Equal(pipeCapital, a.PipeCapital, 1e-9);
        Assert.Equal(0.0724598495 * pipeCapital, a.AnnualPipeCost, 1e-6);
        Assert.Equal(650, a.PumpCapital);
        Assert.Equal(0.1097946247 * 650, a.AnnualPumpCost, 1e-6);

        // Energy: γ·Q·H/η for each hour of the day (independent of EPANET's ft/hp constants, to 0.1 %), × 365 × 0.13.
        var run = a.Run!;
        int pump = run.Network.LinkIndex("R1-PUMP");
        double kwh = 0;
        foreach (var s in run.Steps.Where(s => s.Time < 86_400))
        {
            double lift = s.Head[run.Network.To[pump]] - s.Head[run.Network.From[pump]];
            kwh += 1000 * 9.80665 * s.Flow[pump] * lift / 0.75 / 1000 * 1.0;
        }
        Assert.Equal(kwh, a.DailyKilowattHours, 1e-3 * kwh);
        Assert.Equal(365 * 0.13 * a.DailyKilowattHours, a.AnnualEnergyCost, 1e-9);
        Assert.Equal(a.AnnualPipeCost + a.AnnualPumpCost + a.AnnualEnergyCost, a.AnnualCost, 1e-9);
        // The day's mean inflow is the paper's 1.15 m³/h: the pump carries the whole demand.
        double pumped = run.Steps.Where(s => s.Time < 86_400).Average(s => s.Flow[pump]);
        Assert.Equal(1.15 * Math.Pow(0.3048, 3) / 101.94, pumped, 1e-12);
    }

    [Fact]
    public void A_design_feasible_at_the_snapshot_but_short_at_the_peak_hour_is_rejected()
    {
        var scenario = Layout("branched");
        var net = PipeSizingRun.Compile(scenario, "branched");
        var snapshot = PipeSizingRun.Execute(net, scenario.Design!, new ScalarBackend(), "cro", new OptimizerSettings { Seed = 2, MaxEvaluations = 1500 });
        Assert.True(snapshot.Result.FoundFeasible);
        Assert.True(snapshot.MinPressureMargin >= 0);

        // Through the day: the peak hour (17, multiplier 1.477) drops it below 25 m; the night (0.54) does not.
        var p = Problem("branched");
        var genome = p.Encode(snapshot.Design);
        var day = p.Assess(genome);
        Assert.Equal(17 * 3600, p.PeakTime);
        Assert.False(day.Feasible);
        Assert.True(day.Violation > 0);
        Assert.True(day.MinPressureByTime[17] < 25);
        Assert.True(day.MinPressureByTime[0] >= 25);
        var e = p.ToEvaluation(day);
        Assert.False(e.Feasible);
        Assert.Equal(e.Cost + p.PenaltyPerViolation * day.Violation, e.Fitness, 1e-9);

        // At a flat profile (multiplier 1, the snapshot's demand) the same design holds, at the snapshot's lowest pressure.
        var flat = Problem("branched", [1.0]).Assess(genome);
        Assert.True(flat.Feasible);
        double snapshotLow = Enumerable.Range(0, net.JunctionCount).Min(j => snapshot.BestSolved!.Pressure(j, 0));
        Assert.Equal(snapshotLow, flat.MinPressure, 1e-3);
    }

    [Fact]
    public void Pump_choices_cover_every_combination_once_and_fix_the_pump_genes()
    {
        var looped = Problem("looped");
        var choices = looped.PumpChoices().ToList();
        Assert.Equal(16, choices.Count);
        Assert.Equal(16, choices.Select(c => string.Join(',', c)).Distinct().Count());
        Assert.Equal([0, 0], choices[0]);
        Assert.Equal(["R1", "R2"], looped.Sources);

        // A pipes-only view scores a pipe genome as the full problem scores it with those pumps appended.
        var view = looped.PipesOnly([2, 0]);
        Assert.Equal(looped.PipeCount, view.Dimensions);
        var pipes = Enumerable.Repeat(3, looped.PipeCount).ToArray();
        var results = new Evaluation[1];
        view.Evaluate(pipes, 1, results);
        var full = looped.ToEvaluation(looped.Assess(Uniform(looped, 3, 2, 0)));
        Assert.Equal(full, results[0]);
        Assert.Throws<ArgumentException>(() => looped.PipesOnly([4, 0]));
    }

    [Fact]
    public void The_residential_profile_is_the_published_one_scaled_to_mean_one()
    {
        var published = LayoutsStudyEps.ResidentialPublished;
        var m = LayoutsStudyEps.ResidentialMultipliers;
        Assert.Equal(24, m.Count);
        Assert.Equal(1.0, m.Average(), 1e-12);
        Assert.Equal(24.37 / 24, published.Average(), 1e-12);
        for (int h = 0; h < 24; h++) Assert.Equal(published[h] / (24.37 / 24), m[h], 1e-12);
        Assert.Equal(1.5 / (24.37 / 24), m.Max(), 1e-12);
        // Pump design flow: the peak-hour inflow, 1.15 m³/h × 1.477 ≈ 1.70 m³/h.
        Assert.Equal(LayoutsStudyEps.PumpDesignFlow * 3600, 1.15 * m.Max(), 0.01);
    }

    [Fact]
    public void The_papers_design_inflows_are_a_velocity_band_of_0_3_to_2_9_m_per_s()
    {
        static double V(double q, double d) => q / (Math.PI * d * d / 4);
        Assert.Equal(LayoutsStudyEpsReport.PaperVelocityLow, V(0.0212, 0.3), 1e-3);
        Assert.Equal(LayoutsStudyEpsReport.PaperVelocityHigh, V(0.205, 0.3), 1e-3);
        Assert.Equal(LayoutsStudyEpsReport.PaperVelocityLow, V(0.0589, 0.5), 1e-3);
        Assert.Equal(LayoutsStudyEpsReport.PaperVelocityHigh, V(0.5694, 0.5), 1e-3);
    }

    [Fact]
    public void A_tiny_study_run_is_deterministic_and_reports_the_cheapest_pump_choice()
    {
        var layouts = new[] { ("branched", Layout("branched")) };
        var options = new LayoutsStudyEpsOptions { Evaluations = 300, Seed = 5, Threads = 2, Pumps = [LayoutsStudyEps.PumpCatalog[1]] };
        var a = LayoutsStudyEps.Run(layouts, new ScalarBackend(), options);
        var b = LayoutsStudyEps.Run(layouts, new ScalarBackend(), options with { Threads = 1 });
        var l = a.Layouts.Single();
        Assert.Equal(["none", "P10m"], l.Choices.Select(c => c.Pumps));
        Assert.Equal(l.Choices.Select(c => c.AnnualCost), b.Layouts[0].Choices.Select(c => c.AnnualCost));
        Assert.Equal(l.Design, b.Layouts[0].Design);
        Assert.Equal(2 * 300, l.Evaluations);
        Assert.True(l.Feasible);
        Assert.Equal(l.Choices.Where(c => c.Result.FoundFeasible).Min(c => c.AnnualCost), l.Best!.AnnualCost, 1e-9);
        Assert.True(l.Best.MinPressure >= 25);
        // The peak-hour row of pipe 1 (it carries the whole inflow): 1.15 m³/h × the peak multiplier, with m³/h
        // converted as EPANET does (types.h: CMHperCFS = 101.94, 6.4 ppm above 1/3600).
        var pipe1 = l.Pipes.Single(r => r.Pipe == "1");
        Assert.Equal(1.15 * Math.Pow(0.3048, 3) / 101.94 * LayoutsStudyEps.ResidentialMultipliers.Max(), pipe1.PeakFlow, 1e-10);
        // The snapshot reference is feasible at its snapshot and fails the day (it has a 0.2-m-class margin at the mean).
        Assert.True(l.SnapshotFeasible);
        Assert.False(l.SnapshotDay!.Feasible);
        Assert.True(l.SnapshotShortTimes > 0);
    }

    [Fact]
    public void Unsupported_inputs_are_bad_input()
    {
        var scenario = Layout("branched");
        var noPipe = scenario with { Design = scenario.Design! with { Catalog = [.. scenario.Design.Catalog, new CatalogEntry(0, 0)] } };
        Assert.Throws<InvalidInputException>(() => new DiurnalDesignProblem(noPipe, [1.0], [], new DiurnalDesignCost()));
        Assert.Throws<InvalidInputException>(() => new DiurnalDesignProblem(scenario, [], [], new DiurnalDesignCost()));
        Assert.Throws<InvalidInputException>(() => new DiurnalDesignProblem(scenario, [1.0], [new DesignPump("none", 1e-3, 5, 100)], new DiurnalDesignCost()));
        Assert.Throws<InvalidInputException>(() => new DiurnalDesignProblem(scenario, [1.0], [], new DiurnalDesignCost { PumpEfficiency = 0 }));
    }
}
