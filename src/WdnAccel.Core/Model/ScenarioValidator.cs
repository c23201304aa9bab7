namespace WdnAccel.Core.Model;

/// <summary>
/// Finds every problem in a scenario at once (the `validate` verb; solvers call it before compiling):
/// duplicate or unknown ids, non-positive or non-finite quantities, no fixed-head node, junctions with no
/// open path to a fixed-head node, valves connected as EPANET forbids, controls, rules and water-quality data naming
/// unknown elements or values EPANET refuses, dangling references in the design, supply and graph blocks.
/// Locations use the .inp line of the element when <c>sourceLines</c> is given ("node:ID"/"link:ID" keys),
/// else a field path such as <c>network.pipes[3] (id 7)</c>.
/// </summary>
public sealed class ScenarioValidator
{
    private readonly List<ValidationProblem> _problems = [];
    private readonly IReadOnlyDictionary<string, int>? _sourceLines;
    private readonly string? _file;

    private ScenarioValidator(IReadOnlyDictionary<string, int>? sourceLines, string? file)
    {
        _sourceLines = sourceLines;
        _file = file;
    }

    public static IReadOnlyList<ValidationProblem> Validate(Scenario scenario, IReadOnlyDictionary<string, int>? sourceLines = null, string? file = null)
    {
        var v = new ScenarioValidator(sourceLines, file);
        // A scenario that only allocates (a supply or graph_allocation block, no pipes) has no hydraulic network to check.
        bool allocationOnly = (scenario.Supply is not null || scenario.GraphAllocation is not null) && IsEmpty(scenario.Network);
        if (!allocationOnly) v.CheckNetwork(scenario.Network);
        if (scenario.Design is { } design) v.CheckDesign(scenario.Network, design);
        if (scenario.Supply is { } supply) v.CheckSupply(supply);
        if (scenario.GraphAllocation is { } graph) v.CheckGraph(graph);
        return v._problems;
    }

    private static bool IsEmpty(Network n) =>
        n.Junctions.Count == 0 && n.Reservoirs.Count == 0 && n.Tanks.Count == 0 && n.Pipes.Count == 0 && n.Pumps.Count == 0 && n.Valves.Count == 0;

    private void Add(string location, string message) => _problems.Add(new ValidationProblem(location, message));

    private string Where(string key, string path, string id)
    {
        if (_sourceLines is not null && _sourceLines.TryGetValue(key, out int line))
        {
            return $"{_file ?? "input"}, line {line} ({path.Split('[')[0].Split('.')[^1].TrimEnd('s')} {id})";
        }
        return $"{path} (id {id})";
    }

    private void Finite(double value, string location, string what)
    {
        if (!double.IsFinite(value)) Add(location, $"{what} must be a finite number, got {value}");
    }

    private void Positive(double value, string location, string what)
    {
        if (!(value > 0) || !double.IsFinite(value)) Add(location, $"{what} must be a positive number, got {value}");
    }

    private void NonNegative(double value, string location, string what)
    {
        if (!(value >= 0) || !double.IsFinite(value)) Add(location, $"{what} must be a finite number ≥ 0, got {value}");
    }

    /// <summary>Like <see cref="Where"/>, for elements without an id of their own (controls): "control 3" or the field path.</summary>
    private string WhereItem(string key, string path, string label) =>
        _sourceLines is not null && _sourceLines.TryGetValue(key, out int line) ? $"{_file ?? "input"}, line {line} ({label})" : path;

    private void CheckNetwork(Network net)
    {
        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        var fixedHead = new HashSet<string>(StringComparer.Ordinal);
        void Node(string id, string path)
        {
            if (!nodeIds.Add(id)) Add(path, $"duplicate node id '{id}'");
        }
        for (int i = 0; i < net.Junctions.Count; i++)
        {
            var j = net.Junctions[i];
            string at = Where("node:" + j.Id, $"network.junctions[{i}]", j.Id);
            Node(j.Id, at);
            Finite(j.Elevation, at, "elevation");
            foreach (var d in j.Demands) Finite(d.BaseDemand, at, "demand");
            NonNegative(j.EmitterCoefficient, at, "emitter coefficient");
            if (j.MinPressure is { } lo && j.MaxPressure is { } hi && lo > hi) Add(at, $"minimum pressure {lo} exceeds maximum {hi}");
        }
        for (int i = 0; i < net.Reservoirs.Count; i++)
        {
            var r = net.Reservoirs[i];
            string at = Where("node:" + r.Id, $"network.reservoirs[{i}]", r.Id);
            Node(r.Id, at);
            fixedHead.Add(r.Id);
            Finite(r.Head, at, "head");
        }
        for (int i = 0; i < net.Tanks.Count; i++)
        {
            var t = net.Tanks[i];
            string at = Where("node:" + t.Id, $"network.tanks[{i}]", t.Id);
            Node(t.Id, at);
            fixedHead.Add(t.Id);
            Finite(t.Elevation, at, "elevation");
            Finite(t.InitLevel, at, "initial level");
            if (t.InitLevel < t.MinLevel || t.InitLevel > t.MaxLevel) Add(at, $"initial level {t.InitLevel} is outside [{t.MinLevel}, {t.MaxLevel}]");
            if (!(t.MixingFraction is > 0 and <= 1)) Add(at, $"mixing fraction must lie in (0, 1], got {t.MixingFraction}");
        }
        if (fixedHead.Count == 0) Add("network", "no fixed-head node: add a reservoir or a tank so heads are defined");

        var linkIds = new HashSet<string>(StringComparer.Ordinal);
        var adjacency = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Link(string id, string n1, string n2, bool open, string at)
        {
            if (!linkIds.Add(id)) Add(at, $"duplicate link id '{id}'");
            foreach (var n in new[] { n1, n2 })
            {
                if (!nodeIds.Contains(n)) Add(at, $"refers to unknown node '{n}'");
            }
            if (n1 == n2) Add(at, $"connects node '{n1}' to itself");
            if (!open) return;
            (adjacency.TryGetValue(n1, out var a) ? a : adjacency[n1] = []).Add(n2);
            (adjacency.TryGetValue(n2, out var b) ? b : adjacency[n2] = []).Add(n1);
        }
        for (int i = 0; i < net.Pipes.Count; i++)
        {
            var p = net.Pipes[i];
            string at = Where("link:" + p.Id, $"network.pipes[{i}]", p.Id);
            Link(p.Id, p.Node1, p.Node2, p.Status != LinkStatus.Closed, at);
            Positive(p.Length, at, "length");
            Positive(p.Diameter, at, "diameter");
            Positive(p.Roughness, at, "roughness");
            if (!(p.MinorLoss >= 0)) Add(at, $"minor loss must be ≥ 0, got {p.MinorLoss}");
        }
        var curves = net.Curves.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var patterns = net.Patterns.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < net.Pumps.Count; i++)
        {
            var p = net.Pumps[i];
            string at = Where("link:" + p.Id, $"network.pumps[{i}]", p.Id);
            Link(p.Id, p.Node1, p.Node2, p.Status != LinkStatus.Closed, at);
            if (p.HeadCurveId is null && p.Power is null) Add(at, "needs a head curve or a power");
            if (p.HeadCurveId is { } c && !curves.ContainsKey(c)) Add(at, $"refers to unknown curve '{c}'");
            else if (p.HeadCurveId is { } hc && Hydraulics.PumpCurveFit.Problem(curves[hc]) is { } problem) Add(at, problem);
            if (p.Power is { } kw) Positive(kw, at, "power");
            NonNegative(p.Speed, at, "speed");
            if (p.PatternId is { } sp && !patterns.Contains(sp)) Add(at, $"refers to unknown speed pattern '{sp}'");
            if (p.EfficiencyCurveId is { } e && !curves.ContainsKey(e)) Add(at, $"refers to unknown efficiency curve '{e}'");
            if (p.EnergyPrice is { } price) NonNegative(price, at, "energy price");
            if (p.PricePatternId is { } pp && !patterns.Contains(pp)) Add(at, $"refers to unknown price pattern '{pp}'");
        }
        var valveEnds = new List<(ValveType Type, string Node1, string Node2, string Id)>();
        for (int i = 0; i < net.Valves.Count; i++)
        {
            var v = net.Valves[i];
            string at = Where("link:" + v.Id, $"network.valves[{i}]", v.Id);
            Link(v.Id, v.Node1, v.Node2, v.FixedStatus != LinkStatus.Closed, at);
            Positive(v.Diameter, at, "diameter");
            NonNegative(v.MinorLoss, at, "minor loss");
            if (v.Type == ValveType.GPV)
            {
                if (v.CurveId is not { } c) Add(at, "a GPV needs a head-loss curve (curve_id)");
                else if (!curves.ContainsKey(c)) Add(at, $"refers to unknown curve '{c}'");
            }
            else
            {
                NonNegative(v.Setting, at, "setting");
            }
            if (v.FixedStatus == LinkStatus.CheckValve) Add(at, "a valve's fixed status is open or closed, not check_valve");
            if (ValveConnectionRules.NeedsJunctionEnds(v.Type))
            {
                foreach (var n in new[] { v.Node1, v.Node2 })
                {
                    if (fixedHead.Contains(n)) Add(at, $"a {v.Type} cannot be connected to reservoir or tank '{n}' (EPANET error 219)");
                }
                foreach (var (type, n1, n2, other) in valveEnds)
                {
                    if (ValveConnectionRules.Clash(v.Type, v.Node1, v.Node2, (type, n1, n2)) is { } clash) Add(at, $"with valve {other}: {clash} (EPANET error 220)");
                }
            }
            valveEnds.Add((v.Type, v.Node1, v.Node2, v.Id));
        }

        // Every junction needs an open path to a fixed-head node, or its head is undefined (singular matrix).
        var reached = new HashSet<string>(fixedHead, StringComparer.Ordinal);
        var queue = new Queue<string>(fixedHead);
        while (queue.Count > 0)
        {
            foreach (var next in adjacency.GetValueOrDefault(queue.Dequeue()) ?? [])
            {
                if (reached.Add(next)) queue.Enqueue(next);
            }
        }
        if (fixedHead.Count > 0)
        {
            for (int i = 0; i < net.Junctions.Count; i++)
            {
                var j = net.Junctions[i];
                if (!reached.Contains(j.Id))
                {
                    Add(Where("node:" + j.Id, $"network.junctions[{i}]", j.Id), "disconnected: no open path to a reservoir or tank");
                }
            }
        }

        var junctionIds = net.Junctions.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        for (int c = 0; c < net.DemandCases.Count; c++)
        {
            var dc = net.DemandCases[c];
            string at = $"network.demand_cases[{c}] ({dc.Name})";
            Finite(dc.Multiplier, at, "multiplier");
            foreach (var (id, q) in dc.JunctionDemands ?? new Dictionary<string, double>())
            {
                if (!junctionIds.Contains(id)) Add(at, $"demand for unknown junction '{id}'");
                Finite(q, at, $"demand of junction {id}");
            }
        }
        var o = net.Options;
        Positive(o.Omega, "network.options.omega", "Hazen–Williams ω");
        Positive(o.Accuracy, "network.options.accuracy", "accuracy");
        if (o.MaxTrials <= 0) Add("network.options.max_trials", $"must be positive, got {o.MaxTrials}");
        CheckExtendedPeriod(net, nodeIds, fixedHead, linkIds, patterns, curves);
    }

    /// <summary>Options, times, controls, rules, energy and water quality of an extended-period run.</summary>
    private void CheckExtendedPeriod(Network net, HashSet<string> nodeIds, HashSet<string> fixedHead, HashSet<string> linkIds,
        HashSet<string> patterns, Dictionary<string, Curve> curves)
    {
        var o = net.Options;
        NonNegative(o.MinimumPressure, "network.options.minimum_pressure", "minimum pressure");
        if (!(o.RequiredPressure > o.MinimumPressure)) Add("network.options.required_pressure", $"must exceed the minimum pressure {o.MinimumPressure}, got {o.RequiredPressure}");
        Positive(o.PressureExponent, "network.options.pressure_exponent", "pressure exponent");
        Positive(o.EmitterExponent, "network.options.emitter_exponent", "emitter exponent");
        if (o.CheckFrequency < 1) Add("network.options.check_frequency", $"must be ≥ 1, got {o.CheckFrequency}");
        if (o.MaxCheck < 1) Add("network.options.max_check", $"must be ≥ 1, got {o.MaxCheck}");
        Finite(o.DampLimit, "network.options.damp_limit", "damping limit");
        NonNegative(o.HeadError, "network.options.head_error", "head error limit");
        NonNegative(o.FlowChange, "network.options.flow_change", "flow change limit");
        if (o.ExtraTrials < -1) Add("network.options.extra_trials", $"must be −1 (stop) or ≥ 0, got {o.ExtraTrials}");

        var t = net.Times;
        foreach (var (value, key) in new[] { (t.Duration, "duration"), (t.QualityStep, "quality_step"), (t.PatternStart, "pattern_start"),
                     (t.ReportStart, "report_start"), (t.RuleStep, "rule_step") })
        {
            NonNegative(value, "network.times." + key, key.Replace('_', ' '));
        }
        Positive(t.HydraulicStep, "network.times.hydraulic_step", "hydraulic step");
        Positive(t.PatternStep, "network.times.pattern_step", "pattern step");
        Positive(t.ReportStep, "network.times.report_step", "report step");
        if (!(t.StartClockTime is >= 0 and < 86400)) Add("network.times.start_clock_time", $"must be a time of day, 0 ≤ s < 86400, got {t.StartClockTime}");

        var junctions = net.Junctions.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var tanks = net.Tanks.Select(x => x.Id).ToHashSet(StringComparer.Ordinal);
        var pipes = net.Pipes.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Status == LinkStatus.CheckValve, StringComparer.Ordinal);
        var valves = net.Valves.GroupBy(v => v.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Type, StringComparer.Ordinal);
        void Action(LinkAction a, string at)
        {
            if (!linkIds.Contains(a.LinkId))
            {
                Add(at, $"acts on unknown link '{a.LinkId}'");
                return;
            }
            if (pipes.TryGetValue(a.LinkId, out bool cv) && cv) Add(at, $"acts on check-valve pipe {a.LinkId}, whose status cannot be controlled (EPANET error 207)");
            if ((a.Status is null) == (a.Setting is null)) Add(at, $"sets link {a.LinkId}'s status or its setting: exactly one of the two");
            if (a.Status == LinkStatus.CheckValve) Add(at, "a status is open or closed, not check_valve");
            if (a.Setting is { } x)
            {
                NonNegative(x, at, $"setting of link {a.LinkId}");
                if (valves.TryGetValue(a.LinkId, out var type) && type == ValveType.GPV) Add(at, $"valve {a.LinkId} is a GPV: its setting is its curve; it can only be opened or closed");
            }
        }
        for (int i = 0; i < net.Controls.Count; i++)
        {
            var c = net.Controls[i];
            string at = WhereItem("control:" + i, $"network.controls[{i}]", $"control {i + 1}");
            Action(c.Action, at);
            if (c.Condition is ControlCondition.LowLevel or ControlCondition.HighLevel)
            {
                if (c.NodeId is not { } node) Add(at, "a level control needs node_id");
                else if (!nodeIds.Contains(node)) Add(at, $"refers to unknown node '{node}'");
                Finite(c.Value, at, "value");
            }
            else
            {
                NonNegative(c.Time, at, "time");
                if (c.Condition == ControlCondition.TimeOfDay && c.Time >= 86400) Add(at, $"a clock time is less than 86400 s, got {c.Time}");
            }
        }
        for (int i = 0; i < net.Rules.Count; i++)
        {
            var r = net.Rules[i];
            string at = Where("rule:" + r.Id, $"network.rules[{i}]", r.Id);
            if (r.Premises.Count == 0) Add(at, "has no premise (IF clause)");
            if (r.Then.Count == 0) Add(at, "has no THEN action");
            Finite(r.Priority, at, "priority");
            for (int k = 0; k < r.Premises.Count; k++) CheckPremise(r.Premises[k], k, $"{at}, premise {k + 1}", nodeIds, junctions, linkIds);
            foreach (var a in r.Then.Concat(r.Else)) Action(a, at);
        }

        var e = net.Energy;
        Positive(e.GlobalEfficiency, "network.energy.global_efficiency", "global efficiency");
        NonNegative(e.GlobalPrice, "network.energy.global_price", "global price");
        NonNegative(e.DemandCharge, "network.energy.demand_charge", "demand charge");
        if (e.GlobalPricePatternId is { } gp && !patterns.Contains(gp)) Add("network.energy.global_price_pattern_id", $"unknown pattern '{gp}'");

        var q = net.Quality;
        if (q.Mode == QualityMode.Trace && (q.TraceNodeId is not { } trace || !nodeIds.Contains(trace)))
            Add("network.quality.trace_node_id", $"a trace needs a node of the network, got '{q.TraceNodeId}'");
        if (q.MassUnits is not ("mg" or "ug")) Add("network.quality.mass_units", $"must be mg or ug, got '{q.MassUnits}'");
        NonNegative(q.RelativeDiffusivity, "network.quality.relative_diffusivity", "relative diffusivity");
        NonNegative(q.Tolerance, "network.quality.tolerance", "tolerance");
        foreach (var (node, c0) in q.InitialQuality)
        {
            if (!nodeIds.Contains(node)) Add("network.quality.initial_quality", $"unknown node '{node}'");
            NonNegative(c0, "network.quality.initial_quality", $"initial quality of {node}");
        }
        var sourceNodes = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < net.Sources.Count; i++)
        {
            var src = net.Sources[i];
            string at = Where("source:" + src.NodeId, $"network.sources[{i}]", src.NodeId);
            if (!nodeIds.Contains(src.NodeId)) Add(at, $"unknown node '{src.NodeId}'");
            if (!sourceNodes.Add(src.NodeId)) Add(at, $"node '{src.NodeId}' has two sources; EPANET keeps one per node");
            Finite(src.Strength, at, "strength");
            if (src.PatternId is { } sp && !patterns.Contains(sp)) Add(at, $"refers to unknown pattern '{sp}'");
        }

        var re = net.Reactions;
        if (re.WallOrder is not (0 or 1)) Add("network.reactions.wall_order", $"must be 0 or 1, got {re.WallOrder}");
        foreach (var (value, key) in new[] { (re.BulkOrder, "bulk_order"), (re.TankOrder, "tank_order"), (re.GlobalBulk, "global_bulk"),
                     (re.GlobalWall, "global_wall"), (re.LimitingPotential, "limiting_potential"), (re.RoughnessCorrelation, "roughness_correlation") })
        {
            Finite(value, "network.reactions." + key, key.Replace('_', ' '));
        }
        foreach (var (map, key) in new[] { (re.PipeBulk, "pipe_bulk"), (re.PipeWall, "pipe_wall") })
        {
            foreach (var (pipe, k) in map)
            {
                if (!pipes.ContainsKey(pipe)) Add("network.reactions." + key, $"unknown pipe '{pipe}'");
                Finite(k, "network.reactions." + key, $"coefficient of pipe {pipe}");
            }
        }
        foreach (var (tank, k) in re.TankBulk)
        {
            if (!tanks.Contains(tank)) Add("network.reactions.tank_bulk", $"unknown tank '{tank}'");
            Finite(k, "network.reactions.tank_bulk", $"coefficient of tank {tank}");
        }
    }

    private void CheckPremise(RulePremise p, int index, string at, HashSet<string> nodeIds, HashSet<string> junctions, HashSet<string> linkIds)
    {
        if ((index == 0) != (p.Logic == RuleLogic.If)) Add(at, index == 0 ? "the first premise is an IF" : "only the first premise is an IF; later ones are AND or OR");
        Finite(p.Value, at, "value");
        switch (p.Object)
        {
            case RuleObject.System:
                if (p.Variable is not (RuleVariable.Demand or RuleVariable.Time or RuleVariable.ClockTime)) Add(at, $"SYSTEM has demand, time or clock time, not {p.Variable}");
                break;
            case RuleObject.Node:
                if (p.ElementId is not { } node || !nodeIds.Contains(node)) Add(at, $"refers to unknown node '{p.ElementId}'");
                else if (p.Variable is RuleVariable.FillTime or RuleVariable.DrainTime && junctions.Contains(node)) Add(at, $"{p.Variable} applies to tanks; {node} is a junction");
                if (p.Variable is not (RuleVariable.Demand or RuleVariable.Head or RuleVariable.Grade or RuleVariable.Level or RuleVariable.Pressure
                    or RuleVariable.FillTime or RuleVariable.DrainTime))
                    Add(at, $"a node has demand, head, grade, level, pressure, fill time or drain time, not {p.Variable}");
                break;
            default:
                if (p.ElementId is not { } link || !linkIds.Contains(link)) Add(at, $"refers to unknown link '{p.ElementId}'");
                if (p.Variable is not (RuleVariable.Flow or RuleVariable.Status or RuleVariable.Setting)) Add(at, $"a link has flow, status or setting, not {p.Variable}");
                break;
        }
        if (p.Variable == RuleVariable.Status)
        {
            if ((p.Status is LinkStatus.Open or LinkStatus.Closed) == p.ActiveStatus) Add(at, "a status premise tests open, closed or active: exactly one");
            if (p.Operator is not (RuleOperator.Equal or RuleOperator.NotEqual)) Add(at, $"a status compares with equal or not_equal, not {p.Operator}");
        }
        else if (p.Status is not null || p.ActiveStatus)
        {
            Add(at, $"only a status premise tests a status, not {p.Variable}");
        }
    }

    // Catalog sizes an optimizer may choose: beyond these, head losses over- or underflow double precision (a C of
    // 1e-308 or a diameter of 1e-101 m gives ∞ per metre), and no commercial pipe comes close to them.
    private const double MinCatalogDiameter = 1e-4, MaxCatalogDiameter = 100;
    private const double MinHazenWilliamsC = 1, MaxHazenWilliamsC = 1000;

    /// <summary>Manning's n of pipes is 0.009–0.017 and of rough channels up to about 0.15: outside this, a C or an ε was meant.</summary>
    private const double MinManningN = 0.001, MaxManningN = 1;

    private void CheckDesign(Network net, DesignSpec design)
    {
        if (design.Catalog.Count == 0) Add("design.catalog", "is empty: list at least one diameter with its unit cost");
        for (int i = 0; i < design.Catalog.Count; i++)
        {
            var e = design.Catalog[i];
            string at = $"design.catalog[{i}]";
            if (!(e.Diameter >= 0) || !double.IsFinite(e.Diameter)) Add(at, $"diameter must be ≥ 0 (0 = no pipe), got {e.Diameter}");
            else if (e.Diameter != 0 && e.Diameter is < MinCatalogDiameter or > MaxCatalogDiameter)
                Add(at, $"diameter {e.Diameter:G4} m is outside {MinCatalogDiameter * 1000} mm – {MaxCatalogDiameter} m (is it in m?); 0 means no pipe");
            if (!(e.UnitCost >= 0) || !double.IsFinite(e.UnitCost)) Add(at, $"unit cost must be ≥ 0, got {e.UnitCost}");
            if (e.Roughness is { } r)
            {
                Positive(r, at, "roughness");
                if (net.Options.HeadLoss == HeadLossModel.HazenWilliams && r is > 0 and (< MinHazenWilliamsC or > MaxHazenWilliamsC))
                    Add(at, $"Hazen–Williams C {r:G4} is outside {MinHazenWilliamsC} – {MaxHazenWilliamsC}");
                if (net.Options.HeadLoss == HeadLossModel.ChezyManning && r is > 0 and (< MinManningN or > MaxManningN))
                    Add(at, $"Manning's n {r:G4} is outside {MinManningN} – {MaxManningN} (the network's head loss is Chezy–Manning)");
            }
        }
        var pipes = net.Pipes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < design.DecisionPipes.Count; i++)
        {
            string id = design.DecisionPipes[i];
            if (!pipes.Contains(id)) Add($"design.decision_pipes[{i}]", $"unknown pipe '{id}'");
            if (!seen.Add(id)) Add($"design.decision_pipes[{i}]", $"pipe '{id}' is listed twice");
        }
        Finite(design.MinPressure, "design.min_pressure", "minimum pressure");
        if (design.MaxPressure is { } max && max < design.MinPressure) Add("design.max_pressure", $"{max} is below the minimum pressure {design.MinPressure}");
        var nodes = net.Junctions.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, h) in design.MinHead ?? new Dictionary<string, double>())
        {
            if (!nodes.Contains(id)) Add("design.min_head", $"unknown junction '{id}'");
            Finite(h, "design.min_head", $"minimum head of {id}");
        }
    }

    private void CheckSupply(SupplySpec supply)
    {
        var kinds = new Dictionary<string, char>(StringComparer.Ordinal);
        void Id(string id, char kind, string at)
        {
            if (!kinds.TryAdd(id, kind)) Add(at, $"duplicate id '{id}'");
        }
        for (int i = 0; i < supply.Sources.Count; i++)
        {
            Id(supply.Sources[i].Id, 'S', $"supply.sources[{i}]");
            if (!(supply.Sources[i].Capacity >= 0)) Add($"supply.sources[{i}]", $"capacity must be ≥ 0, got {supply.Sources[i].Capacity}");
        }
        for (int i = 0; i < supply.Plants.Count; i++)
        {
            var p = supply.Plants[i];
            Id(p.Id, 'P', $"supply.plants[{i}]");
            if (!(p.Capacity >= 0)) Add($"supply.plants[{i}]", $"capacity must be ≥ 0, got {p.Capacity}");
            Finite(p.TreatmentCost, $"supply.plants[{i}]", "treatment cost");
            if (p.MinThroughput is { } m && !(m >= 0 && m <= p.Capacity)) Add($"supply.plants[{i}]", $"minimum throughput {m} must lie in [0, capacity]");
        }
        for (int i = 0; i < supply.Zones.Count; i++)
        {
            Id(supply.Zones[i].Id, 'Z', $"supply.zones[{i}]");
            if (!(supply.Zones[i].Demand >= 0)) Add($"supply.zones[{i}]", $"demand must be ≥ 0, got {supply.Zones[i].Demand}");
        }
        for (int i = 0; i < supply.Arcs.Count; i++)
        {
            var a = supply.Arcs[i];
            string at = $"supply.arcs[{i}]";
            char from = kinds.GetValueOrDefault(a.From), to = kinds.GetValueOrDefault(a.To);
            if (from == default) Add(at, $"unknown 'from' id '{a.From}'");
            if (to == default) Add(at, $"unknown 'to' id '{a.To}'");
            if (from != default && to != default && !(from == 'S' && to == 'P') && !(from == 'P' && to == 'Z'))
            {
                Add(at, $"arc {a.From}→{a.To} must go source→plant or plant→zone");
            }
            Finite(a.PumpingCost, at, "pumping cost");
            if (a.Capacity is { } c && !(c >= 0)) Add(at, $"capacity must be ≥ 0, got {c}");
        }
    }

    private void CheckGraph(GraphAllocationSpec graph)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            var n = graph.Nodes[i];
            string at = $"graph_allocation.nodes[{i}]";
            if (!ids.Add(n.Id)) Add(at, $"duplicate id '{n.Id}'");
            Finite(n.Elevation, at, "elevation");
            if (!(n.Demand >= 0)) Add(at, $"demand must be ≥ 0, got {n.Demand}");
            if (!(n.Capacity >= 0)) Add(at, $"capacity must be ≥ 0, got {n.Capacity}");
            if (!(n.IntakeDifficulty is >= 0 and <= 1)) Add(at, $"intake difficulty must be between 0 and 1, got {n.IntakeDifficulty}");
        }
        bool edgesOk = true;
        for (int i = 0; i < graph.Edges.Count; i++)
        {
            var e = graph.Edges[i];
            string at = $"graph_allocation.edges[{i}]";
            if (!ids.Contains(e.From)) { Add(at, $"unknown node '{e.From}'"); edgesOk = false; }
            if (!ids.Contains(e.To)) { Add(at, $"unknown node '{e.To}'"); edgesOk = false; }
            if (e.Length is { } length && (!(length >= 0) || !double.IsFinite(length))) Add(at, $"length must be a finite number ≥ 0, got {length}");
            if (!(e.CostFactor >= 0) || !double.IsFinite(e.CostFactor)) Add(at, $"cost factor must be a finite number ≥ 0, got {e.CostFactor}");
            if (!(e.Difficulty is >= 0 and <= 1)) Add(at, $"difficulty must be between 0 and 1, got {e.Difficulty}");
        }
        var kinds = graph.Nodes.GroupBy(n => n.Id).ToDictionary(g => g.Key, g => g.First().Kind, StringComparer.Ordinal);
        for (int i = 0; i < graph.Losses.Count; i++)
        {
            var l = graph.Losses[i];
            string at = $"graph_allocation.losses[{i}]";
            if (!kinds.TryGetValue(l.Plant, out var pk) || pk != GraphNodeKind.Supply) Add(at, $"'{l.Plant}' is not a water plant (kind 2)");
            if (!kinds.TryGetValue(l.Unit, out var uk) || uk != GraphNodeKind.Demand) Add(at, $"'{l.Unit}' is not a demand unit (kind 1)");
            if (!(l.Loss is >= 0 and < 1)) Add(at, $"loss must be a fraction in [0, 1), got {l.Loss}");
        }
        if (!edgesOk || ids.Count != graph.Nodes.Count) return;
        try
        {
            Graphs.AllocationParameters.Of(graph).AnnuityFactor(graph.Annuity);
            foreach (var unit in Graphs.SupplyReachability.Unreachable(graph))
                Add("graph_allocation", $"demand unit '{unit}' cannot be reached by any plant under the pressure rule (a lower class reaches a higher one only out of a pumping station or a plant)");
        }
        catch (Io.InvalidInputException e)
        {
            Add(e.Field ?? "graph_allocation", e.Problem);
        }
    }
}
