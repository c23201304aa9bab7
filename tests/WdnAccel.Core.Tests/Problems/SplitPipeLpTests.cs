using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Tests.Support;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Core.Tests.Problems;

public class SplitPipeLpTests
{
    [Fact]
    public void Single_pipe_split_matches_the_closed_form_and_is_a_lower_bound()
    {
        const double L = 1000, q = 0.05, c = 130, omega = 10.667, available = 20;
        var refined = RefineSinglePipe(new HydraulicOptions { Omega = omega }, c);

        // By hand: head loss per metre j_d = ω q^1.852 / (C^1.852 D^4.871); x₁ + x₂ = L and j₁x₁ + j₂x₂ = 20 m at the optimum.
        double J(double d) => omega * Math.Pow(q, 1.852) / (Math.Pow(c, 1.852) * Math.Pow(d, 4.871));
        double x1 = (available - J(0.25) * L) / (J(0.15) - J(0.25));
        double expected = 20 * x1 + 60 * (L - x1);
        Assert.Equal(LpStatus.Optimal, refined.Lp.Status);
        Assert.True(refined.Lp.Certified);
        Assert.True(refined.IsLowerBound);
        Assert.Equal(expected, refined.Cost!.Value.ToDouble(), 1e-6 * expected);
        Assert.Equal(60_000, refined.DiscreteCost.ToDouble());
        var segments = refined.Split["P"];
        Assert.Equal(x1, segments.Single(s => s.Diameter == 0.15).Length, 1e-6);
    }

    [Theory]
    [InlineData(HeadLossModel.DarcyWeisbach, 0.00026)] // ε = 0.26 mm
    [InlineData(HeadLossModel.ChezyManning, 0.013)]    // Manning's n
    public void Single_pipe_split_takes_its_losses_from_the_networks_own_formula(HeadLossModel model, double roughness)
    {
        // The closed form above with j_d by the network's formula at q, written out here: Darcy–Weisbach with
        // Swamee–Jain's f (both Reynolds numbers are turbulent) and EPANET's g and ν; Chezy–Manning as EPANET takes it
        // in feet. A Hazen–Williams j (the formula the LP once assumed everywhere) moves the split by metres.
        const double L = 1000, q = 0.05, available = 20, ft = 0.3048;
        double J(double d)
        {
            if (model == HeadLossModel.ChezyManning)
            {
                double dFt = d / ft, a = 4 * roughness / (1.49 * Math.PI * dFt * dFt), qCfs = q / (ft * ft * ft);
                return a * a * Math.Pow(dFt / 4, -1.333) * qCfs * qCfs; // ft per ft = m per m
            }
            double v = 4 * q / (Math.PI * d * d), re = v * d / (1.1e-5 * ft * ft);
            double f = 0.25 / Math.Pow(Math.Log10(roughness / (3.7 * d) + 5.74 / Math.Pow(re, 0.9)), 2);
            return f / d * v * v / (2 * 32.2 * ft);
        }
        var refined = RefineSinglePipe(new HydraulicOptions { HeadLoss = model }, roughness);

        double x1 = (available - J(0.25) * L) / (J(0.15) - J(0.25));
        Assert.InRange(x1, 50, 950);
        Assert.Equal(LpStatus.Optimal, refined.Lp.Status);
        Assert.True(refined.IsLowerBound);
        Assert.Equal(x1, refined.Split["P"].Single(s => s.Diameter == 0.15).Length, 1e-6 * L);
        Assert.Equal(20 * x1 + 60 * (L - x1), refined.Cost!.Value.ToDouble(), 1e-6 * 60 * L);
    }

    [Fact]
    public void Two_loop_published_optimum_is_feasible_and_refines_below_its_cost()
    {
        // Alperovits & Shamir two-loop optimum, $419,000: pipes 1..8 at 18, 10, 16, 4, 16, 10, 10, 1 in (Savic & Walters 1997).
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", "TLN.wdn")).Scenario;
        var design = scenario.Design!;
        var compiled = CompiledNetwork.Compile(scenario.Network, design);
        var problem = new PipeSizingProblem(compiled, design, new ScalarBackend());
        int[] inches = [18, 10, 16, 4, 16, 10, 10, 1];
        int[] genome = inches.Select(d => design.Catalog.ToList().FindIndex(e => Math.Abs(e.Diameter - d * 0.0254) < 1e-12)).ToArray();
        Assert.Equal(419_000, problem.Cost(genome), 6);
        var solved = problem.Solve(genome);
        Assert.Equal(0, problem.Check(solved).Violation);

        var refined = SplitPipeLp.Refine(compiled, design, solved, genome);
        Assert.True(refined.Lp.Certified);
        Assert.False(refined.IsLowerBound); // looped
        Assert.Equal(419_000, refined.DiscreteCost.ToDouble(), 6);
        Assert.InRange(refined.Cost!.Value.ToDouble(), 350_000, 419_000);
        // Every decision pipe's split lengths add up to its length.
        foreach (var (_, segments) in refined.Split) Assert.Equal(1000, segments.Sum(s => s.Length), 1e-6);
    }

    [Fact]
    public void Looped_refinement_never_costs_more_than_the_design_it_refines_nor_lays_micro_segments()
    {
        // A New York tunnels design DE found (parallel pipes in inches). Before the LP carried the hydraulic
        // solution's residual, the loops could only close exactly by paying: 1.1e-5 above the discrete cost, with
        // segments of 0.5 mm.
        var (compiled, design, problem) = Load("NYT.wdn");
        var inches = new Dictionary<string, int> { ["107"] = 120, ["108"] = 48, ["116"] = 96, ["117"] = 96, ["118"] = 84, ["119"] = 72, ["121"] = 72 };
        int[] genome = compiled.DecisionPipes
            .Select(p => inches.TryGetValue(compiled.LinkIds[p], out int d) ? d : 0)
            .Select(d => design.Catalog.ToList().FindIndex(e => Math.Abs(e.Diameter - d * 0.0254) < 1e-9))
            .ToArray();
        Assert.DoesNotContain(-1, genome);
        var solved = problem.Solve(genome);
        Assert.Equal(0, problem.Check(solved).Violation);

        var refined = SplitPipeLp.Refine(compiled, design, solved, genome);
        Assert.True(refined.Lp.Certified);
        Assert.True(refined.Cost <= refined.DiscreteCost, $"{refined.Cost} > {refined.DiscreteCost}");
        Assert.True(refined.Bound <= refined.Cost);
        Assert.All(refined.Split.Values.SelectMany(s => s), s => Assert.True(s.Length >= SplitPipeLp.DefaultMinSegmentLength, $"segment of {s.Length} m"));
    }

    [Fact]
    public void Segments_shorter_than_the_minimum_are_forbidden_and_the_lp_solved_again()
    {
        var (compiled, design, problem) = Load("TLN.wdn");
        int[] inches = [18, 10, 16, 4, 16, 10, 10, 1];
        int[] genome = inches.Select(d => design.Catalog.ToList().FindIndex(e => Math.Abs(e.Diameter - d * 0.0254) < 1e-12)).ToArray();
        var solved = problem.Solve(genome);

        var free = SplitPipeLp.Refine(compiled, design, solved, genome, minSegmentLength: 0);
        var shortest = free.Split.Values.SelectMany(s => s).Min(s => s.Length);
        Assert.True(shortest < 100, $"the unrestricted split's shortest segment is {shortest} m; the test needs one under 100 m");

        var refined = SplitPipeLp.Refine(compiled, design, solved, genome, minSegmentLength: 100);
        Assert.True(refined.ShortSegmentsRemoved > 0);
        Assert.All(refined.Split.Values.SelectMany(s => s), s => Assert.True(s.Length >= 100, $"segment of {s.Length} m"));
        foreach (var (_, segments) in refined.Split) Assert.Equal(1000, segments.Sum(s => s.Length), 1e-6);
        // Forbidding segments can only cost more than the free split, never more than the discrete design.
        Assert.Equal(free.Cost, free.Bound);
        Assert.True(refined.Cost >= free.Cost);
        Assert.True(refined.Cost <= refined.DiscreteCost);
        Assert.Equal(free.Bound, refined.Bound);
    }

    /// <summary>
    /// Reservoir 100 m → one 1000 m pipe (0.05 m³/s) → junction at 50 m needing 30 m: 20 m of head may be lost. The
    /// discrete design at 0.25 m (feasible, cost 60 000) refined with a 0.15 m option at 20 per metre.
    /// </summary>
    /// <summary>
    /// The same single pipe with an emitter at its end, or under pressure-driven demand: the junction's outflow, and so the
    /// pipe's flow, depends on the pressure the diameters give, so the LP at the solved flow is no lower bound.
    /// </summary>
    [Theory]
    [InlineData("emitter")]
    [InlineData("pda")]
    public void A_tree_whose_outflows_depend_on_pressure_gives_no_lower_bound(string feature)
    {
        var options = feature == "pda" ? new HydraulicOptions { DemandModel = DemandModel.PressureDriven, MinimumPressure = 0, RequiredPressure = 60 } : new HydraulicOptions();
        var refined = RefineSinglePipe(options, 130, emitter: feature == "emitter" ? 1e-3 : 0);
        Assert.Equal(LpStatus.Optimal, refined.Lp.Status);
        Assert.False(refined.IsLowerBound);
    }

    private static SplitPipeResult RefineSinglePipe(HydraulicOptions options, double roughness, double emitter = 0)
    {
        var net = new Network
        {
            Junctions = [new Junction("J", 50, [new DemandComponent(0.05)]) { EmitterCoefficient = emitter }],
            Reservoirs = [new Reservoir("R", 100)],
            Pipes = [new Pipe("P", "R", "J", 1000, 0.3, roughness)],
            Options = options,
        };
        var design = new DesignSpec { Catalog = [new CatalogEntry(0.15, 20), new CatalogEntry(0.25, 60)], DecisionPipes = ["P"], MinPressure = 30 };
        var compiled = CompiledNetwork.Compile(net, design);
        var problem = new PipeSizingProblem(compiled, design, new ScalarBackend());
        int[] genome = [1];
        var solved = problem.Solve(genome);
        Assert.Equal(0, problem.Check(solved).Violation);
        return SplitPipeLp.Refine(compiled, design, solved, genome);
    }

    private static (CompiledNetwork Compiled, DesignSpec Design, PipeSizingProblem Problem) Load(string file)
    {
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", file)).Scenario;
        var compiled = CompiledNetwork.Compile(scenario.Network, scenario.Design!);
        return (compiled, scenario.Design!, new PipeSizingProblem(compiled, scenario.Design!, new ScalarBackend()));
    }
}
