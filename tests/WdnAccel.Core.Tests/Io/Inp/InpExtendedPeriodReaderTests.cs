using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Tests.Shared;
using static WdnAccel.Core.Tests.Io.Inp.InpSnippets;

namespace WdnAccel.Core.Tests.Io.Inp;

/// <summary>The sections of an extended-period run read into the SI model with EPANET 2.2's rules and factors.</summary>
public class InpExtendedPeriodReaderTests
{
    private static Network Us() => InpReader.ReadText(EveryElementUs, "us.inp").Scenario.Network;

    [Fact]
    public void Valves_convert_their_setting_by_type_and_take_STATUS()
    {
        var v = Us().Valves.ToDictionary(x => x.Id);
        Assert.Equal(["V1", "V2", "V3", "V4", "V5", "V6"], Us().Valves.Select(x => x.Id));
        Assert.Equal(("J2", "J3", ValveType.PRV), (v["V1"].Node1, v["V1"].Node2, v["V1"].Type));
        Assert.Equal(6 * 0.0254, v["V1"].Diameter, 15);
        Assert.Equal(50 * Psi, v["V1"].Setting, 12); // psi → m with EPANET's 0.4333 psi/ft
        Assert.Equal(0.2, v["V1"].MinorLoss);
        Assert.Equal(LinkStatus.Closed, v["V1"].FixedStatus); // [STATUS] V1 CLOSED
        Assert.Equal(3.5, v["V2"].Setting); // TCV: a loss coefficient, no units
        Assert.Null(v["V2"].FixedStatus);
        Assert.Equal("HL1", v["V3"].CurveId);
        Assert.Equal(100 * Gpm, v["V4"].Setting, 15); // FCV: a flow
        Assert.Equal(20 * Psi, v["V5"].Setting, 12); // [STATUS] V5 20 replaces the PBV's 5 psi
        Assert.Null(v["V5"].FixedStatus);
        Assert.Equal(LinkStatus.Open, v["V6"].FixedStatus);
        Assert.Equal(30 * Psi, v["V6"].Setting, 12);
    }

    /// <summary>
    /// A pump's line in [STATUS] as EPANET 2.2's changestatus reads it: OPEN also sets the speed to 1 (a SPEED in [PUMPS]
    /// no longer applies: it used to, and the pump ran at 1.2 where EPANET runs it at 1), CLOSED keeps the speed, a number
    /// is the speed and 0 closes the pump.
    /// </summary>
    [Theory]
    [InlineData("OPEN", LinkStatus.Open, 1.0)]
    [InlineData("CLOSED", LinkStatus.Closed, 1.2)]
    [InlineData("0.9", LinkStatus.Open, 0.9)]
    [InlineData("0", LinkStatus.Closed, 0.0)]
    public void A_pump_status_line_sets_its_status_and_speed_as_EPANET_does(string value, LinkStatus status, double speed)
    {
        string text = EveryElementUs.Replace(" PU1 J1 J3 HEAD C1", " PU1 J1 J3 HEAD C1 SPEED 1.2").Replace(" V1 CLOSED", $" V1 CLOSED\n PU1 {value}");
        Assert.Contains("SPEED 1.2", text);
        var pump = InpReader.ReadText(text, "status.inp").Scenario.Network.Pumps.Single();
        Assert.Equal((status, speed), (pump.Status, pump.Speed));
    }

    [Fact]
    public void Curves_take_their_kind_from_what_uses_them()
    {
        var curves = Us().Curves.ToDictionary(c => c.Id);
        Assert.Equal(CurveKind.PumpHead, curves["C1"].Kind);
        Assert.Equal(CurveKind.HeadLoss, curves["HL1"].Kind);
        Assert.Equal(500 * Gpm, curves["HL1"].Points[1].X, 15);
        Assert.Equal(10 * Foot, curves["HL1"].Points[1].Y, 12);
        Assert.Equal(CurveKind.Efficiency, curves["E1"].Kind);
        Assert.Equal(80, curves["E1"].Points[0].Y);
    }

    [Fact]
    public void Emitter_coefficient_converts_flow_and_pressure_with_the_exponent()
    {
        var net = Us();
        Assert.Equal(0.55, net.Options.EmitterExponent);
        // 0.5 gpm at 1 psi: q_si = 0.5·Gpm at p = Psi m, so K_si = 0.5·Gpm / Psi^0.55.
        double k = net.Junctions.Single(j => j.Id == "J3").EmitterCoefficient;
        Assert.Equal(0.5 * Gpm / Math.Pow(Psi, 0.55), k, 15);
        Assert.Equal(0.5 * Gpm * Math.Pow(2, 0.55), k * Math.Pow(2 * Psi, 0.55), 15); // 2 psi gives 2^0.55 times the flow
        Assert.All(net.Junctions.Where(j => j.Id != "J3"), j => Assert.Equal(0, j.EmitterCoefficient));
    }

    [Fact]
    public void Options_of_an_extended_period_run_are_read_in_SI()
    {
        var o = Us().Options;
        Assert.Equal(DemandModel.PressureDriven, o.DemandModel);
        Assert.Equal(10 * Psi, o.MinimumPressure, 12);
        Assert.Equal(30 * Psi, o.RequiredPressure, 12);
        Assert.Equal(0.6, o.PressureExponent);
        Assert.Equal((3, 12, 0.01), (o.CheckFrequency, o.MaxCheck, o.DampLimit));
        Assert.Equal(0.02 * Foot, o.HeadError, 15);
        Assert.Equal(0.5 * Gpm, o.FlowChange, 15);
        Assert.Equal(7, o.ExtraTrials);
    }

    [Theory]
    [InlineData("", 0.0, 0.1)] // EPANET's defaults: 0 and MINPDIFF = 0.1 (in the file's pressure units)
    [InlineData(" Minimum Pressure 20", 20.0, 20.1)] // the required pressure moves up with the minimum
    [InlineData(" Required Pressure 25\n Minimum Pressure 20", 20.0, 25.0)]
    public void Required_pressure_follows_EPANETs_order_rule(string lines, double pmin, double preq)
    {
        string text = KpaSi.Replace(" Minimum Pressure 50", lines).Replace(" Pressure kPa\n", "").Replace(" Specific Gravity 0.9\n", "");
        var o = InpReader.ReadText(text, "pda.inp").Scenario.Network.Options;
        Assert.Equal(pmin, o.MinimumPressure, 12); // SI file, pressures in m, gravity 1: as written
        Assert.Equal(preq, o.RequiredPressure, 12);
        Assert.Equal(DemandModel.DemandDriven, o.DemandModel);
        Assert.Equal(-1, o.ExtraTrials); // UNBALANCED STOP by default
    }

    [Fact]
    public void SI_pressures_in_kPa_use_EPANETs_factors_and_the_specific_gravity()
    {
        var net = InpReader.ReadText(KpaSi, "kpa.inp").Scenario.Network;
        double kpa = Foot / (6.895 * 0.4333 * 0.9); // m of the fluid per kPa
        Assert.Equal(300 * kpa, net.Valves[0].Setting, 12);
        Assert.Equal(0.15, net.Valves[0].Diameter, 15); // mm → m
        Assert.Equal(50 * kpa, net.Options.MinimumPressure, 12);
        Assert.Equal(50.1 * kpa, net.Options.RequiredPressure, 12);
        Assert.Equal(150 * kpa, net.Controls[0].Value, 12); // a junction's control value is a pressure
        Assert.Equal(250 * kpa, net.Controls[0].Action.Setting!.Value, 12);
        Assert.Equal(0.8 * Lps / Math.Pow(kpa, 0.5), net.Junctions[2].EmitterCoefficient, 15);
        Assert.Contains(net.ExtraSections, s => s.Name == "OPTIONS" && s.Lines.Contains("Pressure kPa")); // kept for export
    }

    [Fact]
    public void SI_pressures_in_metres_are_divided_by_the_specific_gravity_only()
    {
        string text = KpaSi.Replace(" Pressure kPa\n", "");
        var net = InpReader.ReadText(text, "m.inp").Scenario.Network;
        Assert.Equal(300 / 0.9, net.Valves[0].Setting, 12);
        Assert.Equal(300.0, InpReader.ReadText(text.Replace("Specific Gravity 0.9", "Specific Gravity 1"), "m.inp").Scenario.Network.Valves[0].Setting);
    }

    [Fact]
    public void Simple_controls_convert_levels_pressures_settings_and_times()
    {
        var c = Us().Controls;
        Assert.Equal(6, c.Count);
        Assert.Equal(new LinkAction("PU1", LinkStatus.Open, null), c[0].Action);
        Assert.Equal((ControlCondition.LowLevel, "T1"), (c[0].Condition, c[0].NodeId));
        Assert.Equal(5 * Foot, c[0].Value, 15); // a tank's level: ft → m
        Assert.Equal((ControlCondition.HighLevel, "J2"), (c[1].Condition, c[1].NodeId));
        Assert.Equal(60 * Psi, c[1].Value, 12); // a junction's pressure: psi → m
        Assert.Equal(ControlCondition.Timer, c[2].Condition);
        Assert.Equal(6.5 * 3600, c[2].Time);
        Assert.Equal(40 * Psi, c[2].Action.Setting!.Value, 12); // a PRV's setting is a pressure
        Assert.Equal(ControlCondition.TimeOfDay, c[3].Condition);
        Assert.Equal(19.25 * 3600, c[3].Time); // 7:15 PM
        Assert.Equal(250 * Gpm, c[3].Action.Setting!.Value, 15); // an FCV's setting is a flow
        Assert.Equal(new LinkAction("P1", LinkStatus.Closed, null), c[4].Action); // a pipe's 0 closes it
        Assert.Equal(12 * 3600, c[4].Time);
        Assert.Equal(new LinkAction("PU1", null, 0.8), c[5].Action); // a pump's setting is its speed
        Assert.Equal(6 * 3600, c[5].Time);
    }

    [Fact]
    public void Rules_read_every_clause_in_SI()
    {
        var rules = Us().Rules;
        Assert.Equal(["R1", "R2"], rules.Select(r => r.Id));
        var r1 = rules[0];
        Assert.Equal(5, r1.Priority);
        Assert.Equal(new RulePremise(RuleLogic.If, RuleObject.Node, "T1", RuleVariable.Level, RuleOperator.Greater, 15 * Foot), r1.Premises[0]);
        Assert.Equal(new RulePremise(RuleLogic.And, RuleObject.System, null, RuleVariable.ClockTime, RuleOperator.GreaterOrEqual, 20 * 3600), r1.Premises[1]);
        Assert.Equal((RuleLogic.Or, RuleVariable.Pressure, RuleOperator.Less), (r1.Premises[2].Logic, r1.Premises[2].Variable, r1.Premises[2].Operator));
        Assert.Equal(40 * Psi, r1.Premises[2].Value, 12);
        Assert.Equal(new LinkAction("PU1", LinkStatus.Closed, null), r1.Then[0]);
        Assert.Equal(45 * Psi, r1.Then[1].Setting!.Value, 12);
        Assert.Equal([new LinkAction("PU1", LinkStatus.Open, null)], r1.Else);

        var p = rules[1].Premises;
        Assert.Equal((RuleVariable.Time, RuleOperator.Equal, 10.5 * 3600), (p[0].Variable, p[0].Operator, p[0].Value));
        Assert.Equal((RuleObject.Link, RuleVariable.Flow, RuleOperator.LessOrEqual), (p[1].Object, p[1].Variable, p[1].Operator));
        Assert.Equal(120 * Gpm, p[1].Value, 15);
        Assert.Equal((RuleVariable.FillTime, 2.5 * 3600), (p[2].Variable, p[2].Value)); // hours → s
        Assert.Equal((RuleVariable.Status, RuleOperator.Equal, (LinkStatus?)null, true), (p[3].Variable, p[3].Operator, p[3].Status, p[3].ActiveStatus));
        Assert.Equal(100 * Gpm, p[4].Value, 15); // an FCV's SETTING is a flow
        Assert.Equal((RuleObject.System, RuleVariable.Demand, RuleOperator.NotEqual), (p[5].Object, p[5].Variable, p[5].Operator));
        Assert.Equal(500 * Gpm, p[5].Value, 15);
        Assert.Equal((RuleVariable.Head, RuleOperator.Less), (p[6].Variable, p[6].Operator)); // BELOW
        Assert.Equal(400 * Foot, p[6].Value, 12);
        Assert.Equal((RuleVariable.Demand, RuleOperator.NotEqual), (p[7].Variable, p[7].Operator)); // NOT
        Assert.Equal([new LinkAction("P1", LinkStatus.Open, null)], rules[1].Then);
        Assert.Empty(rules[1].Else);
    }

    /// <summary>
    /// EPANET's newaction reads an action's value and never its fifth token, so "SETTING = 45" acts as "SETTING IS 45"
    /// (EPANET 2.2 runs such a file and applies the setting); it used to be refused as a bad operator.
    /// </summary>
    [Fact]
    public void A_rule_action_written_with_an_equals_sign_reads_as_with_IS()
    {
        string text = EveryElementUs.Replace("AND VALVE V1 SETTING IS 45", "AND VALVE V1 SETTING = 45").Replace("THEN PUMP PU1 STATUS IS CLOSED", "THEN PUMP PU1 STATUS = CLOSED");
        Assert.NotEqual(EveryElementUs, text);
        var r1 = InpReader.ReadText(text, "eq.inp").Scenario.Network.Rules[0];
        Assert.Equal(Us().Rules[0].Then, r1.Then);
        var bad = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(EveryElementUs.Replace("AND VALVE V1 SETTING IS 45", "AND VALVE V1 SETTING TO 45"), "to.inp"));
        Assert.Contains("expected IS (or =), got 'TO'", bad.Message);
    }

    /// <summary>
    /// [OPTIONS] keywords match as EPANET 2.2's input3.c matches them, by their leading letters ("Demand Mult", "Unit",
    /// "Headl", "Unbal Cont", "Emitter Expon" ...): these used to be kept as unknown lines without effect, so the file ran
    /// with the defaults instead (GPM, H-W, multiplier 1). A keyword EPANET does not know is its error 201, and the
    /// options EPANET reads that WdnAccel cannot apply are refused by name.
    /// </summary>
    [Theory]
    [InlineData("Unit CMH", "FlowUnits", "CMH")]
    [InlineData("Headl D-W", "HeadLoss", "DarcyWeisbach")]
    [InlineData("HEADLOSS c-m", "HeadLoss", "ChezyManning")]
    [InlineData("Demand Mult 1.5", "DemandMultiplier", "1.5")]
    [InlineData("DEMAND MULTIPLY 1.5", "DemandMultiplier", "1.5")]
    [InlineData("Trial 7", "MaxTrials", "7")]
    [InlineData("Accu 0.01", "Accuracy", "0.01")]
    [InlineData("Patt P1", "DefaultPatternId", "P1")]
    [InlineData("Emitter Expon 0.8", "EmitterExponent", "0.8")]
    [InlineData("Specific Grav 1.2", "SpecificGravity", "1.2")]
    [InlineData("Visc 1.3", "RelativeViscosity", "1.3")]
    [InlineData("Unbal Cont 4", "ExtraTrials", "4")]
    [InlineData("Demand 1.5", "DemandMultiplier", "1")] // EPANET: DEMAND needs its value third, so this line does nothing
    public void Option_keywords_match_by_their_leading_letters_as_in_EPANET(string line, string property, string expected)
    {
        string text = $"[JUNCTIONS]\n J1 10 1\n[RESERVOIRS]\n R1 50\n[PIPES]\n P1 R1 J1 100 100 100\n[PATTERNS]\n P1 1\n[OPTIONS]\n Units LPS\n {line}\n[END]\n";
        var o = InpReader.ReadText(text, "o.inp").Scenario.Network.Options;
        object? value = typeof(HydraulicOptions).GetProperty(property)!.GetValue(o);
        Assert.Equal(expected, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("Checkf 5", "unknown [OPTIONS] keyword 'Checkf' (EPANET error 201)")]
    [InlineData("Head D-W", "unknown [OPTIONS] keyword 'Head' (EPANET error 201)")]
    [InlineData("Hydraulics USE run.hyd", "HYDRAULICS USE takes the hydraulics from a saved EPANET hydraulics file")]
    [InlineData("RQTOL 1e-6", "RQTOL (EPANET's undocumented status and linearization tolerance) is not supported")]
    public void Option_keywords_EPANET_rejects_or_WdnAccel_cannot_apply_are_refused(string line, string message)
    {
        string text = $"[JUNCTIONS]\n J1 10 1\n[RESERVOIRS]\n R1 50\n[PIPES]\n P1 R1 J1 100 100 100\n[OPTIONS]\n {line}\n[END]\n";
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "o.inp"));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Times_are_whole_seconds_from_every_EPANET_time_format()
    {
        var t = Us().Times;
        Assert.Equal(48 * 3600, t.Duration); // 2 days
        Assert.Equal(1800, t.HydraulicStep); // 0:30
        Assert.Equal(300, t.QualityStep); // 5 MIN
        Assert.Equal(7200, t.PatternStep); // 2 (hours)
        Assert.Equal(3600, t.PatternStart); // 1:00
        Assert.Equal(3630, t.ReportStep); // 1:00:30
        Assert.Equal(3600, t.ReportStart); // 3600 SEC
        Assert.Equal(14.5 * 3600, t.StartClockTime); // 2:30 PM
        Assert.Equal(360, t.RuleStep); // 0:06
        Assert.Contains(Us().ExtraSections, s => s.Name == "TIMES" && s.Lines.SequenceEqual(["Statistic AVERAGE"]));
    }

    /// <summary>
    /// EPANET 2.2 adjustdata: a step of 0 is not 0. Report step 0 became a hydraulic step of 0 (one report step for a
    /// 24 h run); EPANET takes the pattern step for it, and 1 h for a pattern or hydraulic step of 0.
    /// </summary>
    [Theory]
    [InlineData("Report Timestep 0", 3600, 7200, 7200)]
    [InlineData("Pattern Timestep 0", 3600, 3600, 3600)]
    [InlineData("Hydraulic Timestep 0", 3600, 7200, 3600)]
    public void A_step_of_zero_takes_EPANETs_default(string line, double hydraulic, double pattern, double report)
    {
        var lines = File.ReadAllLines(RepoPaths.Data("networks", "Net1.inp"));
        string keyword = line[..line.LastIndexOf(' ')];
        var text = string.Join("\n", lines.Select(l => l.TrimStart().StartsWith(keyword, StringComparison.OrdinalIgnoreCase) ? " " + line : l));
        var t = InpReader.ReadText(text, "net1.inp").Scenario.Network.Times;
        Assert.Equal((hydraulic, pattern, report), (t.HydraulicStep, t.PatternStep, t.ReportStep));
    }

    [Theory]
    [InlineData("12 am", 0)]
    [InlineData("12 pm", 12 * 3600)]
    [InlineData("11:59:59 PM", 86399)]
    [InlineData("1:30 am", 5400)]
    [InlineData("30", 6 * 3600)] // 30 hours after midnight is 6 AM (EPANET keeps the time of day)
    [InlineData("0.25", 900)]
    public void Start_clock_time_reads_AM_PM_and_wraps_at_midnight(string value, double seconds)
    {
        string text = EveryElementUs.Replace(" Start ClockTime 2:30 PM", " Start ClockTime " + value);
        Assert.Equal(seconds, InpReader.ReadText(text, "t.inp").Scenario.Network.Times.StartClockTime);
    }

    [Fact]
    public void Energy_reads_global_and_per_pump_values()
    {
        var net = Us();
        Assert.Equal(new EnergySettings { GlobalEfficiency = 70, GlobalPrice = 0.1, GlobalPricePatternId = "PR", DemandCharge = 12 }, net.Energy);
        var pump = net.Pumps.Single();
        Assert.Equal(("E1", 0.2, "PR"), (pump.EfficiencyCurveId, pump.EnergyPrice, pump.PricePatternId));
    }

    [Fact]
    public void Water_quality_reads_the_option_initial_values_sources_reactions_and_mixing()
    {
        var net = Us();
        var q = net.Quality;
        Assert.Equal((QualityMode.Chemical, "Chlorine", "mg"), (q.Mode, q.ChemicalName, q.MassUnits));
        Assert.Equal((1.3, 0.02), (q.RelativeDiffusivity, q.Tolerance));
        Assert.Equal(new Dictionary<string, double> { ["J1"] = 0.5, ["T1"] = 1.2 }, q.InitialQuality);
        Assert.Equal(
            [new QualitySource("R1", SourceType.Concentration, 1.5, "P1"), new QualitySource("J2", SourceType.Mass, 100),
             new QualitySource("J1", SourceType.Setpoint, 0.8), new QualitySource("J3", SourceType.FlowPaced, 0.3)],
            net.Sources);
        var r = net.Reactions;
        Assert.Equal((1.5, 0.0, 1.0), (r.BulkOrder, r.WallOrder, r.TankOrder));
        Assert.Equal(-0.5, r.GlobalBulk);
        // Zero-order wall coefficients are mass/ft²/day in US files: per m² that is ÷ 0.3048².
        Assert.Equal(-1.2 / (Foot * Foot), r.GlobalWall, 12);
        Assert.Equal(-0.7 / (Foot * Foot), r.PipeWall["P3"], 12);
        Assert.Equal(0.9 / (Foot * Foot), r.RoughnessCorrelation, 12);
        Assert.Equal(-0.3, r.PipeBulk["P1"]);
        Assert.Equal(-0.1, r.TankBulk["T1"]);
        Assert.Equal(2, r.LimitingPotential);
        var tank = net.Tanks.Single();
        Assert.Equal((MixingModel.TwoCompartment, 0.4), (tank.Mixing, tank.MixingFraction));
    }

    [Fact]
    public void First_order_wall_coefficients_are_feet_per_day_in_US_files()
    {
        string text = EveryElementUs.Replace(" Order Wall 0\n", "");
        var r = InpReader.ReadText(text, "w.inp").Scenario.Network.Reactions;
        Assert.Equal(-1.2 * Foot, r.GlobalWall, 15);
        Assert.Equal(-0.7 * Foot, r.PipeWall["P3"], 15);
    }

    [Theory]
    [InlineData("Quality None", QualityMode.None, "Chemical", null)]
    [InlineData("Quality Age", QualityMode.Age, "Chemical", null)]
    [InlineData("Quality Trace R1", QualityMode.Trace, "Chemical", "R1")]
    [InlineData("Quality Chemical ug/L", QualityMode.Chemical, "Chemical", null)]
    [InlineData("Quality Fluoride mg/L", QualityMode.Chemical, "Fluoride", null)]
    public void Quality_option_names_a_mode_or_a_chemical(string line, QualityMode mode, string name, string? trace)
    {
        var q = InpReader.ReadText(EveryElementUs.Replace("Quality Chlorine mg/L", line), "q.inp").Scenario.Network.Quality;
        Assert.Equal((mode, name, trace), (q.Mode, q.ChemicalName, q.TraceNodeId));
        Assert.Equal(line.EndsWith("ug/L") ? "ug" : "mg", q.MassUnits);
    }

    [Fact]
    public void Ranges_of_ids_set_initial_quality_and_reactions_as_EPANET_does()
    {
        string text = EveryElementUs.Replace(" J1 0.5\n T1 1.2", " J1 J3 0.7").Replace(" Bulk P1 -0.3", " Bulk P2 P4 -0.3");
        var net = InpReader.ReadText(text, "r.inp").Scenario.Network;
        Assert.Equal(["J1", "J2", "J3"], net.Quality.InitialQuality.Keys.Order());
        Assert.Equal(["P2", "P3", "P4"], net.Reactions.PipeBulk.Keys.Order());
    }

    [Fact]
    public void Net1_reads_its_control_times_and_chlorine_decay()
    {
        var net = InpReader.ReadFile(RepoPaths.Data("networks", "Net1.inp")).Scenario.Network;
        Assert.Equal(24 * 3600, net.Times.Duration);
        Assert.Equal(300, net.Times.QualityStep);
        Assert.Equal(7200, net.Times.PatternStep);
        Assert.Equal(2, net.Controls.Count);
        Assert.Equal(110 * Foot, net.Controls[0].Value, 12); // tank 2 level
        Assert.Equal((QualityMode.Chemical, "Chlorine"), (net.Quality.Mode, net.Quality.ChemicalName));
        Assert.Equal(11, net.Quality.InitialQuality.Count);
        Assert.Equal(-0.5, net.Reactions.GlobalBulk);
        Assert.Equal(-1 * Foot, net.Reactions.GlobalWall, 15); // first order, ft/day
        Assert.Equal(10, net.Options.ExtraTrials);
        Assert.True(net.NeedsExtendedEngine);
    }

    [Fact]
    public void Net2_reads_its_fluoride_source()
    {
        var net = InpReader.ReadFile(RepoPaths.Data("networks", "Net2.inp")).Scenario.Network;
        Assert.Equal(55 * 3600, net.Times.Duration);
        Assert.Equal(8 * 3600, net.Times.StartClockTime);
        Assert.Equal([new QualitySource("1", SourceType.Concentration, 1.0, "3")], net.Sources);
        Assert.Equal("Fluoride", net.Quality.ChemicalName);
    }

    [Fact]
    public void Controls_and_rules_are_located_for_the_validator()
    {
        var lines = InpReader.ReadText(EveryElementUs, "us.inp").SourceLines;
        var text = EveryElementUs.Split('\n');
        Assert.Equal("LINK PU1 OPEN IF NODE T1 BELOW 5", text[lines["control:0"] - 1].Trim());
        Assert.Equal("RULE R2", text[lines["rule:R2"] - 1].Trim());
        Assert.Equal("V4 J1 J3 8 FCV 100", text[lines["link:V4"] - 1].Trim());
    }
}
