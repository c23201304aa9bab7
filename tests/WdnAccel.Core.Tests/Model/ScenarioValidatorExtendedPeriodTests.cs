using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Io.Inp;

namespace WdnAccel.Core.Tests.Model;

/// <summary>The validator's checks of valves, controls, rules, energy and water quality (what a JSON scenario can get wrong).</summary>
public class ScenarioValidatorExtendedPeriodTests
{
    private static Scenario Every() => InpReader.ReadText(InpSnippets.EveryElementUs, "us.inp").Scenario;

    private static List<string> Problems(Func<Network, Network> change) =>
        ScenarioValidator.Validate(Every() with { Network = change(Every().Network) }).Select(p => p.ToString()).ToList();

    [Theory]
    [InlineData("Net1.inp")]
    [InlineData("Net2.inp")]
    public void EPANET_examples_are_valid(string file) =>
        Assert.Empty(ScenarioValidator.Validate(InpReader.ReadFile(RepoPaths.Data("networks", file)).Scenario));

    [Fact]
    public void The_every_element_snippet_is_valid() => Assert.Empty(ScenarioValidator.Validate(Every()));

    [Fact]
    public void Valve_problems_are_named()
    {
        var problems = Problems(n =>
        {
            var v = n.Valves.ToArray();
            v[0] = v[0] with { Node2 = "R1" }; // a PRV on a reservoir
            v[1] = v[1] with { Setting = -1 };
            v[2] = v[2] with { CurveId = "NOPE" };
            v[3] = v[3] with { Diameter = 0 };
            v[4] = v[4] with { Id = "P1" };
            return n with { Valves = v };
        });
        Assert.Contains("network.valves[0] (id V1): a PRV cannot be connected to reservoir or tank 'R1' (EPANET error 219)", problems);
        Assert.Contains("network.valves[1] (id V2): setting must be a finite number ≥ 0, got -1", problems);
        Assert.Contains("network.valves[2] (id V3): refers to unknown curve 'NOPE'", problems);
        Assert.Contains("network.valves[3] (id V4): diameter must be a positive number, got 0", problems);
        Assert.Contains("network.valves[4] (id P1): duplicate link id 'P1'", problems);
    }

    [Fact]
    public void Valves_that_would_fight_each_other_are_named()
    {
        var problems = Problems(n => n with { Valves = [.. n.Valves, new Valve("V7", "J1", "J3", 0.1, ValveType.PRV, 20)] });
        Assert.Contains(problems, p => p.StartsWith("network.valves[6] (id V7): with valve V1: two PRVs may not share a downstream node"));
    }

    [Fact]
    public void Controls_and_rules_naming_unknown_elements_or_forbidden_values_are_named()
    {
        var problems = Problems(n => n with
        {
            Controls =
            [
                new SimpleControl(new LinkAction("NOLINK", LinkStatus.Open, null), ControlCondition.Timer),
                new SimpleControl(new LinkAction("PU1", null, -0.5), ControlCondition.LowLevel, "NONODE", 1),
                new SimpleControl(new LinkAction("P2", LinkStatus.Closed, null), ControlCondition.TimeOfDay, Time: 90000),
                new SimpleControl(new LinkAction("V3", null, 2), ControlCondition.Timer),
                new SimpleControl(new LinkAction("P1", LinkStatus.Open, 1), ControlCondition.Timer),
            ],
            Rules =
            [
                new RuleBasedControl("R9",
                    [
                        new RulePremise(RuleLogic.And, RuleObject.Node, "GHOST", RuleVariable.Level, RuleOperator.Greater, 1),
                        new RulePremise(RuleLogic.And, RuleObject.Link, "P1", RuleVariable.Head, RuleOperator.Greater, 1),
                        new RulePremise(RuleLogic.Or, RuleObject.Node, "J1", RuleVariable.FillTime, RuleOperator.Greater, 1),
                        new RulePremise(RuleLogic.And, RuleObject.Link, "V1", RuleVariable.Status, RuleOperator.Less, 0, LinkStatus.Open),
                    ],
                    [], [new LinkAction("NOLINK", LinkStatus.Open, null)]),
            ],
        });
        Assert.Contains("network.controls[0]: acts on unknown link 'NOLINK'", problems);
        Assert.Contains("network.controls[1]: setting of link PU1 must be a finite number ≥ 0, got -0.5", problems);
        Assert.Contains("network.controls[1]: refers to unknown node 'NONODE'", problems);
        Assert.Contains("network.controls[2]: acts on check-valve pipe P2, whose status cannot be controlled (EPANET error 207)", problems);
        Assert.Contains("network.controls[2]: a clock time is less than 86400 s, got 90000", problems);
        Assert.Contains(problems, p => p.StartsWith("network.controls[3]: valve V3 is a GPV"));
        Assert.Contains("network.controls[4]: sets link P1's status or its setting: exactly one of the two", problems);
        Assert.Contains("network.rules[0] (id R9): has no THEN action", problems);
        Assert.Contains("network.rules[0] (id R9), premise 1: the first premise is an IF", problems);
        Assert.Contains("network.rules[0] (id R9), premise 1: refers to unknown node 'GHOST'", problems);
        Assert.Contains("network.rules[0] (id R9), premise 2: a link has flow, status or setting, not Head", problems);
        Assert.Contains("network.rules[0] (id R9), premise 3: FillTime applies to tanks; J1 is a junction", problems);
        Assert.Contains("network.rules[0] (id R9), premise 4: a status compares with equal or not_equal, not Less", problems);
        Assert.Contains("network.rules[0] (id R9): acts on unknown link 'NOLINK'", problems);
    }

    [Fact]
    public void Energy_quality_sources_and_reactions_references_and_ranges_are_checked()
    {
        var problems = Problems(n => n with
        {
            Pumps = n.Pumps.Select(p => p with { EfficiencyCurveId = "NOCURVE", PricePatternId = "NOPAT", EnergyPrice = -1 }).ToArray(),
            Tanks = n.Tanks.Select(t => t with { MixingFraction = 1.5 }).ToArray(),
            Junctions = n.Junctions.Select(j => j with { EmitterCoefficient = -0.1 }).ToArray(),
            Energy = n.Energy with { GlobalPricePatternId = "NOPAT", GlobalEfficiency = 0 },
            Quality = n.Quality with { Mode = QualityMode.Trace, TraceNodeId = "NOWHERE", InitialQuality = new Dictionary<string, double> { ["X"] = -1 } },
            Sources = [new QualitySource("NOWHERE", SourceType.Mass, double.NaN, "NOPAT")],
            Reactions = n.Reactions with { WallOrder = 2, PipeBulk = new Dictionary<string, double> { ["PU1"] = 1 }, TankBulk = new Dictionary<string, double> { ["J1"] = 1 } },
            Options = n.Options with { RequiredPressure = n.Options.MinimumPressure, CheckFrequency = 0, ExtraTrials = -3 },
            Times = n.Times with { HydraulicStep = 0, StartClockTime = 86400 },
        });
        Assert.Contains("network.pumps[0] (id PU1): refers to unknown efficiency curve 'NOCURVE'", problems);
        Assert.Contains("network.pumps[0] (id PU1): refers to unknown price pattern 'NOPAT'", problems);
        Assert.Contains("network.pumps[0] (id PU1): energy price must be a finite number ≥ 0, got -1", problems);
        Assert.Contains("network.tanks[0] (id T1): mixing fraction must lie in (0, 1], got 1.5", problems);
        Assert.Contains("network.junctions[0] (id J1): emitter coefficient must be a finite number ≥ 0, got -0.1", problems);
        Assert.Contains("network.energy.global_price_pattern_id: unknown pattern 'NOPAT'", problems);
        Assert.Contains("network.energy.global_efficiency: global efficiency must be a positive number, got 0", problems);
        Assert.Contains("network.quality.trace_node_id: a trace needs a node of the network, got 'NOWHERE'", problems);
        Assert.Contains("network.quality.initial_quality: unknown node 'X'", problems);
        Assert.Contains("network.sources[0] (id NOWHERE): unknown node 'NOWHERE'", problems);
        Assert.Contains("network.sources[0] (id NOWHERE): strength must be a finite number, got NaN", problems);
        Assert.Contains("network.sources[0] (id NOWHERE): refers to unknown pattern 'NOPAT'", problems);
        Assert.Contains("network.reactions.wall_order: must be 0 or 1, got 2", problems);
        Assert.Contains("network.reactions.pipe_bulk: unknown pipe 'PU1'", problems);
        Assert.Contains("network.reactions.tank_bulk: unknown tank 'J1'", problems);
        Assert.Contains(problems, p => p.StartsWith("network.options.required_pressure: must exceed the minimum pressure"));
        Assert.Contains("network.options.check_frequency: must be ≥ 1, got 0", problems);
        Assert.Contains("network.options.extra_trials: must be −1 (stop) or ≥ 0, got -3", problems);
        Assert.Contains("network.times.hydraulic_step: hydraulic step must be a positive number, got 0", problems);
        Assert.Contains("network.times.start_clock_time: must be a time of day, 0 ≤ s < 86400, got 86400", problems);
    }

    [Fact]
    public void Problems_in_an_inp_file_are_located_by_line()
    {
        var read = InpReader.ReadText(InpSnippets.EveryElementUs, "us.inp");
        var net = read.Scenario.Network;
        var s = read.Scenario with
        {
            Network = net with
            {
                Controls = [.. net.Controls.Take(2), net.Controls[2] with { Action = new LinkAction("V1", null, -5) }],
                Rules = [net.Rules[0] with { Then = [] }, net.Rules[1]],
            },
        };
        var problems = ScenarioValidator.Validate(s, read.SourceLines, "us.inp").Select(p => p.ToString()).ToList();
        var lines = InpSnippets.EveryElementUs.Split('\n');
        int control = Array.FindIndex(lines, l => l.Trim() == "LINK V1 40 AT TIME 6:30") + 1;
        int rule = Array.FindIndex(lines, l => l.Trim() == "RULE R1") + 1;
        Assert.Contains($"us.inp, line {control} (control 3): setting of link V1 must be a finite number ≥ 0, got -5", problems);
        Assert.Contains($"us.inp, line {rule} (rule R1): has no THEN action", problems);
    }

    [Fact]
    public void The_batched_snapshot_solver_takes_valves_emitters_and_pressure_driven_demand()
    {
        var net = InpReader.ReadFile(RepoPaths.Data("networks", "TLN.inp")).Scenario.Network;
        var withValve = net with { Valves = [new Valve("V1", "2", "3", 0.3, ValveType.TCV, 2)] };
        var compiled = CompiledNetwork.Compile(withValve, file: "tln.inp");
        Assert.Equal(1, compiled.ValveCount);
        Assert.Equal(GgaLinkCode.ThrottleControlValve, compiled.LinkCodes[compiled.ValveStart]);
        Assert.Equal(2, compiled.ValveSetting[0]);
        Assert.True(compiled.NeedsGgaExtras);
        // What it refuses, by name: a PRV on a reservoir (EPANET error 219), a control on junction pressure switching a
        // valve (which sends the network to the extended-period engine in `simulate`).
        var onReservoir = net with { Valves = [new Valve("V1", "1", "2", 0.3, ValveType.PRV, 20)] };
        var e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(onReservoir, file: "tln.inp"));
        Assert.Contains("valve V1: a PRV may not be connected to a reservoir or tank (EPANET error 219)", e.Message);
        var switched = withValve with { Controls = [new SimpleControl(new LinkAction("V1", LinkStatus.Closed, null), ControlCondition.HighLevel, "3", 50)] };
        e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(switched, file: "tln.inp"));
        Assert.Contains("the batched snapshot solver does not reproduce EPANET's time-zero solve with control 1 (LINK V1, a valve, on junction 3's pressure)", e.Message);
        Assert.Equal("CONTROLS", e.Field);
        Assert.True(switched.NeedsExtendedEngine);
        Assert.False(withValve.NeedsExtendedEngine);
        // A valve CLOSED in [STATUS] that alone feeds a junction: EPANET runs on and warns, so the network goes to the
        // extended-period engine rather than being refused as disconnected; one beside a pipe cuts nothing off.
        var dead = withValve with
        {
            Junctions = [.. net.Junctions, net.Junctions[^1] with { Id = "8" }],
            Valves = [new Valve("V1", "7", "8", 0.3, ValveType.TCV, 2, FixedStatus: LinkStatus.Closed)],
        };
        Assert.Contains(dead.SnapshotGaps(), g => g.StartsWith("valve(s) CLOSED in [STATUS] cutting junction(s) 8 off"));
        Assert.True(dead.NeedsExtendedEngine);
        Assert.Equal("STATUS", Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(dead)).Field);
        // Broken valves that did not come through the validator (batch streams): named, with what was expected.
        e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(net with { Valves = [new Valve("V1", "2", "3", double.NaN, ValveType.TCV, 2)] }));
        Assert.Contains("valve V1: diameter must be a positive number, got NaN", e.Message);
        e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(net with { Valves = [new Valve("V1", "2", "3", 0.3, ValveType.GPV, 0, CurveId: "NOPE")] }));
        Assert.Contains("valve V1: unknown head-loss curve 'NOPE'", e.Message);
        e = Assert.Throws<InvalidInputException>(() => CompiledNetwork.Compile(net with { Valves = [new Valve("V1", "2", "3", 0.3, ValveType.PRV, double.PositiveInfinity)] }));
        Assert.Contains("valve V1: setting is not a number", e.Message);
        var beside = withValve with { Valves = [new Valve("V1", "2", "3", 0.3, ValveType.TCV, 2, FixedStatus: LinkStatus.Closed)] };
        Assert.False(beside.NeedsExtendedEngine);
        Assert.True(CompiledNetwork.Compile(beside).InitiallyClosed[^1]);
        var withEmitter = net with { Junctions = net.Junctions.Select((j, i) => i == 0 ? j with { EmitterCoefficient = 1e-3 } : j).ToArray() };
        Assert.Equal(1, CompiledNetwork.Compile(withEmitter).EmitterCount);
        Assert.False(withEmitter.NeedsExtendedEngine);
        var pda = net with { Options = net.Options with { DemandModel = DemandModel.PressureDriven } };
        Assert.True(CompiledNetwork.Compile(pda).PressureDriven);
        Assert.False(pda.NeedsExtendedEngine);
        Assert.NotNull(CompiledNetwork.Compile(net)); // and the benchmark networks still compile
    }
}
