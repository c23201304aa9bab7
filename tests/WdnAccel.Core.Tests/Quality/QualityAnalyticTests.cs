using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Model;
using WdnAccel.Core.Quality;

namespace WdnAccel.Core.Tests.Quality;

/// <summary>
/// The engine against closed-form answers on small networks whose steady flows are given directly (no hydraulic
/// solve): first-order decay along a pipe c = c0·exp(−k·L/v) with and without a mass-transfer-limited wall reaction,
/// a complete-mix tank's decay and steady state, water age L/v and a source trace. EPANET's explicit reaction step
/// (c ← c·(1 + k·Δt)) is exact for the tank's steady state and within n·(kΔt)²/2 of the exponential otherwise.
/// </summary>
public sealed class QualityAnalyticTests
{
    private const double Length = 1000, Diameter = 0.3, TravelTime = 7200, QualityStep = 60;
    private static readonly double Flow = Math.PI / 4 * Diameter * Diameter * Length / TravelTime;

    /// <summary>Reservoir R (quality 1) → pipe P → junction J drawing the pipe's flow; 12 h, reports hourly.</summary>
    private static Network Pipeline(QualityMode mode, double bulkPerDay = 0, double wallPerDay = 0, double tolerance = 1e-9) => new()
    {
        Junctions = [new Junction("J", 0, [new DemandComponent(Flow)])],
        Reservoirs = [new Reservoir("R", 50)],
        Pipes = [new Pipe("P", "R", "J", Length, Diameter, 100)],
        Times = new SimulationTimes { Duration = 12 * 3600, HydraulicStep = 3600, QualityStep = QualityStep, ReportStep = 3600 },
        Quality = new QualitySettings
        {
            Mode = mode,
            TraceNodeId = mode == QualityMode.Trace ? "R" : null,
            Tolerance = tolerance,
            InitialQuality = mode == QualityMode.Chemical ? new Dictionary<string, double> { ["R"] = 1.0 } : new Dictionary<string, double>(),
        },
        Reactions = new ReactionSettings { GlobalBulk = bulkPerDay, GlobalWall = wallPerDay },
    };

    /// <summary>Hourly periods of constant flows (node outflow positive, a fixed-head node's net inflow) and the report steps.</summary>
    private static (List<HydraulicPeriod>, List<EpsStep>) Steady(EpsNetwork net, double hours, Func<int, double> flow, Func<int, double> demand)
    {
        var periods = new List<HydraulicPeriod>();
        var steps = new List<EpsStep>();
        for (int h = 0; h <= hours; h++)
        {
            var q = Enumerable.Range(0, net.LinkCount).Select(flow).ToArray();
            var d = Enumerable.Range(0, net.NodeCount).Select(demand).ToArray();
            var status = Enumerable.Repeat(EpsStatus.Open, net.LinkCount).ToArray();
            var head = new double[net.NodeCount];
            periods.Add(new HydraulicPeriod(h * 3600, h < hours ? 3600 : 0, head, d, q, status));
            steps.Add(new EpsStep(h * 3600, head, [], d, q, status, [], []));
        }
        return (periods, steps);
    }

    private static List<EpsStep> RunPipeline(Network network)
    {
        var net = EpsNetwork.Compile(network);
        int j = net.NodeIndex("J"), r = net.NodeIndex("R");
        var (periods, steps) = Steady(net, 12, _ => Flow, i => i == j ? Flow : i == r ? -Flow : 0);
        WaterQualitySimulation.Run(net, periods, steps);
        return steps;
    }

    [Fact]
    public void First_order_bulk_decay_along_a_pipe_is_c0_exp_minus_k_L_over_v()
    {
        double k = -0.5 / 86400;
        var steps = RunPipeline(Pipeline(QualityMode.Chemical, bulkPerDay: -0.5));
        double expected = Math.Exp(k * TravelTime), n = TravelTime / QualityStep, euler = n * Math.Pow(k * QualityStep, 2);
        foreach (var step in steps.Where(s => s.Time > TravelTime))
        {
            Assert.Equal(expected, step.NodeQuality![0], euler + 1e-9);
            // The link's quality is its segments' mean: ∫ exp(k·t) dt / T over the travel time.
            Assert.Equal((Math.Exp(k * TravelTime) - 1) / (k * TravelTime), step.LinkQuality![0], 1e-3);
        }
        // Before the reservoir's water arrives, the junction sees the pipe's initial water (its own initial quality, 0).
        Assert.Equal(0, steps[1].NodeQuality![0]);
        Assert.Equal(1.0, steps[6].NodeQuality![1]);
    }

    /// <summary>
    /// First-order wall reaction limited by mass transfer: k = 4/D·kw·kf/(kf + |kw|), kf = Sh·Dm/D with the
    /// Notter–Sleicher Sherwood number 0.0149·Re^0.88·Sc^0.333 (turbulent here), Dm = 1.3e-8 ft²/s (Rossman, Clark &amp;
    /// Grayman 1994, as EPANET's manual gives it).
    /// </summary>
    [Fact]
    public void Wall_reaction_is_limited_by_the_mass_transfer_coefficient()
    {
        var steps = RunPipeline(Pipeline(QualityMode.Chemical, bulkPerDay: -0.2, wallPerDay: -0.5));
        double ft2 = 0.3048 * 0.3048, nu = 1.1e-5 * ft2, dm = 1.3e-8 * ft2;
        double re = 4 * Flow / (Math.PI * Diameter * nu);
        Assert.True(re > 2300);
        double sh = 0.0149 * Math.Pow(re, 0.88) * Math.Pow(nu / dm, 0.333), kf = sh * dm / Diameter;
        double kw = 0.5 / 86400, wall = 4 / Diameter * kw * kf / (kf + kw), bulk = 0.2 / 86400;
        Assert.True(kf < 10 * kw, "the test should be transfer-limited");
        double expected = Math.Exp(-(bulk + wall) * TravelTime);
        double n = TravelTime / QualityStep, euler = n * Math.Pow((bulk + wall) * QualityStep, 2);
        Assert.Equal(expected, steps[^1].NodeQuality![0], euler + 1e-9);
    }

    [Fact]
    public void Water_age_at_the_end_of_a_pipe_is_its_travel_time()
    {
        var steps = RunPipeline(Pipeline(QualityMode.Age, tolerance: 0.01));
        foreach (var step in steps.Where(s => s.Time > TravelTime)) Assert.Equal(TravelTime / 3600, step.NodeQuality![0], 1e-6);
        Assert.Equal(0, steps[^1].NodeQuality![1]);
    }

    [Fact]
    public void Trace_is_100_percent_once_the_source_water_has_arrived()
    {
        var steps = RunPipeline(Pipeline(QualityMode.Trace, tolerance: 0.01));
        Assert.Equal(100, steps[0].NodeQuality![1]);
        Assert.Equal(0, steps[1].NodeQuality![0]);
        foreach (var step in steps.Where(s => s.Time > TravelTime)) Assert.Equal(100, step.NodeQuality![0], 1e-9);
    }

    /// <summary>A tank (quality 1, k = −1/day) on a pipe from a reservoir, no flow: c = c0·(1 + kΔt)^n ≈ exp(k·t).</summary>
    [Fact]
    public void A_complete_mix_tank_decays_at_its_first_order_rate()
    {
        var network = TankNetwork() with
        {
            Reactions = new ReactionSettings { TankBulk = new Dictionary<string, double> { ["T"] = -1.0 } },
        };
        var net = EpsNetwork.Compile(network);
        var (periods, steps) = Steady(net, 24, _ => 0, _ => 0);
        WaterQualitySimulation.Run(net, periods, steps);
        int t = net.NodeIndex("T");
        double k = -1.0 / 86400;
        foreach (var step in steps)
        {
            double n = step.Time / QualityStep;
            Assert.Equal(Math.Pow(1 + k * QualityStep, n), step.NodeQuality![t], 1e-12);
            Assert.Equal(Math.Exp(k * step.Time), step.NodeQuality[t], n * Math.Pow(k * QualityStep, 2) + 1e-12);
        }
    }

    /// <summary>
    /// Water at 1 mg/L through a complete-mix tank of volume V at flow q, decaying at k: the tank settles at
    /// c = q/(q − k·V), which EPANET's step reproduces exactly.
    /// </summary>
    [Fact]
    public void A_complete_mix_tank_with_throughflow_settles_at_q_over_q_minus_kV()
    {
        var network = TankNetwork() with
        {
            Junctions = [new Junction("J", 0, []), new Junction("OUT", 0, [new DemandComponent(0.02)])],
            Pipes = [new Pipe("P1", "R", "J", 100, 0.3, 100), new Pipe("P2", "J", "T", 100, 0.3, 100), new Pipe("P3", "T", "OUT", 100, 0.3, 100)],
            Reactions = new ReactionSettings { TankBulk = new Dictionary<string, double> { ["T"] = -2.0 } },
            Times = new SimulationTimes { Duration = 48 * 3600, HydraulicStep = 3600, QualityStep = QualityStep, ReportStep = 3600 },
        };
        var net = EpsNetwork.Compile(network);
        int r = net.NodeIndex("R"), o = net.NodeIndex("OUT"), t = net.NodeIndex("T");
        const double q = 0.02;
        var (periods, steps) = Steady(net, 48, _ => q, i => i == o ? q : i == r ? -q : 0);
        WaterQualitySimulation.Run(net, periods, steps);
        double volume = net.Tanks[0].InitialVolume, k = -2.0 / 86400;
        Assert.Equal(q / (q - k * volume), steps[^1].NodeQuality![t], 1e-6);
        Assert.Equal(steps[^1].NodeQuality![t], steps[^1].NodeQuality![o], 1e-3);
    }

    [Fact]
    public void A_solver_reused_for_another_run_gives_the_same_results()
    {
        var net = EpsNetwork.Compile(Pipeline(QualityMode.Chemical, bulkPerDay: -0.5, tolerance: 0.01));
        int j = net.NodeIndex("J"), r = net.NodeIndex("R");
        var (periods, first) = Steady(net, 12, _ => Flow, i => i == j ? Flow : i == r ? -Flow : 0);
        var (_, second) = Steady(net, 12, _ => Flow, i => i == j ? Flow : i == r ? -Flow : 0);
        var solver = new QualitySolver(QualityNetwork.Compile(net));
        solver.Run(periods, first);
        var arrays = first.Select(s => s.NodeQuality).ToList();
        solver.Run(periods, second);
        solver.Run(periods, first);
        for (int s = 0; s < first.Count; s++)
        {
            Assert.Same(arrays[s], first[s].NodeQuality);
            Assert.Equal(second[s].NodeQuality!, first[s].NodeQuality!);
            Assert.Equal(second[s].LinkQuality!, first[s].LinkQuality!);
        }
        Assert.Equal(second[^1].NodeQuality![j], solver.NodeQuality(j));
    }

    /// <summary>Reservoir R → pipe → junction J → pipe → tank T (quality 1, 10 m across, 3 m of water).</summary>
    private static Network TankNetwork() => new()
    {
        Junctions = [new Junction("J", 0, [])],
        Reservoirs = [new Reservoir("R", 50)],
        Tanks = [new Tank("T", 20, 3, 0.5, 6, 10)],
        Pipes = [new Pipe("P1", "R", "J", 100, 0.3, 100), new Pipe("P2", "J", "T", 100, 0.3, 100)],
        Times = new SimulationTimes { Duration = 24 * 3600, HydraulicStep = 3600, QualityStep = QualityStep, ReportStep = 3600 },
        Quality = new QualitySettings
        {
            Mode = QualityMode.Chemical,
            InitialQuality = new Dictionary<string, double> { ["T"] = 1.0, ["R"] = 1.0 },
        },
    };
}
