using WdnAccel.Core.Model;
using V = WdnAccel.Core.Io.Scenarios.Schema.SchemaValues;

namespace WdnAccel.Core.Io.Scenarios.Schema;

/// <summary>
/// The scenario format, once: every map, its keys in writing order, their types, ranges, units, defaults and notes,
/// and how each record is built. <see cref="ScenarioSchemaReader"/> reads by it, <see cref="ScenarioSchemaWriter"/>
/// writes by it, and <see cref="ScenarioSchemaDoc"/> prints the field tables of docs/scenario-format.md from it.
/// Maps are defined before the maps that hold them.
/// </summary>
internal static class ScenarioSchema
{
    // ---- network -------------------------------------------------------------------------------------------

    public static readonly MapSchema<DemandComponent> DemandMap = Define(
        new MapSchema<DemandComponent>("demand", "One demand component of a junction (EPANET's [DEMANDS] line)."), m =>
        {
            var q = m.Required("base_demand", V.Number(NumberRange.Finite), d => d.BaseDemand, "m³/s; negative = inflow");
            var pattern = m.Optional("pattern_id", V.OrNil(V.String), d => d.PatternId, "a pattern's id");
            var category = m.Optional("category", V.OrNil(V.String), d => d.Category);
            return v => new DemandComponent(v.Get(q), v.Get(pattern), v.Get(category));
        });

    public static readonly MapSchema<Junction> JunctionMap = Define(
        new MapSchema<Junction>("junction", "A node whose head the solver finds."), m =>
        {
            var id = m.Required("id", V.String, j => j.Id, "unique among nodes");
            var elevation = m.Required("elevation", V.Number(NumberRange.Finite), j => j.Elevation, "m");
            var demands = m.Default("demands", V.ArrayOf(V.Map(DemandMap)), j => j.Demands, [], "summed; empty = no demand");
            var minP = m.Optional("min_pressure", V.OrNilValue(V.Number(NumberRange.Finite)), j => j.MinPressure, "m; overrides the design block's bound here");
            var maxP = m.Optional("max_pressure", V.OrNilValue(V.Number(NumberRange.Finite)), j => j.MaxPressure, "m; overrides the design block's bound here");
            var xy = m.Optional("coordinates", V.OrNilValue(V.Point), j => j.Coordinates, "drawing units");
            var emitter = m.Default("emitter_coefficient", V.Number(NumberRange.NonNegative), j => j.EmitterCoefficient, 0.0,
                "m³/s per m^`options.emitter_exponent` of pressure; 0 = no emitter");
            return v => new Junction(v.Get(id), v.Get(elevation), v.Get(demands), v.Get(minP), v.Get(maxP), v.Get(xy)) { EmitterCoefficient = v.Get(emitter) };
        });

    public static readonly MapSchema<Reservoir> ReservoirMap = Define(
        new MapSchema<Reservoir>("reservoir", "A fixed-head node."), m =>
        {
            var id = m.Required("id", V.String, r => r.Id, "unique among nodes");
            var head = m.Required("head", V.Number(NumberRange.Finite), r => r.Head, "m");
            var pattern = m.Optional("pattern_id", V.OrNil(V.String), r => r.PatternId, "head pattern (extended period runs)");
            var xy = m.Optional("coordinates", V.OrNilValue(V.Point), r => r.Coordinates, "drawing units");
            return v => new Reservoir(v.Get(id), v.Get(head), v.Get(pattern), v.Get(xy));
        });

    public static readonly MapSchema<Tank> TankMap = Define(
        new MapSchema<Tank>("tank", "A storage node; in a snapshot, a fixed head at `elevation + init_level`."), m =>
        {
            var id = m.Required("id", V.String, t => t.Id, "unique among nodes");
            var elevation = m.Required("elevation", V.Number(NumberRange.Finite), t => t.Elevation, "m, of the tank's bottom");
            var init = m.Required("init_level", V.Number(NumberRange.NonNegative), t => t.InitLevel, "m above `elevation`");
            var min = m.Required("min_level", V.Number(NumberRange.NonNegative), t => t.MinLevel, "m");
            var max = m.Required("max_level", V.Number(NumberRange.NonNegative), t => t.MaxLevel, "m");
            var diameter = m.Required("diameter", V.Number(NumberRange.NonNegative), t => t.Diameter, "m");
            var minVolume = m.Default("min_volume", V.Number(NumberRange.NonNegative), t => t.MinVolume, 0.0, "m³");
            var curve = m.Optional("volume_curve_id", V.OrNil(V.String), t => t.VolumeCurveId, "a `volume` curve's id");
            var overflow = m.Default("can_overflow", V.Boolean, t => t.CanOverflow, false);
            var xy = m.Optional("coordinates", V.OrNilValue(V.Point), t => t.Coordinates, "drawing units");
            var mixing = m.Default("mixing", V.Enum<MixingModel>(), t => t.Mixing, MixingModel.Mixed, "water-quality mixing model");
            var fraction = m.Default("mixing_fraction", V.Number(NumberRange.Positive), t => t.MixingFraction, 1.0,
                "the mixing zone's share of the volume, ≤ 1 (`two_compartment`)");
            return v => new Tank(v.Get(id), v.Get(elevation), v.Get(init), v.Get(min), v.Get(max), v.Get(diameter), v.Get(minVolume),
                v.Get(curve), v.Get(overflow), v.Get(xy)) { Mixing = v.Get(mixing), MixingFraction = v.Get(fraction) };
        });

    public static readonly MapSchema<Pipe> PipeMap = Define(
        new MapSchema<Pipe>("pipe", "A pipe from `node1` to `node2` (positive flow runs that way)."), m =>
        {
            var id = m.Required("id", V.String, p => p.Id, "unique among links");
            var node1 = m.Required("node1", V.String, p => p.Node1, "a node's id");
            var node2 = m.Required("node2", V.String, p => p.Node2, "a node's id");
            var length = m.Required("length", V.Number(NumberRange.Positive), p => p.Length, "m");
            var diameter = m.Required("diameter", V.Number(NumberRange.Positive), p => p.Diameter, "m");
            var roughness = m.Required("roughness", V.Number(NumberRange.Positive), p => p.Roughness,
                "Hazen–Williams C (dimensionless), Darcy–Weisbach ε in m or Manning's n (Chezy–Manning), per `options.head_loss`");
            var minor = m.Default("minor_loss", V.Number(NumberRange.NonNegative), p => p.MinorLoss, 0.0, "K of h = K·v²/2g");
            var status = m.Default("status", V.Enum<LinkStatus>(), p => p.Status, LinkStatus.Open, "`check_valve`: flow only from `node1` to `node2`");
            var vertices = m.Optional("vertices", V.OrNil(V.ArrayOf(V.Point)), p => p.Vertices, "drawing units");
            return v => new Pipe(v.Get(id), v.Get(node1), v.Get(node2), v.Get(length), v.Get(diameter), v.Get(roughness), v.Get(minor),
                v.Get(status), v.Get(vertices));
        });

    public static readonly MapSchema<Pump> PumpMap = Define(
        new MapSchema<Pump>("pump", "A pump from `node1` (suction) to `node2` (discharge): a head curve or a constant power."), m =>
        {
            var id = m.Required("id", V.String, p => p.Id, "unique among links");
            var node1 = m.Required("node1", V.String, p => p.Node1, "suction node's id");
            var node2 = m.Required("node2", V.String, p => p.Node2, "discharge node's id");
            var curve = m.Optional("head_curve_id", V.OrNil(V.String), p => p.HeadCurveId, "a `pump_head` curve's id");
            var power = m.Optional("power", V.OrNilValue(V.Number(NumberRange.Positive)), p => p.Power, "kW (a constant-power pump)");
            var speed = m.Default("speed", V.Number(NumberRange.NonNegative), p => p.Speed, 1.0, "relative speed");
            var pattern = m.Optional("pattern_id", V.OrNil(V.String), p => p.PatternId, "speed pattern");
            var status = m.Default("status", V.Enum<LinkStatus>(), p => p.Status, LinkStatus.Open, "`check_valve` acts as `open`: a pump never runs backwards");
            var vertices = m.Optional("vertices", V.OrNil(V.ArrayOf(V.Point)), p => p.Vertices, "drawing units");
            var efficiency = m.Optional("efficiency_curve_id", V.OrNil(V.String), p => p.EfficiencyCurveId, "an `efficiency` curve's id; absent = `energy.global_efficiency`");
            var price = m.Optional("energy_price", V.OrNilValue(V.Number(NumberRange.NonNegative)), p => p.EnergyPrice, "per kWh; absent = `energy.global_price`");
            var prices = m.Optional("price_pattern_id", V.OrNil(V.String), p => p.PricePatternId, "energy price pattern; absent = `energy.global_price_pattern_id`");
            return v => new Pump(v.Get(id), v.Get(node1), v.Get(node2), v.Get(curve), v.Get(power), v.Get(speed), v.Get(pattern),
                v.Get(status), v.Get(vertices))
            {
                EfficiencyCurveId = v.Get(efficiency), EnergyPrice = v.Get(price), PricePatternId = v.Get(prices),
            };
        });

    public static readonly MapSchema<Valve> ValveMap = Define(
        new MapSchema<Valve>("valve", "A control valve from `node1` to `node2` (EPANET's [VALVES])."), m =>
        {
            var id = m.Required("id", V.String, x => x.Id, "unique among links");
            var node1 = m.Required("node1", V.String, x => x.Node1, "upstream node's id");
            var node2 = m.Required("node2", V.String, x => x.Node2, "downstream node's id");
            var diameter = m.Required("diameter", V.Number(NumberRange.Positive), x => x.Diameter, "m");
            var type = m.Required("type", V.Enum<ValveType>(), x => x.Type);
            var setting = m.Default("setting", V.Number(NumberRange.Finite), x => x.Setting, 0.0,
                "pressure in m (`prv`, `psv`, `pbv`), flow in m³/s (`fcv`), loss coefficient (`tcv`); unused by a `gpv`");
            var minor = m.Default("minor_loss", V.Number(NumberRange.NonNegative), x => x.MinorLoss, 0.0, "K of h = K·v²/2g when fully open");
            var curve = m.Optional("curve_id", V.OrNil(V.String), x => x.CurveId, "a `gpv`'s `head_loss` curve");
            var fixedStatus = m.Optional("fixed_status", V.OrNilValue(V.Enum<LinkStatus>()), x => x.FixedStatus,
                "`open` or `closed` overrides the setting until a control changes it; absent = active");
            var vertices = m.Optional("vertices", V.OrNil(V.ArrayOf(V.Point)), x => x.Vertices, "drawing units");
            return v => new Valve(v.Get(id), v.Get(node1), v.Get(node2), v.Get(diameter), v.Get(type), v.Get(setting), v.Get(minor),
                v.Get(curve), v.Get(fixedStatus), v.Get(vertices));
        });

    public static readonly MapSchema<Curve> CurveMap = Define(
        new MapSchema<Curve>("curve", "Points of a curve: `pump_head` x flow m³/s, y head m; `efficiency` x m³/s, y %; `volume` x level m, y m³; `head_loss` x m³/s, y m."), m =>
        {
            var id = m.Required("id", V.String, c => c.Id);
            var kind = m.Default("kind", V.Enum<CurveKind>(), c => c.Kind, CurveKind.PumpHead);
            var points = m.Required("points", V.ArrayOf(V.Point), c => c.Points);
            return v => new Curve(v.Get(id), v.Get(kind), v.Get(points));
        });

    public static readonly MapSchema<Pattern> PatternMap = Define(
        new MapSchema<Pattern>("pattern", "Multipliers per pattern time step."), m =>
        {
            var id = m.Required("id", V.String, p => p.Id);
            var multipliers = m.Required("multipliers", V.ArrayOf(V.Number(NumberRange.Finite)), p => p.Multipliers);
            return v => new Pattern(v.Get(id), v.Get(multipliers));
        });

    public static readonly MapSchema<DemandCase> DemandCaseMap = Define(
        new MapSchema<DemandCase>("demand case", "A loading condition the network must serve (e.g. peak hour, fire flow)."), m =>
        {
            var name = m.Required("name", V.String, c => c.Name);
            var multiplier = m.Default("multiplier", V.Number(NumberRange.NonNegative), c => c.Multiplier, 1.0, "every junction's snapshot demand × multiplier");
            var demands = m.Optional("junction_demands", V.OrNil(V.NumberMap(NumberRange.Finite, "junction id")), c => c.JunctionDemands,
                "m³/s; replaces those junctions' demands");
            var minP = m.Optional("min_pressure", V.OrNilValue(V.Number(NumberRange.Finite)), c => c.MinPressure, "m; overrides the design's minimum pressure in this case");
            return v => new DemandCase(v.Get(name), v.Get(multiplier), v.Get(demands), v.Get(minP));
        });

    private static readonly HydraulicOptions DefaultOptions = new();

    public static readonly MapSchema<HydraulicOptions> OptionsMap = Define(
        new MapSchema<HydraulicOptions>("options", "Hydraulic options of the network."), m =>
        {
            var d = DefaultOptions;
            var headLoss = m.Default("head_loss", V.Enum<HeadLossModel>(), o => o.HeadLoss, d.HeadLoss);
            var omega = m.Default("omega", V.Number(NumberRange.Positive), o => o.Omega, d.Omega,
                "ω of h = ω·L·Q^1.852/(C^1.852·D^4.871); the default is EPANET's 4.727 in SI units");
            var accuracy = m.Default("accuracy", V.Number(NumberRange.Positive), o => o.Accuracy, d.Accuracy, "Σ\\|ΔQ\\|/Σ\\|Q\\| convergence limit; below `1e-12` it is raised to `1e-12` with a warning");
            var trials = m.Default("max_trials", V.Integer(1), o => o.MaxTrials, d.MaxTrials, "above `100000` it is lowered to `100000` with a warning");
            var viscosity = m.Default("relative_viscosity", V.Number(NumberRange.Positive), o => o.RelativeViscosity, d.RelativeViscosity, "relative to water at 20 °C");
            var gravity = m.Default("specific_gravity", V.Number(NumberRange.Positive), o => o.SpecificGravity, d.SpecificGravity);
            var multiplier = m.Default("demand_multiplier", V.Number(NumberRange.NonNegative), o => o.DemandMultiplier, d.DemandMultiplier, "global");
            var pattern = m.Default("default_pattern_id", V.OrNil(V.String), o => o.DefaultPatternId, d.DefaultPatternId,
                "absent → `\"1\"` (EPANET); **nil → no default pattern**");
            var units = m.Default("flow_units", V.Enum<FlowUnits>(), o => o.FlowUnits, d.FlowUnits,
                "only records the `.inp` units for export; values are SI regardless");
            var demandModel = m.Default("demand_model", V.Enum<DemandModel>(), o => o.DemandModel, d.DemandModel,
                "`pressure_driven`: EPANET's PDA between `minimum_pressure` and `required_pressure`");
            var pmin = m.Default("minimum_pressure", V.Number(NumberRange.NonNegative), o => o.MinimumPressure, d.MinimumPressure, "m; no demand at or below it (PDA)");
            var preq = m.Default("required_pressure", V.Number(NumberRange.NonNegative), o => o.RequiredPressure, d.RequiredPressure,
                "m; the full demand from it on (PDA), above `minimum_pressure`");
            var pexp = m.Default("pressure_exponent", V.Number(NumberRange.Positive), o => o.PressureExponent, d.PressureExponent, "of the PDA demand–pressure relation");
            var eexp = m.Default("emitter_exponent", V.Number(NumberRange.Positive), o => o.EmitterExponent, d.EmitterExponent, "emitter outflow = coefficient × pressure^exponent");
            var checkFrequency = m.Default("check_frequency", V.Integer(1), o => o.CheckFrequency, d.CheckFrequency, "status checks every this many trials (EPANET CHECKFREQ)");
            var maxCheck = m.Default("max_check", V.Integer(1), o => o.MaxCheck, d.MaxCheck, "trials after which status checks stop (EPANET MAXCHECK)");
            var damp = m.Default("damp_limit", V.Number(NumberRange.Finite), o => o.DampLimit, d.DampLimit, "EPANET DAMPLIMIT; 0 = valve statuses checked only after convergence");
            var headError = m.Default("head_error", V.Number(NumberRange.NonNegative), o => o.HeadError, d.HeadError, "m; extra convergence limit (EPANET HEADERROR), 0 = none");
            var flowChange = m.Default("flow_change", V.Number(NumberRange.NonNegative), o => o.FlowChange, d.FlowChange, "m³/s; extra convergence limit (EPANET FLOWCHANGE), 0 = none");
            var extra = m.Default("extra_trials", V.Integer(-1), o => o.ExtraTrials, d.ExtraTrials,
                "when a period does not converge: −1 stops the run, n ≥ 0 continues with n more trials (EPANET UNBALANCED)");
            return v => new HydraulicOptions
            {
                HeadLoss = v.Get(headLoss),
                Omega = v.Get(omega),
                Accuracy = v.Get(accuracy),
                MaxTrials = v.Get(trials),
                RelativeViscosity = v.Get(viscosity),
                SpecificGravity = v.Get(gravity),
                DemandMultiplier = v.Get(multiplier),
                DefaultPatternId = v.Get(pattern),
                FlowUnits = v.Get(units),
                DemandModel = v.Get(demandModel),
                MinimumPressure = v.Get(pmin),
                RequiredPressure = v.Get(preq),
                PressureExponent = v.Get(pexp),
                EmitterExponent = v.Get(eexp),
                CheckFrequency = v.Get(checkFrequency),
                MaxCheck = v.Get(maxCheck),
                DampLimit = v.Get(damp),
                HeadError = v.Get(headError),
                FlowChange = v.Get(flowChange),
                ExtraTrials = v.Get(extra),
            };
        });

    private static readonly SimulationTimes DefaultTimes = new();

    public static readonly MapSchema<SimulationTimes> TimesMap = Define(
        new MapSchema<SimulationTimes>("times", "Extended-period settings (EPANET's [TIMES]), in seconds."), m =>
        {
            var d = DefaultTimes;
            var duration = m.Default("duration", V.Number(NumberRange.NonNegative), t => t.Duration, d.Duration, "s; 0 = a single snapshot");
            var hydraulic = m.Default("hydraulic_step", V.Number(NumberRange.Positive), t => t.HydraulicStep, d.HydraulicStep, "s");
            var quality = m.Default("quality_step", V.Number(NumberRange.NonNegative), t => t.QualityStep, d.QualityStep, "s; 0 = a tenth of the hydraulic step");
            var patternStep = m.Default("pattern_step", V.Number(NumberRange.Positive), t => t.PatternStep, d.PatternStep, "s");
            var patternStart = m.Default("pattern_start", V.Number(NumberRange.NonNegative), t => t.PatternStart, d.PatternStart, "s into the patterns at which the run starts");
            var reportStep = m.Default("report_step", V.Number(NumberRange.Positive), t => t.ReportStep, d.ReportStep, "s");
            var reportStart = m.Default("report_start", V.Number(NumberRange.NonNegative), t => t.ReportStart, d.ReportStart, "s");
            var clock = m.Default("start_clock_time", V.Number(NumberRange.NonNegative), t => t.StartClockTime, d.StartClockTime, "s after midnight, < 86400");
            var rule = m.Default("rule_step", V.Number(NumberRange.NonNegative), t => t.RuleStep, d.RuleStep, "s; 0 = a tenth of the hydraulic step");
            return v => new SimulationTimes
            {
                Duration = v.Get(duration),
                HydraulicStep = v.Get(hydraulic),
                QualityStep = v.Get(quality),
                PatternStep = v.Get(patternStep),
                PatternStart = v.Get(patternStart),
                ReportStep = v.Get(reportStep),
                ReportStart = v.Get(reportStart),
                StartClockTime = v.Get(clock),
                RuleStep = v.Get(rule),
            };
        });

    public static readonly MapSchema<LinkAction> LinkActionMap = Define(
        new MapSchema<LinkAction>("link action", "What a control or rule does to a link: a status or a setting, exactly one of the two."), m =>
        {
            var link = m.Required("link_id", V.String, a => a.LinkId, "a pipe's, pump's or valve's id");
            var status = m.Optional("status", V.OrNilValue(V.Enum<LinkStatus>()), a => a.Status, "`open` or `closed`");
            var setting = m.Optional("setting", V.OrNilValue(V.Number(NumberRange.NonNegative)), a => a.Setting,
                "a pump's relative speed; a valve's pressure (m), flow (m³/s) or loss coefficient");
            return v => new LinkAction(v.Get(link), v.Get(status), v.Get(setting));
        });

    public static readonly MapSchema<SimpleControl> ControlMap = Define(
        new MapSchema<SimpleControl>("control", "A simple control (EPANET's [CONTROLS]): an action when a node crosses a value or at a time."), m =>
        {
            var action = m.Required("action", V.Map(LinkActionMap), c => c.Action);
            var condition = m.Required("condition", V.Enum<ControlCondition>(), c => c.Condition,
                "`low_level`/`high_level`: `node_id` below/above `value`; `timer`: `time` after the start; `time_of_day`: `time` after midnight");
            var node = m.Optional("node_id", V.OrNil(V.String), c => c.NodeId, "the node a level control watches");
            var value = m.Default("value", V.Number(NumberRange.Finite), c => c.Value, 0.0, "m: a tank's level above its bottom, a junction's pressure");
            var time = m.Default("time", V.Number(NumberRange.NonNegative), c => c.Time, 0.0, "s");
            return v => new SimpleControl(v.Get(action), v.Get(condition), v.Get(node), v.Get(value), v.Get(time));
        });

    public static readonly MapSchema<RulePremise> PremiseMap = Define(
        new MapSchema<RulePremise>("rule premise", "One IF/AND/OR clause of a rule: `object element_id variable operator value`."), m =>
        {
            var logic = m.Required("logic", V.Enum<RuleLogic>(), p => p.Logic, "`if` for the first clause");
            var obj = m.Required("object", V.Enum<RuleObject>(), p => p.Object);
            var element = m.Optional("element_id", V.OrNil(V.String), p => p.ElementId, "the node's or link's id; absent for `system`");
            var variable = m.Required("variable", V.Enum<RuleVariable>(), p => p.Variable);
            var op = m.Required("operator", V.Enum<RuleOperator>(), p => p.Operator);
            var value = m.Default("value", V.Number(NumberRange.Finite), p => p.Value, 0.0,
                "SI: m (head, grade, level, pressure), m³/s (demand, flow), s (time, clock time, fill and drain times), a setting as in [link action](#link-action)");
            var status = m.Optional("status", V.OrNilValue(V.Enum<LinkStatus>()), p => p.Status, "`open` or `closed`, for `variable` `status`");
            var active = m.Default("active_status", V.Boolean, p => p.ActiveStatus, false, "true: the clause tests a valve for ACTIVE");
            return v => new RulePremise(v.Get(logic), v.Get(obj), v.Get(element), v.Get(variable), v.Get(op), v.Get(value), v.Get(status), v.Get(active));
        });

    public static readonly MapSchema<RuleBasedControl> RuleMap = Define(
        new MapSchema<RuleBasedControl>("rule", "A rule-based control (EPANET's [RULES]): THEN actions when the premises hold, ELSE actions otherwise."), m =>
        {
            var id = m.Required("id", V.String, r => r.Id);
            var premises = m.Required("premises", V.ArrayOf(V.Map(PremiseMap)), r => r.Premises);
            var then = m.Required("then", V.ArrayOf(V.Map(LinkActionMap)), r => r.Then);
            var otherwise = m.Default("else", V.ArrayOf(V.Map(LinkActionMap)), r => r.Else, []);
            var priority = m.Default("priority", V.Number(NumberRange.Finite), r => r.Priority, 0.0, "the higher wins among rules acting on one link");
            return v => new RuleBasedControl(v.Get(id), v.Get(premises), v.Get(then), v.Get(otherwise), v.Get(priority));
        });

    private static readonly EnergySettings DefaultEnergy = new();

    public static readonly MapSchema<EnergySettings> EnergyMap = Define(
        new MapSchema<EnergySettings>("energy", "Pump energy settings (EPANET's [ENERGY]); per-pump values are on the pumps."), m =>
        {
            var d = DefaultEnergy;
            var efficiency = m.Default("global_efficiency", V.Number(NumberRange.Positive), e => e.GlobalEfficiency, d.GlobalEfficiency, "% of pumps without an efficiency curve");
            var price = m.Default("global_price", V.Number(NumberRange.NonNegative), e => e.GlobalPrice, d.GlobalPrice, "per kWh");
            var pattern = m.Optional("global_price_pattern_id", V.OrNil(V.String), e => e.GlobalPricePatternId, "a pattern's id");
            var charge = m.Default("demand_charge", V.Number(NumberRange.NonNegative), e => e.DemandCharge, d.DemandCharge, "per maximum kW");
            return v => new EnergySettings { GlobalEfficiency = v.Get(efficiency), GlobalPrice = v.Get(price), GlobalPricePatternId = v.Get(pattern), DemandCharge = v.Get(charge) };
        });

    private static readonly QualitySettings DefaultQuality = new();

    public static readonly MapSchema<QualitySettings> QualityMap = Define(
        new MapSchema<QualitySettings>("quality", "Single-species water quality (EPANET's QUALITY, DIFFUSIVITY, TOLERANCE options and [QUALITY])."), m =>
        {
            var d = DefaultQuality;
            var mode = m.Default("mode", V.Enum<QualityMode>(), q => q.Mode, d.Mode);
            var chemical = m.Default("chemical_name", V.String, q => q.ChemicalName, d.ChemicalName, "`chemical` mode");
            var units = m.Default("mass_units", V.String, q => q.MassUnits, d.MassUnits, "`mg` or `ug` per litre");
            var trace = m.Optional("trace_node_id", V.OrNil(V.String), q => q.TraceNodeId, "the node a `trace` follows");
            var diffusivity = m.Default("relative_diffusivity", V.Number(NumberRange.NonNegative), q => q.RelativeDiffusivity, d.RelativeDiffusivity,
                "relative to chlorine at 20 °C (1.3e-8 ft²/s)");
            var tolerance = m.Default("tolerance", V.Number(NumberRange.NonNegative), q => q.Tolerance, d.Tolerance, "concentration below which segments merge");
            var initial = m.Default("initial_quality", V.NumberMap(NumberRange.NonNegative, "node id"), q => q.InitialQuality, new Dictionary<string, double>(),
                "per node; absent = 0");
            return v => new QualitySettings
            {
                Mode = v.Get(mode), ChemicalName = v.Get(chemical), MassUnits = v.Get(units), TraceNodeId = v.Get(trace),
                RelativeDiffusivity = v.Get(diffusivity), Tolerance = v.Get(tolerance), InitialQuality = v.Get(initial),
            };
        });

    private static readonly ReactionSettings DefaultReactions = new();

    public static readonly MapSchema<ReactionSettings> ReactionsMap = Define(
        new MapSchema<ReactionSettings>("reactions", "Reaction kinetics (EPANET's [REACTIONS]); per-pipe and per-tank values replace the global ones."), m =>
        {
            var d = DefaultReactions;
            var bulkOrder = m.Default("bulk_order", V.Number(NumberRange.Finite), r => r.BulkOrder, d.BulkOrder);
            var wallOrder = m.Default("wall_order", V.Number(NumberRange.NonNegative), r => r.WallOrder, d.WallOrder, "0 or 1");
            var tankOrder = m.Default("tank_order", V.Number(NumberRange.Finite), r => r.TankOrder, d.TankOrder);
            var bulk = m.Default("global_bulk", V.Number(NumberRange.Finite), r => r.GlobalBulk, d.GlobalBulk, "per day");
            var wall = m.Default("global_wall", V.Number(NumberRange.Finite), r => r.GlobalWall, d.GlobalWall, "m/day (first order) or mass/m²/day (zero order)");
            var limit = m.Default("limiting_potential", V.Number(NumberRange.Finite), r => r.LimitingPotential, d.LimitingPotential, "concentration");
            var roughness = m.Default("roughness_correlation", V.Number(NumberRange.Finite), r => r.RoughnessCorrelation, d.RoughnessCorrelation,
                "wall coefficient × roughness factor, in the wall coefficient's units");
            var pipeBulk = m.Default("pipe_bulk", V.NumberMap(NumberRange.Finite, "pipe id"), r => r.PipeBulk, new Dictionary<string, double>(), "per day");
            var pipeWall = m.Default("pipe_wall", V.NumberMap(NumberRange.Finite, "pipe id"), r => r.PipeWall, new Dictionary<string, double>(), "as `global_wall`");
            var tankBulk = m.Default("tank_bulk", V.NumberMap(NumberRange.Finite, "tank id"), r => r.TankBulk, new Dictionary<string, double>(), "per day");
            return v => new ReactionSettings
            {
                BulkOrder = v.Get(bulkOrder), WallOrder = v.Get(wallOrder), TankOrder = v.Get(tankOrder), GlobalBulk = v.Get(bulk),
                GlobalWall = v.Get(wall), LimitingPotential = v.Get(limit), RoughnessCorrelation = v.Get(roughness),
                PipeBulk = v.Get(pipeBulk), PipeWall = v.Get(pipeWall), TankBulk = v.Get(tankBulk),
            };
        });

    public static readonly MapSchema<QualitySource> SourceMap = Define(
        new MapSchema<QualitySource>("quality source", "A water-quality source at a node (EPANET's [SOURCES])."), m =>
        {
            var node = m.Required("node_id", V.String, s => s.NodeId);
            var type = m.Default("type", V.Enum<SourceType>(), s => s.Type, SourceType.Concentration);
            var strength = m.Required("strength", V.Number(NumberRange.Finite), s => s.Strength, "mass/L, or mass/min for `mass`");
            var pattern = m.Optional("pattern_id", V.OrNil(V.String), s => s.PatternId, "scales the strength");
            return v => new QualitySource(v.Get(node), v.Get(type), v.Get(strength), v.Get(pattern));
        });

    public static readonly MapSchema<InpSection> ExtraSectionMap = Define(
        new MapSchema<InpSection>("extra section", "An `.inp` section with nothing the model holds ([REPORT], [LABELS], ...), or the unmodelled lines of [OPTIONS] or [TIMES], kept verbatim for export."), m =>
        {
            var name = m.Required("name", V.String, s => s.Name, "the section's name, e.g. `[LABELS]`");
            var lines = m.Required("lines", V.ArrayOf(V.String), s => s.Lines);
            return v => new InpSection(v.Get(name), v.Get(lines));
        });

    public static readonly MapSchema<Network> NetworkMap = Define(
        new MapSchema<Network>("network",
            "Ids are strings, unique across nodes (junctions, reservoirs, tanks) and across links (pipes, pumps, valves), as in EPANET."), m =>
        {
            var title = m.Default("title", V.String, n => n.Title, "");
            var junctions = m.Default("junctions", V.ArrayOf(V.Map(JunctionMap)), n => n.Junctions, []);
            var reservoirs = m.Default("reservoirs", V.ArrayOf(V.Map(ReservoirMap)), n => n.Reservoirs, []);
            var tanks = m.Default("tanks", V.ArrayOf(V.Map(TankMap)), n => n.Tanks, []);
            var pipes = m.Default("pipes", V.ArrayOf(V.Map(PipeMap)), n => n.Pipes, []);
            var pumps = m.Default("pumps", V.ArrayOf(V.Map(PumpMap)), n => n.Pumps, []);
            var valves = m.Default("valves", V.ArrayOf(V.Map(ValveMap)), n => n.Valves, []);
            var curves = m.Default("curves", V.ArrayOf(V.Map(CurveMap)), n => n.Curves, []);
            var patterns = m.Default("patterns", V.ArrayOf(V.Map(PatternMap)), n => n.Patterns, []);
            var cases = m.Default("demand_cases", V.ArrayOf(V.Map(DemandCaseMap)), n => n.DemandCases, [], "empty = one case `base` with multiplier 1");
            var options = m.Default("options", V.Map(OptionsMap), n => n.Options, DefaultOptions);
            var times = m.Default("times", V.Map(TimesMap), n => n.Times, DefaultTimes);
            var controls = m.Default("controls", V.ArrayOf(V.Map(ControlMap)), n => n.Controls, []);
            var rules = m.Default("rules", V.ArrayOf(V.Map(RuleMap)), n => n.Rules, []);
            var energy = m.Default("energy", V.Map(EnergyMap), n => n.Energy, DefaultEnergy);
            var quality = m.Default("quality", V.Map(QualityMap), n => n.Quality, DefaultQuality);
            var reactions = m.Default("reactions", V.Map(ReactionsMap), n => n.Reactions, DefaultReactions);
            var sources = m.Default("sources", V.ArrayOf(V.Map(SourceMap)), n => n.Sources, []);
            var extra = m.Default("extra_sections", V.ArrayOf(V.Map(ExtraSectionMap)), n => n.ExtraSections, []);
            return v => new Network
            {
                Title = v.Get(title),
                Junctions = v.Get(junctions),
                Reservoirs = v.Get(reservoirs),
                Tanks = v.Get(tanks),
                Pipes = v.Get(pipes),
                Pumps = v.Get(pumps),
                Valves = v.Get(valves),
                Curves = v.Get(curves),
                Patterns = v.Get(patterns),
                DemandCases = v.Get(cases),
                Options = v.Get(options),
                Times = v.Get(times),
                Controls = v.Get(controls),
                Rules = v.Get(rules),
                Energy = v.Get(energy),
                Quality = v.Get(quality),
                Reactions = v.Get(reactions),
                Sources = v.Get(sources),
                ExtraSections = v.Get(extra),
            };
        });

    // ---- problem blocks ------------------------------------------------------------------------------------

    public static readonly MapSchema<CatalogEntry> CatalogEntryMap = Define(
        new MapSchema<CatalogEntry>("catalog entry", "One commercial pipe size."), m =>
        {
            var diameter = m.Required("diameter", V.Number(NumberRange.NonNegative), c => c.Diameter, "m; 0 = no pipe (the link is closed)");
            var cost = m.Required("unit_cost", V.Number(NumberRange.NonNegative), c => c.UnitCost, "`cost_unit` per m");
            var roughness = m.Optional("roughness", V.OrNilValue(V.Number(NumberRange.Positive)), c => c.Roughness, "replaces the pipe's roughness for this size");
            var label = m.Optional("label", V.OrNil(V.String), c => c.Label);
            return v => new CatalogEntry(v.Get(diameter), v.Get(cost), v.Get(roughness), v.Get(label));
        });

    public static readonly MapSchema<DesignSpec> DesignMap = Define(
        new MapSchema<DesignSpec>("design", "Least-cost pipe sizing: one catalog entry per decision pipe."), m =>
        {
            var catalog = m.Required("catalog", V.ArrayOf(V.Map(CatalogEntryMap)), d => d.Catalog);
            var pipes = m.Required("decision_pipes", V.ArrayOf(V.String), d => d.DecisionPipes, "pipe ids");
            var minP = m.Default("min_pressure", V.Number(NumberRange.Finite), d => d.MinPressure, 0.0, "m, at every junction in every demand case");
            var maxP = m.Optional("max_pressure", V.OrNilValue(V.Number(NumberRange.Finite)), d => d.MaxPressure, "m");
            var minHead = m.Optional("min_head", V.OrNil(V.NumberMap(NumberRange.Finite, "node id")), d => d.MinHead, "m of total head");
            var minV = m.Optional("min_velocity", V.OrNilValue(V.Number(NumberRange.NonNegative)), d => d.MinVelocity, "m/s");
            var maxV = m.Optional("max_velocity", V.OrNilValue(V.Number(NumberRange.Positive)), d => d.MaxVelocity, "m/s");
            var unit = m.Default("cost_unit", V.String, d => d.CostUnit, "$");
            var best = m.Optional("best_known_cost", V.OrNilValue(V.Number(NumberRange.NonNegative)), d => d.BestKnownCost, "`cost_unit`");
            var bestSource = m.Optional("best_known_source", V.OrNil(V.String), d => d.BestKnownSource);
            var source = m.Optional("source", V.OrNil(V.String), d => d.Source, "where the numbers came from");
            return v => new DesignSpec
            {
                Catalog = v.Get(catalog),
                DecisionPipes = v.Get(pipes),
                MinPressure = v.Get(minP),
                MaxPressure = v.Get(maxP),
                MinHead = v.Get(minHead),
                MinVelocity = v.Get(minV),
                MaxVelocity = v.Get(maxV),
                CostUnit = v.Get(unit),
                BestKnownCost = v.Get(best),
                BestKnownSource = v.Get(bestSource),
                Source = v.Get(source),
            };
        });

    public static readonly MapSchema<SupplySource> SupplySourceMap = Define(
        new MapSchema<SupplySource>("supply source", "A raw-water source."), m =>
        {
            var id = m.Required("id", V.String, s => s.Id);
            var capacity = m.Required("capacity", V.Number(NumberRange.NonNegative), s => s.Capacity, "`flow_unit`");
            var storage = m.Default("storage", V.Number(NumberRange.NonNegative), s => s.Storage, 0.0, "volume (ML for ML/day) carried between periods (planning)");
            return v => new SupplySource(v.Get(id), v.Get(capacity)) { Storage = v.Get(storage) };
        });

    public static readonly MapSchema<SupplyPlant> SupplyPlantMap = Define(
        new MapSchema<SupplyPlant>("supply plant", "A treatment plant."), m =>
        {
            var id = m.Required("id", V.String, p => p.Id);
            var capacity = m.Required("capacity", V.Number(NumberRange.NonNegative), p => p.Capacity, "`flow_unit`");
            var cost = m.Required("treatment_cost", V.Number(NumberRange.NonNegative), p => p.TreatmentCost, "`cost_unit` per unit volume");
            var minimum = m.Optional("min_throughput", V.OrNilValue(V.Number(NumberRange.NonNegative)), p => p.MinThroughput,
                "`flow_unit`; makes the plant on/off: 0 or at least this much");
            var fixedCost = m.Default("fixed_cost", V.Number(NumberRange.NonNegative), p => p.FixedCost, 0.0, "`cost_unit` per day while on (planning)");
            var startup = m.Default("startup_cost", V.Number(NumberRange.NonNegative), p => p.StartupCost, 0.0, "`cost_unit` each time it is switched on (planning)");
            var quality = m.Default("quality", V.Integer(0), p => p.Quality, 0, "quality class the plant's water reaches (higher = better)");
            var head = m.Optional("head", V.OrNilValue(V.Number(NumberRange.Finite)), p => p.Head, "m at the outlet; with a zone's `required_head`, the lift is paid");
            return v => new SupplyPlant(v.Get(id), v.Get(capacity), v.Get(cost), v.Get(minimum))
            {
                FixedCost = v.Get(fixedCost), StartupCost = v.Get(startup), Quality = v.Get(quality), Head = v.Get(head),
            };
        });

    public static readonly MapSchema<SupplyZone> SupplyZoneMap = Define(
        new MapSchema<SupplyZone>("supply zone", "A demand zone."), m =>
        {
            var id = m.Required("id", V.String, z => z.Id);
            var demand = m.Required("demand", V.Number(NumberRange.NonNegative), z => z.Demand, "`flow_unit`");
            var premium = m.Default("quality_premium", V.Number(NumberRange.Finite), z => z.QualityPremium, 0.0, "`cost_unit` per unit volume delivered");
            var quality = m.Default("required_quality", V.Integer(0), z => z.RequiredQuality, 0, "plants of a lower `quality` may not serve it");
            var head = m.Optional("required_head", V.OrNilValue(V.Number(NumberRange.Finite)), z => z.RequiredHead, "m: elevation + minimum service pressure");
            return v => new SupplyZone(v.Get(id), v.Get(demand), v.Get(premium)) { RequiredQuality = v.Get(quality), RequiredHead = v.Get(head) };
        });

    public static readonly MapSchema<SupplyArc> SupplyArcMap = Define(
        new MapSchema<SupplyArc>("supply arc", "A source → plant or plant → zone connection."), m =>
        {
            var from = m.Required("from", V.String, a => a.From, "a source's or plant's id");
            var to = m.Required("to", V.String, a => a.To, "a plant's or zone's id");
            var cost = m.Required("pumping_cost", V.Number(NumberRange.NonNegative), a => a.PumpingCost, "`cost_unit` per unit volume");
            var capacity = m.Optional("capacity", V.OrNilValue(V.Number(NumberRange.NonNegative)), a => a.Capacity, "`flow_unit`; absent = unlimited");
            var premium = m.Default("quality_premium", V.Number(NumberRange.Finite), a => a.QualityPremium, 0.0, "`cost_unit` per unit volume from this plant to this zone");
            return v => new SupplyArc(v.Get(from), v.Get(to), v.Get(cost), v.Get(capacity)) { QualityPremium = v.Get(premium) };
        });

    public static readonly MapSchema<SupplyPeriod> SupplyPeriodMap = Define(
        new MapSchema<SupplyPeriod>("supply period", "A planning period (season, month)."), m =>
        {
            var id = m.Required("id", V.String, p => p.Id);
            var days = m.Required("days", V.Number(NumberRange.Positive), p => p.Days, "length of the period");
            var sources = m.Default("source_capacity", V.NumberMap(NumberRange.NonNegative, "source id"), p => p.SourceCapacity, new Dictionary<string, double>(),
                "`flow_unit` per source that differs in this period (0 = unavailable)");
            var factor = m.Default("demand_factor", V.Number(NumberRange.NonNegative), p => p.DemandFactor, 1.0, "multiplies every zone's demand");
            var demand = m.Default("demand", V.NumberMap(NumberRange.NonNegative, "zone id"), p => p.Demand, new Dictionary<string, double>(),
                "`flow_unit` per zone that differs in this period (overrides the factor)");
            return v => new SupplyPeriod(v.Get(id), v.Get(days)) { SourceCapacity = v.Get(sources), DemandFactor = v.Get(factor), Demand = v.Get(demand) };
        });

    public static readonly MapSchema<SupplyCandidate> SupplyCandidateMap = Define(
        new MapSchema<SupplyCandidate>("supply candidate", "An expansion the plan may build: a plant upgrade or a new link."), m =>
        {
            var id = m.Required("id", V.String, c => c.Id);
            var capacity = m.Required("capacity", V.Number(NumberRange.NonNegative), c => c.Capacity, "`flow_unit` added");
            var capital = m.Required("capital_cost", V.Number(NumberRange.NonNegative), c => c.CapitalCost, "`cost_unit`, annualized by `interest_rate` and `life_years`");
            var plant = m.Optional("plant", V.OrNil(V.String), c => c.Plant, "a plant's id: a capacity upgrade");
            var from = m.Optional("from", V.OrNil(V.String), c => c.From, "a new link's source or plant");
            var to = m.Optional("to", V.OrNil(V.String), c => c.To, "a new link's plant or zone");
            var pumping = m.Default("pumping_cost", V.Number(NumberRange.NonNegative), c => c.PumpingCost, 0.0, "a new link's `cost_unit` per unit volume");
            var group = m.Optional("group", V.OrNil(V.String), c => c.Group, "candidates of one group are alternatives (sizes): at most one is built");
            return v => new SupplyCandidate(v.Get(id), v.Get(capacity), v.Get(capital))
            {
                Plant = v.Get(plant), From = v.Get(from), To = v.Get(to), PumpingCost = v.Get(pumping), Group = v.Get(group),
            };
        });

    public static readonly MapSchema<SupplySpec> SupplyMap = Define(
        new MapSchema<SupplySpec>("supply",
            "The supply allocation guide's source → plant → zone allocation. Quantities in `flow_unit`, costs in `cost_unit` per unit volume."), m =>
        {
            var sources = m.Required("sources", V.ArrayOf(V.Map(SupplySourceMap)), s => s.Sources);
            var plants = m.Required("plants", V.ArrayOf(V.Map(SupplyPlantMap)), s => s.Plants);
            var zones = m.Required("zones", V.ArrayOf(V.Map(SupplyZoneMap)), s => s.Zones);
            var arcs = m.Required("arcs", V.ArrayOf(V.Map(SupplyArcMap)), s => s.Arcs);
            var flowUnit = m.Default("flow_unit", V.String, s => s.FlowUnit, "ML/day");
            var costUnit = m.Default("cost_unit", V.String, s => s.CostUnit, "$");
            var periods = m.Default("periods", V.ArrayOf(V.Map(SupplyPeriodMap)), s => s.Periods, [], "planning periods; absent = one day");
            var candidates = m.Default("candidates", V.ArrayOf(V.Map(SupplyCandidateMap)), s => s.Candidates, [], "expansions the plan may build");
            var rate = m.Default("interest_rate", V.Number(NumberRange.NonNegative), s => s.InterestRate, 0.05, "per year, for the capital-recovery factor");
            var life = m.Default("life_years", V.Number(NumberRange.Positive), s => s.LifeYears, 30.0, "years, for the capital-recovery factor");
            var efficiency = m.Default("pump_efficiency", V.Number(NumberRange.Positive), s => s.PumpEfficiency, 0.75, "0 < η ≤ 1, for lifting to `required_head`");
            var price = m.Default("energy_price", V.Number(NumberRange.NonNegative), s => s.EnergyPrice, 0.15, "`cost_unit` per kWh, for lifting");
            return v => new SupplySpec
            {
                Sources = v.Get(sources),
                Plants = v.Get(plants),
                Zones = v.Get(zones),
                Arcs = v.Get(arcs),
                FlowUnit = v.Get(flowUnit),
                CostUnit = v.Get(costUnit),
                Periods = v.Get(periods),
                Candidates = v.Get(candidates),
                InterestRate = v.Get(rate),
                LifeYears = v.Get(life),
                PumpEfficiency = v.Get(efficiency),
                EnergyPrice = v.Get(price),
            };
        });

    public static readonly MapSchema<GraphNode> GraphNodeMap = Define(
        new MapSchema<GraphNode>("graph node", "A node of the supply graph."), m =>
        {
            var id = m.Required("id", V.String, n => n.Id);
            var kind = m.Required("kind", V.Enum<GraphNodeKind>(), n => n.Kind);
            var elevation = m.Default("elevation", V.Number(NumberRange.Finite), n => n.Elevation, 0.0, "m");
            var zone = m.Default("pressure_zone", V.Integer(int.MinValue), n => n.PressureZone, 0, "pressure class, higher = higher (the Lishui case: 1 low, 2 medium, 3 high)");
            var demand = m.Default("demand", V.Number(NumberRange.NonNegative), n => n.Demand, 0.0, "m³/d; a demand unit's lower bound");
            var capacity = m.Default("capacity", V.Number(NumberRange.NonNegative), n => n.Capacity, 0.0, "m³/d; a plant's capacity in the plan");
            var xy = m.Optional("coordinates", V.OrNilValue(V.Point), n => n.Coordinates, "m");
            var name = m.Optional("name", V.OrNil(V.String), n => n.Name, "display name");
            var latitude = m.Optional("latitude", V.OrNilValue(V.Number(NumberRange.Finite)), n => n.Latitude, "degrees");
            var longitude = m.Optional("longitude", V.OrNilValue(V.Number(NumberRange.Finite)), n => n.Longitude, "degrees");
            var population = m.Optional("population", V.OrNilValue(V.Number(NumberRange.NonNegative)), n => n.Population, "persons; demand = population × quota when `demand` is 0");
            var existing = m.Default("existing_capacity", V.Number(NumberRange.NonNegative), n => n.ExistingCapacity, 0.0, "m³/d already built");
            var project = m.Optional("project_supply", V.OrNilValue(V.Number(NumberRange.NonNegative)), n => n.ProjectSupply, "m³/d the water project can deliver");
            var inflow = m.Optional("inflow", V.OrNilValue(V.Number(NumberRange.NonNegative)), n => n.Inflow, "m³/d the source yields");
            var production = m.Optional("production_cost", V.OrNilValue(V.Number(NumberRange.NonNegative)), n => n.ProductionCost, "currency per m³ produced");
            var intakeDistance = m.Default("intake_distance", V.Number(NumberRange.NonNegative), n => n.IntakeDistance, 0.0, "km of raw-water transmission");
            var intakeDifficulty = m.Default("intake_difficulty", V.Number(NumberRange.NonNegative), n => n.IntakeDifficulty, 0.0, "0 easy … 1 hard");
            return v => new GraphNode(v.Get(id), v.Get(kind), v.Get(elevation), v.Get(zone), v.Get(demand), v.Get(capacity), v.Get(xy))
            {
                Name = v.Get(name), Latitude = v.Get(latitude), Longitude = v.Get(longitude), Population = v.Get(population),
                ExistingCapacity = v.Get(existing), ProjectSupply = v.Get(project), Inflow = v.Get(inflow), ProductionCost = v.Get(production),
                IntakeDistance = v.Get(intakeDistance), IntakeDifficulty = v.Get(intakeDifficulty),
            };
        });

    public static readonly MapSchema<GraphEdge> GraphEdgeMap = Define(
        new MapSchema<GraphEdge>("graph edge", "A road or pipe corridor of the supply graph."), m =>
        {
            var from = m.Required("from", V.String, e => e.From, "a node's id");
            var to = m.Required("to", V.String, e => e.To, "a node's id");
            var length = m.Optional("length", V.OrNilValue(V.Number(NumberRange.NonNegative)), e => e.Length, "m; absent = from the end nodes' coordinates");
            var factor = m.Default("cost_factor", V.Number(NumberRange.Positive), e => e.CostFactor, 1.0, "multiplies the length in route costs");
            var directed = m.Default("directed", V.Boolean, e => e.Directed, false);
            var difficulty = m.Default("difficulty", V.Number(NumberRange.NonNegative), e => e.Difficulty, 0.0, "construction difficulty K-hard, 0 easy … 1 hard");
            var planned = m.Default("planned", V.Boolean, e => e.Planned, false, "exists only in the planning year");
            return v => new GraphEdge(v.Get(from), v.Get(to), v.Get(length), v.Get(factor), v.Get(directed)) { Difficulty = v.Get(difficulty), Planned = v.Get(planned) };
        });

    public static readonly MapSchema<SupplyLoss> SupplyLossMap = Define(
        new MapSchema<SupplyLoss>("supply loss", "Pipeline loss from a plant to a demand unit."), m =>
        {
            var plant = m.Required("plant", V.String, l => l.Plant, "a plant's id");
            var unit = m.Required("unit", V.String, l => l.Unit, "a demand unit's id");
            var loss = m.Required("loss", V.Number(NumberRange.NonNegative), l => l.Loss, "fraction of what leaves the plant, < 1; exactly 0 = only through a pumping station");
            return v => new SupplyLoss(v.Get(plant), v.Get(unit), v.Get(loss));
        });

    public static readonly MapSchema<GraphAllocationSpec> GraphAllocationMap = Define(
        new MapSchema<GraphAllocationSpec>("graph_allocation", "The Lishui case's multi-source allocation over a supply graph."), m =>
        {
            var nodes = m.Required("nodes", V.ArrayOf(V.Map(GraphNodeMap)), g => g.Nodes);
            var edges = m.Required("edges", V.ArrayOf(V.Map(GraphEdgeMap)), g => g.Edges);
            var parameters = m.Default("parameters", V.NumberMap(NumberRange.Finite, "name"), g => g.Parameters, new Dictionary<string, double>(),
                "cost model settings by name (docs/multi-source-allocation.md lists them with defaults)");
            var losses = m.Default("losses", V.ArrayOf(V.Map(SupplyLossMap)), g => g.Losses, [], "pipeline loss per (plant, unit)");
            var planned = m.Default("include_planned", V.Boolean, g => g.IncludePlanned, true, "false: the base year, without planned roads");
            var annuity = m.Default("annuity", V.String, g => g.Annuity, "capital_recovery", "`capital_recovery` (A/P) or `sinking_fund` (A/F)");
            var currency = m.Default("currency_unit", V.String, g => g.CurrencyUnit, "10^4 yuan", "unit of every cost");
            return v => new GraphAllocationSpec
            {
                Nodes = v.Get(nodes), Edges = v.Get(edges), Parameters = v.Get(parameters), Losses = v.Get(losses),
                IncludePlanned = v.Get(planned), Annuity = v.Get(annuity), CurrencyUnit = v.Get(currency),
            };
        });

    public static readonly MapSchema<SolverSettings> SolverMap = Define(
        new MapSchema<SolverSettings>("solver", "Optimizer settings."), m =>
        {
            var algorithm = m.Optional("algorithm", V.OrNil(AlgorithmName.Instance), s => s.Algorithm,
                "the optimizer `optimize` and `batch` run when `--algorithm` is not given (any case; `ga-coa-sa` = `gacoasa`); absent = `de`");
            var evaluations = m.Optional("evaluations", V.OrNilValue(V.Long(1)), s => s.Evaluations, "evaluation budget of `optimize`, `bench` and `batch` when `--evaluations` is not given; absent = 20000");
            var seed = m.Optional("seed", V.OrNilValue(V.UInt64), s => s.Seed);
            var parameters = m.Default("parameters", V.NumberMap(NumberRange.Finite, "name"), s => s.Parameters, new Dictionary<string, double>(),
                "free keys: population, crossover, τ, …; they apply to `algorithm` only");
            return v => new SolverSettings { Algorithm = v.Get(algorithm), Evaluations = v.Get(evaluations), Seed = v.Get(seed), Parameters = v.Get(parameters) };
        });

    // ---- top level -----------------------------------------------------------------------------------------

    public static readonly MapSchema<Scenario> ScenarioMap = Define(
        new MapSchema<Scenario>("scenario", "The map a `.wdn` file holds and a `.wdnb` stream repeats."), m =>
        {
            m.Required("format", V.Constant(Scenario.FormatName, got => $"expected \"{Scenario.FormatName}\", got \"{got}\": not a WdnAccel scenario"),
                _ => Scenario.FormatName);
            m.Required("version", V.Version(Scenario.FormatVersion), _ => Scenario.FormatVersion,
                $"`{Scenario.FormatVersion}` today; a newer version is refused with \"update wdnaccel\"");
            var name = m.Default("name", V.String, s => s.Name, "");
            var network = m.Default("network", V.Map(NetworkMap), s => s.Network, new Network(), "absent in a supply-only scenario");
            var design = m.Optional("design", V.OrNil(V.Map(DesignMap)), s => s.Design, "a pipe-sizing problem");
            var supply = m.Optional("supply", V.OrNil(V.Map(SupplyMap)), s => s.Supply, "a source → plant → zone allocation");
            var graph = m.Optional("graph_allocation", V.OrNil(V.Map(GraphAllocationMap)), s => s.GraphAllocation, "a multi-source graph allocation");
            var solver = m.Optional("solver", V.OrNil(V.Map(SolverMap)), s => s.Solver);
            return v => new Scenario
            {
                Name = v.Get(name),
                Network = v.Get(network),
                Design = v.Get(design),
                Supply = v.Get(supply),
                GraphAllocation = v.Get(graph),
                Solver = v.Get(solver),
            };
        });

    /// <summary>Every map, in the order the format document lists them.</summary>
    public static IReadOnlyList<IMapSchema> All { get; } =
    [
        ScenarioMap, NetworkMap, JunctionMap, DemandMap, ReservoirMap, TankMap, PipeMap, PumpMap, ValveMap, CurveMap, PatternMap,
        DemandCaseMap, OptionsMap, TimesMap, ControlMap, LinkActionMap, RuleMap, PremiseMap, EnergyMap, QualityMap, ReactionsMap,
        SourceMap, ExtraSectionMap, DesignMap, CatalogEntryMap, SupplyMap, SupplySourceMap, SupplyPlantMap,
        SupplyZoneMap, SupplyArcMap, SupplyPeriodMap, SupplyCandidateMap, GraphAllocationMap, GraphNodeMap, GraphEdgeMap, SupplyLossMap,
        SolverMap,
    ];

    /// <summary>
    /// An optimizer's name as <see cref="Optimizers.OptimizerCatalog"/> knows it (its table, aliases included, any case),
    /// kept as written; another name is refused here, naming the file and <c>solver.algorithm</c>, not when a run starts.
    /// </summary>
    private sealed class AlgorithmName : SchemaValue<string>
    {
        public static readonly AlgorithmName Instance = new();

        public override string Type => string.Join(" \\| ", Optimizers.OptimizerCatalog.Names.Select(n => $"`{n}`"));
        public override string Read(ScenarioSchemaReader r)
        {
            long at = r.Mark();
            string name = r.Str();
            return Optimizers.OptimizerCatalog.Canonical(name) is not null ? name : throw r.Fail(at, Optimizers.OptimizerCatalog.UnknownAlgorithm(name));
        }
        public override void Write(ScenarioSchemaWriter w, string value) => w.Sink.String(value);
        public override string Text(string value) => $"`\"{value}\"`";
    }

    private static MapSchema<T> Define<T>(MapSchema<T> map, Func<MapSchema<T>, Func<FieldValues<T>, T>> fields) => map.Builds(fields(map));
}
