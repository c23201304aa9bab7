using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Io.Scenarios;

/// <summary>Scenarios built in code with every field populated, and awkward doubles (1/3, subnormals, −0, max).</summary>
internal static class TestScenarios
{
    public static Scenario Full() => new()
    {
        Name = "full — every field (ünïcode)",
        Network = new Network
        {
            Title = "Test network\nsecond title line",
            Junctions =
            [
                new Junction("J1", 12.5, [new DemandComponent(0.0125, "P1", "domestic"), new DemandComponent(1.0 / 3.0 * 1e-3, null, "industry")], 20, 80, new Point2(-0.0, 1.7976931348623157e308)),
                new Junction("J2", -3.25, [new DemandComponent(0.004)], Coordinates: new Point2(10, 20)) { EmitterCoefficient = 1.0 / 7.0 * 1e-3 },
                new Junction("J3", 0, [], MinPressure: 25),
                new Junction("J4", 1e-300, [new DemandComponent(-0.001, "P2")], MaxPressure: 95.5, Coordinates: new Point2(double.Epsilon, -5e-324)),
            ],
            Reservoirs =
            [
                new Reservoir("R1", 210, "P2", new Point2(0, 0)),
                new Reservoir("R2", 180.125),
            ],
            Tanks =
            [
                new Tank("T1", 100, 3.5, 0.5, 7, 12.2, 1.5, "VOL1", true, new Point2(5, 6)) { Mixing = MixingModel.TwoCompartment, MixingFraction = 0.35 },
                new Tank("T2", 90, 1, 0, 4, 0),
            ],
            Pipes =
            [
                new Pipe("P1", "R1", "J1", 1000, 0.3048, 130),
                new Pipe("P2", "J1", "J2", 550.5, 0.254, 120, 0.5, LinkStatus.CheckValve),
                new Pipe("P3", "J2", "J3", 0.1, 0.1016, 100, 2.25, LinkStatus.Closed, [new Point2(1, 2), new Point2(3.5, -4)]),
                new Pipe("P4", "J3", "J4", 1609.344, 0.6096, 140, Vertices: []),
                new Pipe("P5", "T1", "J4", 1e-3, 1e-3, 1e-4),
            ],
            Pumps =
            [
                new Pump("PU1", "R2", "J2", HeadCurveId: "C1", Speed: 0.9, PatternId: "P1") { EfficiencyCurveId = "E1", EnergyPrice = 0.125, PricePatternId = "P2" },
                new Pump("PU2", "J3", "T2", Power: 75.5, Status: LinkStatus.Closed, Vertices: [new Point2(7, 8)]),
            ],
            Valves =
            [
                new Valve("V1", "J1", "J3", 0.2032, ValveType.PRV, 35.125, 0.25, FixedStatus: LinkStatus.Closed, Vertices: [new Point2(9, 9)]),
                new Valve("V2", "J3", "J4", 0.1524, ValveType.FCV, 0.0315),
                new Valve("V3", "J2", "J4", 0.1, ValveType.GPV, 0, CurveId: "HL"),
                new Valve("V4", "J4", "J1", 0.3, ValveType.TCV, 12.5, FixedStatus: LinkStatus.Open),
            ],
            Curves =
            [
                new Curve("C1", CurveKind.PumpHead, [new Point2(0, 60), new Point2(0.05, 50), new Point2(0.1, 30)]),
                new Curve("VOL1", CurveKind.Volume, [new Point2(0, 0), new Point2(7, 800)]),
                new Curve("E1", CurveKind.Efficiency, [new Point2(0.05, 75)]),
                new Curve("HL", CurveKind.HeadLoss, []),
            ],
            Patterns =
            [
                new Pattern("P1", [1.0, 0.8, 1.2, 0.1]),
                new Pattern("P2", []),
            ],
            DemandCases =
            [
                new DemandCase("average"),
                new DemandCase("peak", 1.8, MinPressure: 20),
                new DemandCase("fire", 1.0, new Dictionary<string, double> { ["J3"] = 0.0631, ["J4"] = 0 }, 14),
            ],
            Options = new HydraulicOptions
            {
                HeadLoss = HeadLossModel.DarcyWeisbach,
                Omega = 10.5088,
                Accuracy = 1e-4,
                MaxTrials = 77,
                RelativeViscosity = 1.1,
                SpecificGravity = 0.998,
                DemandMultiplier = 1.25,
                DefaultPatternId = null,
                FlowUnits = FlowUnits.GPM,
                DemandModel = DemandModel.PressureDriven,
                MinimumPressure = 5.5,
                RequiredPressure = 21.25,
                PressureExponent = 0.75,
                EmitterExponent = 0.45,
                CheckFrequency = 3,
                MaxCheck = 15,
                DampLimit = 0.05,
                HeadError = 0.0003048,
                FlowChange = 6.3e-5,
                ExtraTrials = 12,
            },
            Times = new SimulationTimes
            {
                Duration = 172800, HydraulicStep = 1800, QualityStep = 300, PatternStep = 7200, PatternStart = 3600,
                ReportStep = 3630, ReportStart = 900, StartClockTime = 52200, RuleStep = 360,
            },
            Controls =
            [
                new SimpleControl(new LinkAction("PU2", LinkStatus.Open, null), ControlCondition.LowLevel, "T1", 1.25),
                new SimpleControl(new LinkAction("V1", null, 28.5), ControlCondition.HighLevel, "J3", 42),
                new SimpleControl(new LinkAction("PU1", null, 0.75), ControlCondition.Timer, Time: 23400),
                new SimpleControl(new LinkAction("P3", LinkStatus.Closed, null), ControlCondition.TimeOfDay, Time: 69300),
            ],
            Rules =
            [
                new RuleBasedControl("R1",
                    [
                        new RulePremise(RuleLogic.If, RuleObject.Node, "T1", RuleVariable.Level, RuleOperator.Greater, 4.5),
                        new RulePremise(RuleLogic.And, RuleObject.System, null, RuleVariable.ClockTime, RuleOperator.GreaterOrEqual, 72000),
                        new RulePremise(RuleLogic.Or, RuleObject.Link, "V4", RuleVariable.Status, RuleOperator.NotEqual, 0, LinkStatus.Closed),
                        new RulePremise(RuleLogic.And, RuleObject.Link, "V1", RuleVariable.Status, RuleOperator.Equal, 0, ActiveStatus: true),
                    ],
                    [new LinkAction("PU1", LinkStatus.Closed, null), new LinkAction("V2", null, 0.02)],
                    [new LinkAction("PU1", LinkStatus.Open, null)],
                    7.5),
                new RuleBasedControl("R2", [new RulePremise(RuleLogic.If, RuleObject.System, null, RuleVariable.Time, RuleOperator.Equal, 37800)],
                    [new LinkAction("P3", LinkStatus.Open, null)], []),
            ],
            Energy = new EnergySettings { GlobalEfficiency = 72.5, GlobalPrice = 0.11, GlobalPricePatternId = "P1", DemandCharge = 14 },
            Quality = new QualitySettings
            {
                Mode = QualityMode.Chemical, ChemicalName = "Chlorine", MassUnits = "ug", RelativeDiffusivity = 1.25, Tolerance = 0.005,
                InitialQuality = new Dictionary<string, double> { ["J1"] = 0.5, ["T1"] = 1.0 / 3.0 },
            },
            Reactions = new ReactionSettings
            {
                BulkOrder = 1.5, WallOrder = 0, TankOrder = 2, GlobalBulk = -0.5, GlobalWall = -0.25, LimitingPotential = 1.5,
                RoughnessCorrelation = 0.75,
                PipeBulk = new Dictionary<string, double> { ["P1"] = -0.3 },
                PipeWall = new Dictionary<string, double> { ["P2"] = -0.7 },
                TankBulk = new Dictionary<string, double> { ["T1"] = -0.1 },
            },
            Sources = [new QualitySource("R1", SourceType.Concentration, 1.5, "P1"), new QualitySource("J2", SourceType.Mass, 100)],
            ExtraSections = [new InpSection("TIMES", ["Duration 24:00", " Hydraulic Timestep\t1:00"]), new InpSection("REPORT", [])],
        },
        Design = new DesignSpec
        {
            Catalog =
            [
                new CatalogEntry(0, 0, Label: "no pipe"),
                new CatalogEntry(0.1524, 49.54, 130),
                new CatalogEntry(0.3048, 131.21, null, "12 in"),
            ],
            DecisionPipes = ["P1", "P3", "P4"],
            MinPressure = 30,
            MaxPressure = 100,
            MinHead = new Dictionary<string, double> { ["J1"] = 255.1, ["J2"] = 260 },
            MinVelocity = 0.3,
            MaxVelocity = 3,
            CostUnit = "USD",
            BestKnownCost = 38.64e6,
            BestKnownSource = "Maier et al. 2003",
            Source = "test",
        },
        Supply = new SupplySpec
        {
            Sources = [new SupplySource("S1", 100), new SupplySource("S2", 55.5)],
            Plants = [new SupplyPlant("A", 80, 12.5, 20), new SupplyPlant("B", 60, 9.75)],
            Zones = [new SupplyZone("Z1", 40, 1.5), new SupplyZone("Z2", 30)],
            Arcs = [new SupplyArc("S1", "A", 2.5, 70), new SupplyArc("A", "Z1", 0.75), new SupplyArc("B", "Z2", 0)],
            FlowUnit = "ML/day",
            CostUnit = "$/ML",
        },
        GraphAllocation = new GraphAllocationSpec
        {
            Nodes =
            [
                new GraphNode("W1", GraphNodeKind.Supply, 45, 1, 0, 120000, new Point2(1, 1)),
                new GraphNode("D1", GraphNodeKind.Demand, 12.5, 0, 35000),
                new GraphNode("X1", GraphNodeKind.Intermediate, PressureZone: -2),
                new GraphNode("PS1", GraphNodeKind.PumpStation, 30, 2),
            ],
            Edges = [new GraphEdge("W1", "X1", 1200, 1.3), new GraphEdge("X1", "D1", 800.25, 1, true), new GraphEdge("PS1", "D1", 0)],
            Parameters = new Dictionary<string, double> { ["annuity_rate"] = 0.07, ["years"] = 30, ["min_chlorine"] = 0.05 },
        },
        Solver = new SolverSettings
        {
            Algorithm = "ga-coa-sa",
            Evaluations = 5_000_000_000,
            Seed = ulong.MaxValue,
            Parameters = new Dictionary<string, double> { ["population"] = 128, ["crossover"] = 0.9, ["tau"] = -1.5 },
        },
    };

    /// <summary>A synthetic grid network of about <paramref name="junctions"/> junctions (for batch tests and benchmarks).</summary>
    public static Scenario Grid(int junctions, int seed)
    {
        var rng = new Random(seed);
        int side = (int)Math.Ceiling(Math.Sqrt(junctions));
        var js = new List<Junction>();
        var pipes = new List<Pipe>();
        for (int i = 0; i < junctions; i++)
        {
            js.Add(new Junction($"J{i}", 10 + rng.NextDouble() * 40, [new DemandComponent(rng.NextDouble() * 0.01)], Coordinates: new Point2(i % side * 100.0, i / side * 100.0)));
            if (i % side > 0) pipes.Add(new Pipe($"P{pipes.Count}", $"J{i - 1}", $"J{i}", 100 + rng.NextDouble() * 50, 0.1 + rng.Next(10) * 0.05, 130));
            if (i >= side) pipes.Add(new Pipe($"P{pipes.Count}", $"J{i - side}", $"J{i}", 100 + rng.NextDouble() * 50, 0.1 + rng.Next(10) * 0.05, 130));
        }
        pipes.Add(new Pipe($"P{pipes.Count}", "R1", "J0", 50, 1.0, 130));
        return new Scenario
        {
            Name = $"grid-{seed}",
            Network = new Network
            {
                Title = "synthetic grid",
                Junctions = js,
                Reservoirs = [new Reservoir("R1", 100)],
                Pipes = pipes,
                DemandCases = [new DemandCase("base"), new DemandCase("peak", 1.8)],
            },
            Design = new DesignSpec
            {
                Catalog = Enumerable.Range(1, 10).Select(k => new CatalogEntry(k * 0.05 + 0.05, k * 20.0)).ToList(),
                DecisionPipes = pipes.Select(p => p.Id).ToList(),
                MinPressure = 25,
            },
        };
    }
}
