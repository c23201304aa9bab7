using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Tests.Support;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Core.Tests.Problems;

public class ResilienceIndexTests
{
    // Reservoir at 100 m → one 1000 m pipe (0.3 m, C 130) → a junction at 50 m needing 30 m of pressure (h* = 80 m).
    private const double L = 1000, D = 0.3, C = 130, Omega = 10.667, Reservoir = 100, Elevation = 50, MinPressure = 30;

    private static (CompiledNetwork Net, PipeSizingProblem Problem, ResilienceIndex Index) SinglePipe(double demand, params DemandCase[] cases) =>
        SinglePipe(demand, new HydraulicOptions { Omega = Omega }, cases);

    private static (CompiledNetwork Net, PipeSizingProblem Problem, ResilienceIndex Index) SinglePipe(double demand, HydraulicOptions options, params DemandCase[] cases)
    {
        var net = new Network
        {
            Junctions = [new Junction("J", Elevation, [new DemandComponent(demand)])],
            Reservoirs = [new Reservoir("R", Reservoir)],
            Pipes = [new Pipe("P", "R", "J", L, D, C)],
            DemandCases = cases,
            Options = options,
        };
        var design = new DesignSpec { Catalog = [new CatalogEntry(D, 1)], DecisionPipes = ["P"], MinPressure = MinPressure };
        var compiled = CompiledNetwork.Compile(net, design);
        return (compiled, new PipeSizingProblem(compiled, design, new ScalarBackend()), new ResilienceIndex(compiled, design));
    }

    /// <summary>Hazen–Williams head at the junction by hand: h = H_R − ω L q^1.852 / (C^1.852 D^4.871).</summary>
    private static double HandHead(double q) => Reservoir - Omega * L * Math.Pow(q, 1.852) / (Math.Pow(C, 1.852) * Math.Pow(D, 4.871));

    [Fact]
    public void One_pipe_index_is_the_share_of_the_surplus_head_left_at_the_junction()
    {
        const double q = 0.05;
        var (_, problem, index) = SinglePipe(q);
        var solved = problem.Solve([0]);

        // I_r = q (h − h*) / (Q_R H_R − q h*) with Q_R = q: (h − 80) / (100 − 80). By hand: loss = 10.667·1000·0.05^1.852 / (130^1.852·0.3^4.871)
        // = 1.78 m, h = 98.22 m, I_r = 18.22 / 20 = 0.911.
        double h = HandHead(q);
        double expected = (h - (Elevation + MinPressure)) / (Reservoir - (Elevation + MinPressure));
        Assert.InRange(expected, 0.905, 0.915); // the hand numbers themselves
        Assert.Equal(expected, index.Lane(solved, 0, 0), 1e-6);
        Assert.Equal(expected, index.Design(solved, 0), 1e-6);
        Assert.Equal(Elevation + MinPressure, index.RequiredHead(0, 0));
        Assert.Equal(h - 80, index.MinimumSurplus(solved, 0), 1e-5);
    }

    [Fact]
    public void A_design_takes_its_least_resilient_demand_case()
    {
        // Case "peak" doubles the demand: the loss grows by 2^1.852, so its index is the smaller one.
        var (_, problem, index) = SinglePipe(0.05, new DemandCase("base"), new DemandCase("peak", 2));
        var solved = problem.Solve([0]);
        double Expected(double q) => (HandHead(q) - 80) / 20;
        Assert.Equal(Expected(0.05), index.Lane(solved, 0, 0), 1e-6);
        Assert.Equal(Expected(0.10), index.Lane(solved, 1, 1), 1e-6);
        Assert.True(Expected(0.10) < Expected(0.05) - 0.1);
        Assert.Equal(Expected(0.10), index.Design(solved, 0), 1e-6);
        Assert.Equal(HandHead(0.10) - 80, index.MinimumSurplus(solved, 0), 1e-5);
    }

    /// <summary>
    /// Under pressure-driven demand (nothing at 0 m, the full demand from 60 m) the junction delivers part of its
    /// 0.12 m³/s, and the reservoir supplies only that: I_r = q_d (h − h*) / (q_d H_R − q_d h*) = (h − 80) / (100 − 80).
    /// Taking the full demand in the numerator and the requirement broke that balance.
    /// </summary>
    [Fact]
    public void Under_pressure_driven_demand_the_index_takes_what_the_junction_delivers()
    {
        var (_, problem, index) = SinglePipe(0.12, new HydraulicOptions { Omega = Omega, DemandModel = DemandModel.PressureDriven, MinimumPressure = 0, RequiredPressure = 60 });
        var solved = problem.Solve([0]);
        Assert.Equal(LaneStatus.Converged, solved.Status[0]);
        Assert.InRange(solved.DemandFlow[0], 0.05, 0.115); // part of the demand
        double h = solved.Head[0];
        Assert.InRange(h, 81, 99);
        Assert.Equal((h - 80) / (100 - 80), index.Lane(solved, 0, 0), 1e-9);
    }

    [Fact]
    public void A_lane_that_did_not_converge_has_no_index()
    {
        var (_, problem, index) = SinglePipe(0.05);
        var solved = problem.Solve([0]);
        solved.Status[0] = LaneStatus.NotConverged;
        Assert.True(double.IsNaN(index.Lane(solved, 0, 0)));
        Assert.True(double.IsNaN(index.MinimumSurplus(solved, 0)));
    }

    [Fact]
    public void Two_loop_published_optimum_lies_inside_zero_one_and_larger_pipes_raise_it()
    {
        // Alperovits & Shamir two-loop optimum, $419,000: pipes 1..8 at 18, 10, 16, 4, 16, 10, 10, 1 in.
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", "TLN.wdn")).Scenario;
        var design = scenario.Design!;
        var compiled = CompiledNetwork.Compile(scenario.Network, design);
        var problem = new PipeSizingProblem(compiled, design, new ScalarBackend());
        var index = new ResilienceIndex(compiled, design);
        int[] inches = [18, 10, 16, 4, 16, 10, 10, 1];
        int[] genome = inches.Select(d => design.Catalog.ToList().FindIndex(e => Math.Abs(e.Diameter - d * 0.0254) < 1e-12)).ToArray();
        Assert.Equal(419_000, problem.Cost(genome), 6);

        double optimum = index.Design(problem.Solve(genome), 0);
        Assert.InRange(optimum, 0.01, 0.99);

        // Every pipe one catalog size larger (20, 12, 18, 6, 18, 12, 12, 2 in): less head lost, more left over.
        int[] larger = genome.Select(g => g + 1).ToArray();
        double bigger = index.Design(problem.Solve(larger), 0);
        Assert.InRange(bigger, optimum + 0.05, 0.99);
    }

    [Fact]
    public void Index_agrees_with_the_energy_balance_on_a_pumped_network()
    {
        // GoYang has a pump: input power = reservoir outflow × head + pump power; it must equal the power delivered
        // (Σ q h) plus the power the pipes dissipate (Σ Q Δh), so I_r = Σ q (h − h*) / (Σ q (h − h*) + dissipated).
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", "GOY.wdn")).Scenario;
        var design = scenario.Design!;
        var compiled = CompiledNetwork.Compile(scenario.Network, design);
        Assert.Equal(1, compiled.PumpCount);
        var problem = new PipeSizingProblem(compiled, design, new ScalarBackend());
        var index = new ResilienceIndex(compiled, design);
        int largest = design.Catalog.Count - 1;
        foreach (int option in new[] { largest, largest - 2 })
        {
            var genome = Enumerable.Repeat(option, problem.Dimensions).ToArray();
            var solved = problem.Solve(genome);
            Assert.Equal(LaneStatus.Converged, solved.Status[0]);
            double delivered = 0, dissipated = 0, pumped = 0;
            for (int j = 0; j < compiled.JunctionCount; j++)
            {
                delivered += solved.Demand[j] * (solved.Head[j] - index.RequiredHead(j, 0));
            }
            for (int link = 0; link < compiled.PipeCount; link++)
            {
                dissipated += solved.Flow[link] * (solved.Head[compiled.From[link]] - solved.Head[compiled.To[link]]);
            }
            int pump = compiled.PipeCount;
            pumped = solved.Flow[pump] * (solved.Head[compiled.To[pump]] - solved.Head[compiled.From[pump]]);
            Assert.True(pumped > 0, "the pump must add power for this check to cover it");
            Assert.True(dissipated > 0);
            double expected = delivered / (delivered + dissipated);
            Assert.Equal(expected, index.Lane(solved, 0, 0), 2e-3 * expected);
        }
    }
}
