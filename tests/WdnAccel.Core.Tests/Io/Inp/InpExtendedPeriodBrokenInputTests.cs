using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using static WdnAccel.Core.Tests.Io.Inp.InpSnippets;

namespace WdnAccel.Core.Tests.Io.Inp;

/// <summary>
/// Every bad line of the extended-period sections is an <see cref="InvalidInputException"/> naming the file, the line,
/// the field where there is one, and what was expected; never a crash.
/// </summary>
public class InpExtendedPeriodBrokenInputTests
{
    [Theory]
    // [VALVES]
    [InlineData("V1 J2 J3 6 PRV 50 0.2", "V1 J2 J3 6", "valve V1 needs Node1 Node2 Diameter Type Setting", null)]
    [InlineData("V1 J2 J3 6 PRV 50 0.2", "V1 J2 J3 6 XYZ 50", "unknown type 'XYZ'; expected PRV, PSV, PBV, FCV, TCV or GPV", "Type")]
    [InlineData("V1 J2 J3 6 PRV 50 0.2", "V1 J2 J3 NaN PRV 50", "diameter of valve V1, got 'NaN'", "diameter of valve V1")]
    [InlineData("V1 J2 J3 6 PRV 50 0.2", "V1 J2 J3 6 PRV -5", "expected a number ≥ 0 for setting of valve V1", "setting of valve V1")]
    [InlineData("V1 J2 J3 6 PRV 50 0.2", "V1 J2 J3 6 PRV 50 abc", "minor loss of valve V1", "minor loss of valve V1")]
    [InlineData("V1 J2 J3 6 PRV 50 0.2", "V1 J2 R1 6 PRV 50", "a PRV cannot be connected to reservoir 'R1' (EPANET error 219)", "Node2")]
    [InlineData("V1 J2 J3 6 PRV 50 0.2", "V1 J2 JX 6 PRV 50", "link V1 refers to unknown node 'JX'", "Node2")]
    [InlineData("V1 J2 J3 6 PRV 50 0.2", "P1 J2 J3 6 PRV 50", "duplicate link id 'P1'", null)]
    [InlineData("V3 J3 J2 4 GPV HL1", "V3 J3 J2 4 GPV NOCURVE", "valve V3 refers to undefined curve 'NOCURVE'", "Setting")]
    [InlineData("V3 J3 J2 4 GPV HL1", "V3 J3 J2 4 PCV 50", "PCV, EPANET 2.3", "Type")]
    [InlineData("V6 J1 J2 5 PSV 30", "V6 J3 J1 5 PSV 30", "valve V6 and valve V1 (line 19): a PSV may not start at a PRV's downstream node (EPANET error 220)", null)]
    [InlineData("V5 J1 J2 5 PBV 5", "V5 J1 J3 5 PRV 5", "two PRVs may not share a downstream node", null)]
    // [STATUS]
    [InlineData("V5 20", "V5 -3", "expected a number ≥ 0 for setting of valve V5", "setting of valve V5")]
    [InlineData("V5 20", "V3 20", "valve V3 is a GPV", "setting of valve V3")]
    [InlineData("V5 20", "VX 20", "status for unknown link 'VX'", null)]
    // [EMITTERS]
    [InlineData("J3 0.5", "J3 -0.5", "expected a number ≥ 0 for emitter coefficient of junction J3", "emitter coefficient of junction J3")]
    [InlineData("J3 0.5", "JX 0.5", "emitter at unknown node 'JX'", "Junction")]
    [InlineData("J3 0.5", "J3", "missing value: expected a number for emitter coefficient of junction J3", "emitter coefficient of junction J3")]
    // [OPTIONS]
    [InlineData("Demand Model PDA", "Demand Model XYZ", "unknown demand model 'XYZ'; expected DDA or PDA", "Demand Model")]
    [InlineData("Demand Model PDA", "Demand Model", "missing value: expected Demand Model", "Demand Model")]
    [InlineData("Required Pressure 30", "Required Pressure 10.05", "must lie at least 0.1 above the minimum pressure 10 (EPANET error 208)", "Required Pressure")]
    [InlineData("Minimum Pressure 10", "Minimum Pressure -1", "expected a number ≥ 0 for Minimum Pressure", "Minimum Pressure")]
    [InlineData("Pressure Exponent 0.6", "Pressure Exponent 0", "expected a positive number for Pressure Exponent", "Pressure Exponent")]
    [InlineData("Emitter Exponent 0.55", "Emitter Exponent -0.5", "expected a positive number for Emitter Exponent", "Emitter Exponent")]
    [InlineData("CHECKFREQ 3", "CHECKFREQ 2.5", "expected a whole number ≥ 1 for CHECKFREQ", "CHECKFREQ")]
    [InlineData("MAXCHECK 12", "MAXCHECK 0", "expected a whole number ≥ 1 for MAXCHECK", "MAXCHECK")]
    [InlineData("HEADERROR 0.02", "HEADERROR -1", "expected a number ≥ 0 for HEADERROR", "HEADERROR")]
    [InlineData("FLOWCHANGE 0.5", "FLOWCHANGE Infinity", "expected a finite number for FLOWCHANGE", "FLOWCHANGE")]
    [InlineData("Unbalanced Continue 7", "Unbalanced Maybe", "expected STOP or CONTINUE [trials] for Unbalanced", "Unbalanced")]
    [InlineData("Unbalanced Continue 7", "Unbalanced Continue -2", "expected a whole number ≥ 0 for Unbalanced", "Unbalanced")]
    [InlineData("Quality Chlorine mg/L", "Quality Trace NOPE", "trace node 'NOPE' is not a node of the network (EPANET error 212)", "Quality")]
    [InlineData("Quality Chlorine mg/L", "Quality Trace", "missing value: expected trace node of Quality", "trace node of Quality")]
    [InlineData("Quality Chlorine mg/L", "Quality Chlorine ppm", "unknown concentration units 'ppm'; expected mg/L or ug/L", "Quality")]
    [InlineData("Diffusivity 1.3", "Diffusivity abc", "expected a finite number for Diffusivity, got 'abc'", "Diffusivity")]
    [InlineData("Tolerance 0.02", "Tolerance -0.02", "expected a number ≥ 0 for Tolerance", "Tolerance")]
    [InlineData("Map net.map", "Pressure bar", "unknown pressure units 'bar'; expected PSI, KPA or METERS", "Pressure")]
    // [TIMES]
    [InlineData("Duration 2 days", "Duration 2 fortnights", "expected a time for Duration (hours, h:mm or h:mm:ss", "Duration")]
    [InlineData("Duration 2 days", "Duration", "[TIMES] Duration has no value", "Duration")]
    [InlineData("Hydraulic Timestep 0:30", "Hydraulic Timestep -1", "expected a time ≥ 0 for Hydraulic Timestep", "Hydraulic Timestep")]
    [InlineData("Rule Timestep 0:06", "Rule Timestep 0:xx", "expected a time for Rule Timestep", "Rule Timestep")]
    [InlineData("Rule Timestep 0:06", "Rule Timestep 1:2:3:4", "expected a time for Rule Timestep", "Rule Timestep")]
    [InlineData("Pattern Start 1:00", "Pattern Begin 1:00", "expected PATTERN TIMESTEP or PATTERN START, got 'Pattern Begin'", "Pattern Begin")]
    [InlineData("Start ClockTime 2:30 PM", "Start ClockTime 13:30 PM", "expected a time for Start ClockTime", "Start ClockTime")]
    [InlineData("Statistic AVERAGE", "Statistic MEDIAN", "unknown statistic 'MEDIAN'", "Statistic")]
    [InlineData("Statistic AVERAGE", "Lunch 1:00", "unknown [TIMES] keyword 'Lunch'", "Lunch")]
    // [ENERGY]
    [InlineData("Pump PU1 Price 0.2", "Pump P1 Price 0.2", "[ENERGY] refers to 'P1', which is not a pump (EPANET error 216)", "Pump")]
    [InlineData("Pump PU1 Price 0.2", "Pump PU1 Price -0.2", "expected a number ≥ 0 for pump PU1 energy price", "pump PU1 energy price")]
    [InlineData("Pump PU1 Efficiency E1", "Pump PU1 Efficiency NOCURVE", "pump PU1 refers to undefined efficiency curve 'NOCURVE'", "Efficiency")]
    [InlineData("Global Pattern PR", "Global Pattern NOPAT", "Global price pattern refers to undefined pattern 'NOPAT'", "Pattern")]
    [InlineData("Global Efficiency 70", "Global Efficiency 0", "expected a positive number for Global Efficiency", "Global Efficiency")]
    [InlineData("Global Efficiency 70", "Global Speed 70", "expected PRICE, PATTERN or EFFICIENCY, got 'Speed'", "Speed")]
    [InlineData("Demand Charge 12", "Demand Charge", "an [ENERGY] line reads GLOBAL|PUMP id", "Demand")]
    [InlineData("Demand Charge 12", "Demand Charge -12", "expected a number ≥ 0 for Demand Charge", "Demand Charge")]
    [InlineData("Demand Charge 12", "Local Price 0.1", "expected GLOBAL, PUMP or DEMAND CHARGE, got 'Local'", "Local")]
    // [CONTROLS]
    [InlineData("LINK PU1 OPEN IF NODE T1 BELOW 5", "LINK PUX OPEN IF NODE T1 BELOW 5", "control refers to unknown link 'PUX'", "Link")]
    [InlineData("LINK PU1 OPEN IF NODE T1 BELOW 5", "LINK PU1 OPEN IF NODE TX BELOW 5", "control refers to unknown node 'TX'", "Node")]
    [InlineData("LINK PU1 OPEN IF NODE T1 BELOW 5", "LINK PU1 OPEN IF NODE T1 UNDER 5", "expected ABOVE or BELOW, got 'UNDER'", "ABOVE/BELOW")]
    [InlineData("LINK PU1 OPEN IF NODE T1 BELOW 5", "LINK PU1 OPEN IF NODE T1 BELOW five", "expected a finite number for level of node T1, got 'five'", "level of node T1")]
    [InlineData("LINK PU1 OPEN IF NODE T1 BELOW 5", "LINK PU1 OPEN IF NODE T1 BELOW", "a level control reads", null)]
    [InlineData("LINK PU1 OPEN IF NODE T1 BELOW 5", "LINK PU1 OPEN IF TANK T1 BELOW 5", "expected NODE after IF, got 'TANK'", "NODE")]
    [InlineData("LINK PU1 OPEN IF NODE T1 BELOW 5", "LINK P2 OPEN IF NODE T1 BELOW 5", "check-valve pipe P2, whose status cannot be controlled (EPANET error 207)", "Link")]
    [InlineData("LINK PU1 OPEN IF NODE T1 BELOW 5", "PIPE PU1 OPEN IF NODE T1 BELOW 5", "a control starts with LINK, got 'PIPE'", "LINK")]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V3 5 AT TIME 6:30", "valve V3 is a GPV", "Setting")]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V1 -40 AT TIME 6:30", "must be OPEN, CLOSED or a number ≥ 0, got -40 (EPANET error 211)", "Setting")]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V1 forty AT TIME 6:30", "expected a finite number for setting of link V1, got 'forty'", "setting of link V1")]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V1 40 AT TIME 6:xx", "expected a time ≥ 0", "TIME")]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V1 40 AT TIME -1", "expected a time ≥ 0", "TIME")]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V1 40 AT NOON 12", "expected TIME or CLOCKTIME after AT, got 'NOON'", "TIME/CLOCKTIME")]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V1 40 WHEN TIME 6:30", "expected IF or AT after the setting, got 'WHEN'", "IF/AT")]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V1 40 AT", "a control reads LINK id setting IF NODE", null)]
    [InlineData("LINK V1 40 AT TIME 6:30", "LINK V1 40 AT TIME 6:30 DISABLED", "DISABLED controls (EPANET 2.3) are not supported", "DISABLED")]
    [InlineData("LINK PU1 0.8 AT CLOCKTIME 6 AM", "LINK PU1 0.8 AT CLOCKTIME 6 XM", "expected a time ≥ 0", "CLOCKTIME")]
    // [RULES]
    [InlineData("IF TANK T1 LEVEL ABOVE 15", "IF TANK TX LEVEL ABOVE 15", "rule premise refers to unknown node 'TX'", "Node")]
    [InlineData("IF TANK T1 LEVEL ABOVE 15", "IF TANK T1 COLOUR ABOVE 15", "unknown rule variable 'COLOUR'", "Variable")]
    [InlineData("IF TANK T1 LEVEL ABOVE 15", "IF TANK T1 LEVEL ABOUT 15", "unknown operator 'ABOUT'", "Operator")]
    [InlineData("IF TANK T1 LEVEL ABOVE 15", "IF TANK T1 LEVEL ABOVE high", "expected a finite number for value of TANK T1 LEVEL, got 'high'", "value of TANK T1 LEVEL")]
    [InlineData("IF TANK T1 LEVEL ABOVE 15", "IF TANK T1 LEVEL ABOVE", "has one value after the operator", null)]
    [InlineData("IF TANK T1 LEVEL ABOVE 15", "IF TANK T1 LEVEL", "a premise reads IF object id variable operator value", null)]
    [InlineData("IF TANK T1 LEVEL ABOVE 15", "IF POND T1 LEVEL ABOVE 15", "unknown rule object 'POND'", "Object")]
    [InlineData("IF TANK T1 LEVEL ABOVE 15", "IF TANK T1 FLOW ABOVE 15", "a node has DEMAND, HEAD, GRADE, LEVEL, PRESSURE, FILLTIME or DRAINTIME, not FLOW", "Variable")]
    [InlineData("AND SYSTEM CLOCKTIME >= 8 PM", "AND SYSTEM CLOCKTIME >= 8 XM", "expected a time ≥ 0 for CLOCKTIME", "CLOCKTIME")]
    [InlineData("AND SYSTEM CLOCKTIME >= 8 PM", "AND SYSTEM PRESSURE >= 8", "SYSTEM has DEMAND, TIME or CLOCKTIME, not PRESSURE", "Variable")]
    [InlineData("AND TANK T1 FILLTIME > 2.5", "AND JUNCTION J1 FILLTIME > 2.5", "FILLTIME applies to tanks; J1 is a junction", "Variable")]
    [InlineData("AND LINK V4 FLOW <= 120", "AND LINK V4 POWER <= 120", "a link has FLOW, STATUS or SETTING, not POWER", "Variable")]
    [InlineData("AND LINK V4 FLOW <= 120", "AND LINK VX FLOW <= 120", "rule premise refers to unknown link 'VX'", "Link")]
    [InlineData("AND LINK V1 STATUS IS ACTIVE", "AND LINK V1 STATUS IS HALFWAY", "a STATUS is OPEN, CLOSED or ACTIVE, got 'HALFWAY'", "Value")]
    [InlineData("AND LINK V1 STATUS IS ACTIVE", "AND LINK V1 STATUS > OPEN", "a STATUS compares with IS or NOT, not >", "Operator")]
    [InlineData("THEN PUMP PU1 STATUS IS CLOSED", "THEN PUMP PUX STATUS IS CLOSED", "rule action refers to unknown link 'PUX'", "Link")]
    [InlineData("THEN PUMP PU1 STATUS IS CLOSED", "THEN PUMP PU1 STATUS IS ACTIVE", "ACTIVE is not a setting WdnAccel models for link PU1", "Setting")]
    [InlineData("THEN PUMP PU1 STATUS IS CLOSED", "THEN PUMP PU1 STATUS CLOSED", "an action reads THEN LINK id STATUS|SETTING IS value; got 5 field(s)", null)]
    [InlineData("THEN PUMP PU1 STATUS IS CLOSED", "THEN PUMP PU1 SPEED IS 1", "an action sets STATUS or SETTING, not 'SPEED'", "Variable")]
    [InlineData("THEN PUMP PU1 STATUS IS CLOSED", "THEN TANK T1 STATUS IS CLOSED", "an action acts on a LINK, PIPE, PUMP or VALVE, not 'TANK'", "Object")]
    [InlineData("AND VALVE V1 SETTING IS 45", "AND VALVE V1 SETTING IS -45", "got -45 (EPANET error 211)", "Setting")]
    [InlineData("PRIORITY 5", "PRIORITY high", "expected a finite number for priority of rule R1, got 'high'", "priority of rule R1")]
    [InlineData("ELSE LINK PU1 STATUS IS OPEN", "WHEN LINK PU1 STATUS IS OPEN", "expected RULE, IF, AND, OR, THEN, ELSE or PRIORITY, got 'WHEN'", "WHEN")]
    [InlineData("THEN LINK P1 STATUS IS OPEN", "ELSE LINK P1 STATUS IS OPEN", "ELSE cannot follow IF in rule R2", "ELSE")]
    [InlineData("IF SYSTEM TIME = 10:30", "THEN LINK P1 STATUS IS OPEN", "THEN cannot follow RULE in rule R2", "THEN")]
    [InlineData("RULE R2", "RULE R2 extra", "RULE needs exactly one label, got 2", "RULE")]
    // [QUALITY], [SOURCES], [REACTIONS], [MIXING]
    [InlineData("J1 0.5", "JX 0.5", "initial quality of unknown node 'JX'", "Node")]
    [InlineData("J1 0.5", "J1 -0.5", "expected a number ≥ 0 for initial quality of node J1", "initial quality of node J1")]
    [InlineData("T1 1.2", "T1", "initial quality of node T1 has no value", "InitQual")]
    [InlineData("J2 MASS 100", "J2 BOOST 100", "unknown source type 'BOOST'; expected CONCEN, MASS, SETPOINT or FLOWPACED", "Type")]
    [InlineData("J2 MASS 100", "JX MASS 100", "source at unknown node 'JX'", "Node")]
    [InlineData("J2 MASS 100", "J2 MASS lots", "expected a finite number for strength of the source at node J2, got 'lots'", "strength of the source at node J2")]
    [InlineData("J2 MASS 100", "J2 MASS", "missing value: expected a number for strength of the source at node J2", "strength of the source at node J2")]
    [InlineData("R1 CONCEN 1.5 P1", "R1 CONCEN 1.5 NOPAT", "source at node R1 refers to undefined pattern 'NOPAT'", "Pattern")]
    [InlineData("Order Wall 0", "Order Wall 2", "the wall reaction order is 0 or 1, got 2", "Order Wall")]
    [InlineData("Order Wall 0", "Order Pipe 1", "expected ORDER BULK, WALL or TANK, got 'Order Pipe'", "Order Pipe")]
    [InlineData("Order Wall 0", "Order Wall", "a [REACTIONS] line reads a keyword, what it applies to and a value; got 2 field(s)", "Order")]
    [InlineData("Bulk P1 -0.3", "Bulk PX -0.3", "[REACTIONS] Bulk refers to unknown link 'PX'", "pipe")]
    [InlineData("Bulk P1 -0.3", "Bulk PU1 -0.3", "[REACTIONS] Bulk refers to 'PU1', which is not a pipe", "pipe")]
    [InlineData("Tank T1 -0.1", "Tank J1 -0.1", "[REACTIONS] Tank refers to 'J1', which is not a tank", "tank")]
    [InlineData("Global Bulk -0.5", "Global Soil -0.5", "expected GLOBAL BULK or GLOBAL WALL, got 'Global Soil'", "Global Soil")]
    [InlineData("Limiting Potential 2", "Limiting Potential NaN", "expected a finite number for Limiting Potential, got 'NaN'", "Limiting Potential")]
    [InlineData("Limiting Potential 2", "Sunlight Potential 2", "expected ORDER, GLOBAL, BULK, WALL, TANK, LIMITING POTENTIAL or ROUGHNESS CORRELATION, got 'Sunlight'", "Sunlight")]
    [InlineData("T1 2COMP 0.4", "T1 2COMP 1.5", "the mixing zone of tank T1 is a fraction in (0, 1] of its volume, got 1.5", "Fraction")]
    [InlineData("T1 2COMP 0.4", "T1 2COMP -0.4", "a fraction in (0, 1]", "Fraction")]
    [InlineData("T1 2COMP 0.4", "T1 BLENDED", "unknown mixing model 'BLENDED'; expected MIXED, 2COMP, FIFO or LIFO", "Model")]
    [InlineData("T1 2COMP 0.4", "TX MIXED", "mixing of unknown node 'TX'", "Tank")]
    [InlineData("T1 2COMP 0.4", "T1", "missing value: expected mixing model of tank T1", "mixing model of tank T1")]
    public void Broken_line_names_the_line_the_field_and_what_was_expected(string good, string bad, string expected, string? field)
    {
        var (text, line) = ReplaceLine(EveryElementUs, good, " " + bad);
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "bad.inp"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith($"bad.inp, line {line}", e.Message);
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void A_rule_without_THEN_is_named_at_its_RULE_line()
    {
        string text = EveryElementUs.Replace("THEN LINK P1 STATUS IS OPEN\n", "");
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "bad.inp"));
        Assert.Contains("rule R2 needs an IF clause and a THEN action", e.Message);
        Assert.Equal(EveryElementUs.Split('\n').ToList().FindIndex(l => l.Trim() == "RULE R2") + 1, e.Line);
    }

    [Fact]
    public void A_bad_rule_line_skips_the_rest_of_that_rule_only()
    {
        // EPANET stops parsing a rule at its first bad clause; the next rule is read normally and its errors reported too.
        string text = EveryElementUs.Replace("IF TANK T1 LEVEL ABOVE 15", "IF TANK T1 LEVEL ABOVE x")
            .Replace("AND NODE J2 HEAD BELOW 400", "AND NODE J2 HEAD BELOW y");
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "bad.inp"));
        Assert.Equal(2, e.All.Count);
        Assert.Contains("got 'x'", e.All[0].Message);
        Assert.Contains("got 'y'", e.All[1].Message);
    }

    [Fact]
    public void A_broken_valve_line_does_not_break_the_controls_and_rules_that_name_it()
    {
        // V1's own line is the error; [STATUS], a control and a rule still refer to it, and nothing crashes.
        var (text, line) = ReplaceLine(EveryElementUs, "V1 J2 J3 6 PRV 50 0.2", " V1 J2 J3 6 XYZ 50");
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "bad.inp"));
        Assert.Equal(line, e.All[0].Line);
        Assert.All(e.All, p => Assert.NotNull(p.Line));
    }

    [Fact]
    public void Values_beyond_a_double_once_in_SI_are_problems_not_infinity()
    {
        // 1e308 hours is finite, but not in seconds; 1e308 mg/ft²/day is finite, but not per m².
        var (text, line) = ReplaceLine(EveryElementUs, "AND TANK T1 FILLTIME > 2.5", " AND TANK T1 FILLTIME > 1e308");
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "big.inp"));
        Assert.Equal(line, e.Line);
        Assert.Contains("1E+308 is beyond what a number holds once converted to SI units", e.Message);
        e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(EveryElementUs.Replace("Global Wall -1.2", "Global Wall -1e308"), "big.inp"));
        Assert.Equal("Global Wall", e.Field);
        Assert.StartsWith("big.inp, field 'Global Wall'", e.Message);
    }

    [Fact]
    public void Emitters_and_mixing_on_the_wrong_kind_of_node_are_ignored_with_a_warning_as_in_EPANET()
    {
        string text = EveryElementUs.Replace(" J3 0.5\n", " J3 0.5\n T1 0.2\n").Replace(" T1 2COMP 0.4", " T1 2COMP 0.4\n J1 FIFO");
        var read = InpReader.ReadText(text, "w.inp");
        Assert.Contains(read.Warnings, w => w.Contains("emitter at tank T1 ignored"));
        Assert.Contains(read.Warnings, w => w.Contains("mixing of junction J1 ignored"));
    }
}
