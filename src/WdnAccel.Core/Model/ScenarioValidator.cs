namespace WdnAccel.Core.Model;

/// <summary>
/// Finds every problem in a scenario at once (the `validate` verb; solvers call it before compiling):
/// duplicate or unknown ids, non-positive or non-finite quantities, no fixed-head node, junctions with no
/// open path to a fixed-head node, dangling references in the design, supply and graph blocks.
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
        n.Junctions.Count == 0 && n.Reservoirs.Count == 0 && n.Tanks.Count == 0 && n.Pipes.Count == 0 && n.Pumps.Count == 0;

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
        var curves = net.Curves.ToDictionary(c => c.Id, StringComparer.Ordinal);
        for (int i = 0; i < net.Pumps.Count; i++)
        {
            var p = net.Pumps[i];
            string at = Where("link:" + p.Id, $"network.pumps[{i}]", p.Id);
            Link(p.Id, p.Node1, p.Node2, p.Status != LinkStatus.Closed, at);
            if (p.HeadCurveId is null && p.Power is null) Add(at, "needs a head curve or a power");
            if (p.HeadCurveId is { } c && !curves.ContainsKey(c)) Add(at, $"refers to unknown curve '{c}'");
            if (p.Power is { } kw) Positive(kw, at, "power");
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
    }

    // Catalog sizes an optimizer may choose: beyond these, head losses over- or underflow double precision (a C of
    // 1e-308 or a diameter of 1e-101 m gives ∞ per metre), and no commercial pipe comes close to them.
    private const double MinCatalogDiameter = 1e-4, MaxCatalogDiameter = 100;
    private const double MinHazenWilliamsC = 1, MaxHazenWilliamsC = 1000;

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
