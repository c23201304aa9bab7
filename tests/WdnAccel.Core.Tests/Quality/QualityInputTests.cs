using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Quality;

namespace WdnAccel.Core.Tests.Quality;

/// <summary>Quality data that do not fit the network are an <see cref="InvalidInputException"/> naming the problem.</summary>
public sealed class QualityInputTests
{
    private static Network Base(QualitySettings? quality = null) => new()
    {
        Junctions = [new Junction("J", 0, [new DemandComponent(0.01)])],
        Reservoirs = [new Reservoir("R", 50)],
        Tanks = [new Tank("T", 20, 3, 0.5, 6, 10)],
        Pipes = [new Pipe("P1", "R", "J", 100, 0.3, 100), new Pipe("P2", "J", "T", 100, 0.3, 100)],
        Patterns = [new Pattern("PAT", [1.0, 0.5])],
        Times = new SimulationTimes { Duration = 7200, HydraulicStep = 3600 },
        Quality = quality ?? new QualitySettings { Mode = QualityMode.Chemical },
    };

    private static string Fails(Network network)
    {
        var e = Assert.Throws<InvalidInputException>(() => QualityNetwork.Compile(EpsNetwork.Compile(network), "net.inp"));
        Assert.StartsWith("net.inp", e.Message);
        return e.Problem;
    }

    public static TheoryData<string, Func<Network, Network>> Broken() => new()
    {
        { "source at unknown node 'X'", n => n with { Sources = [new QualitySource("X", SourceType.Concentration, 1)] } },
        { "unknown pattern 'NOPE'", n => n with { Sources = [new QualitySource("R", SourceType.Concentration, 1, "NOPE")] } },
        { "strength is not a number", n => n with { Sources = [new QualitySource("J", SourceType.Mass, double.NaN)] } },
        { "trace node 'X' is not a node", n => n with { Quality = new QualitySettings { Mode = QualityMode.Trace, TraceNodeId = "X" } } },
        { "trace node '' is not a node", n => n with { Quality = new QualitySettings { Mode = QualityMode.Trace } } },
        { "initial quality of unknown node 'X'", n => n with { Quality = n.Quality with { InitialQuality = new Dictionary<string, double> { ["X"] = 1 } } } },
        { "'J', which is not a pipe", n => n with { Reactions = new ReactionSettings { PipeBulk = new Dictionary<string, double> { ["J"] = -1 } } } },
        { "'P9', which is not a pipe", n => n with { Reactions = new ReactionSettings { PipeWall = new Dictionary<string, double> { ["P9"] = -1 } } } },
        { "'J', which is not a tank", n => n with { Reactions = new ReactionSettings { TankBulk = new Dictionary<string, double> { ["J"] = -1 } } } },
        { "wall reaction order is 0 or 1", n => n with { Reactions = new ReactionSettings { WallOrder = 2 } } },
        { "global bulk coefficient is not a number", n => n with { Reactions = new ReactionSettings { GlobalBulk = double.NaN } } },
        { "tolerance must be >= 0", n => n with { Quality = n.Quality with { Tolerance = -1 } } },
        { "relative diffusivity must be >= 0", n => n with { Quality = n.Quality with { RelativeDiffusivity = -1 } } },
        { "mixing zone is a fraction in (0, 1]", n => n with { Tanks = [n.Tanks[0] with { Mixing = MixingModel.TwoCompartment, MixingFraction = 0 }] } },
        { "mixing zone is a fraction in (0, 1]", n => n with { Tanks = [n.Tanks[0] with { Mixing = MixingModel.TwoCompartment, MixingFraction = 1.5 }] } },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Quality_data_that_do_not_fit_the_network_are_named(string problem, Func<Network, Network> breakIt)
    {
        string message = Fails(breakIt(Base()));
        Assert.StartsWith("water quality: ", message);
        Assert.Contains(problem, message);
    }

    [Fact]
    public void A_run_without_its_hydraulic_periods_is_refused()
    {
        var network = Base();
        var net = EpsNetwork.Compile(network);
        var run = ExtendedPeriodSimulation.Run(net, new EpsSolver(net), keepPeriods: false);
        var e = Assert.Throws<InvalidInputException>(() => WaterQualitySimulation.Run(run));
        Assert.Contains("keepPeriods", e.Message);
    }

    [Fact]
    public void A_report_step_between_hydraulic_periods_is_refused()
    {
        var net = EpsNetwork.Compile(Base());
        var run = ExtendedPeriodSimulation.Run(net, new EpsSolver(net), keepPeriods: true);
        var steps = run.Steps.Select(s => s with { Time = s.Time + 1 }).ToList();
        var e = Assert.Throws<InvalidInputException>(() => WaterQualitySimulation.Run(net, run.Periods, steps));
        Assert.Contains("does not start a hydraulic period", e.Message);
    }

    [Fact]
    public void Without_a_quality_analysis_steps_carry_no_quality()
    {
        var run = ExtendedPeriodSimulation.Run(Base(new QualitySettings()));
        Assert.All(run.Steps, s => Assert.Null(s.NodeQuality));
        Assert.Same(run, WaterQualitySimulation.Run(run));
    }

    [Fact]
    public void The_inp_reader_already_refuses_a_source_at_an_unknown_node()
    {
        const string text = """
            [JUNCTIONS]
             J 0 1
            [RESERVOIRS]
             R 50
            [PIPES]
             P R J 100 300 100
            [SOURCES]
             X CONCEN 1.0
            [OPTIONS]
             Units LPS
             Quality Chlorine mg/L
            [TIMES]
             Duration 2:00
            [END]
            """;
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "bad.inp"));
        Assert.Contains("unknown node 'X'", e.Message);
    }
}
