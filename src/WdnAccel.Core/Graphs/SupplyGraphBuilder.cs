using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// Builds the directed routing graph of the Lishui case (section 2.2, step 1, and the water pressure constraint of
/// section 2.3.2). Arc weight = length (m) × cost factor × (1 + difficulty × hard/base): the per-length construction
/// cost (300 + 100·K-hard) of the paper's F3 relative to an easy road, so routes are the cheapest to build.
/// Pressure rule: water flows within its pressure class and down to lower classes; "low-pressure pipelines cannot
/// … directly supply water to elevated areas" unless pressurized, and both pumping stations and water plants
/// pressurize, so an arc may climb to a higher class only when it leaves a pumping station or a plant. An
/// undirected road becomes two arcs, each filtered on its own; planned roads take part only in the planning year.
/// </summary>
public static class SupplyGraphBuilder
{
    private const string Block = "graph_allocation";

    /// <param name="removed">When given, receives the arcs dropped by the climbing rule (weights included), for reports.</param>
    public static RoutingGraph Build(GraphAllocationSpec spec, List<Arc>? removed = null) => Build(spec, removed, out _);

    /// <param name="lengths">Receives each kept arc's length in km, keyed (from, to); parallel arcs keep the cheapest.</param>
    public static RoutingGraph Build(GraphAllocationSpec spec, List<Arc>? removed, out Dictionary<(int, int), SupplyArcInfo> lengths)
    {
        int n = spec.Nodes.Count;
        var index = NodeIndex(spec);
        var ids = spec.Nodes.Select(node => node.Id).ToArray();
        var kinds = spec.Nodes.Select(node => node.Kind).ToArray();
        var settings = AllocationParameters.Of(spec);
        double hardShare = settings.RouteCostHard / settings.RouteCostBase;

        var arcs = new List<Arc>(2 * spec.Edges.Count);
        lengths = new Dictionary<(int, int), SupplyArcInfo>();
        for (int e = 0; e < spec.Edges.Count; e++)
        {
            var edge = spec.Edges[e];
            if (edge.Planned && !spec.IncludePlanned) continue;
            string field = $"{Block}.edges[{e}]";
            int u = Lookup(index, edge.From, field + ".from");
            int v = Lookup(index, edge.To, field + ".to");
            double km = LengthKm(spec.Nodes[u], spec.Nodes[v], edge, field);
            if (!double.IsFinite(edge.CostFactor) || edge.CostFactor < 0)
                throw new InvalidInputException($"cost factor must be a finite number >= 0, found {edge.CostFactor}", field: field + ".cost_factor");
            if (!(edge.Difficulty is >= 0 and <= 1))
                throw new InvalidInputException($"difficulty must be between 0 and 1, found {edge.Difficulty}", field: field + ".difficulty");
            double w = km * 1000 * edge.CostFactor * (1 + edge.Difficulty * hardShare);
            var info = new SupplyArcInfo(km, edge.Difficulty);
            AddIfAllowed(spec.Nodes, u, v, w, info, arcs, lengths, removed);
            if (!edge.Directed) AddIfAllowed(spec.Nodes, v, u, w, info, arcs, lengths, removed);
        }
        return new RoutingGraph(n, arcs, ids, kinds);
    }

    /// <summary>The pressure rule for one arc u→v: no climbing to a higher class except out of a pumping station or a plant.</summary>
    public static bool MayFlow(GraphNode from, GraphNode to) =>
        to.PressureZone <= from.PressureZone || from.Kind is GraphNodeKind.PumpStation or GraphNodeKind.Supply;

    /// <summary>Node ids to indices; an empty or repeated id, or an unknown kind, is bad input naming the node.</summary>
    public static Dictionary<string, int> NodeIndex(GraphAllocationSpec spec)
    {
        var index = new Dictionary<string, int>(spec.Nodes.Count, StringComparer.Ordinal);
        for (int i = 0; i < spec.Nodes.Count; i++)
        {
            var node = spec.Nodes[i];
            string field = $"{Block}.nodes[{i}]";
            if (string.IsNullOrEmpty(node.Id)) throw new InvalidInputException("node id is empty", field: field + ".id");
            if (!index.TryAdd(node.Id, i)) throw new InvalidInputException($"duplicate node id '{node.Id}'", field: field + ".id");
            if (!Enum.IsDefined(node.Kind))
                throw new InvalidInputException($"node kind {(int)node.Kind} is not 1 (demand), 2 (supply), 3 (intermediate) or 4 (pump station)", field: field + ".kind");
        }
        return index;
    }

    /// <summary>
    /// An edge's length in km: given (m), else the great-circle distance between the end nodes' latitude/longitude
    /// (mean Earth radius 6371.0088 km, IUGG), else the planar distance between their coordinates (m).
    /// </summary>
    public static double LengthKm(GraphNode a, GraphNode b, GraphEdge edge, string field)
    {
        if (edge.Length is { } metres)
        {
            if (!double.IsFinite(metres) || metres < 0)
                throw new InvalidInputException($"length must be a finite number >= 0 m, found {metres}", field: field + ".length");
            return metres / 1000;
        }
        if (a.Latitude is { } lat1 && a.Longitude is { } lon1 && b.Latitude is { } lat2 && b.Longitude is { } lon2)
        {
            const double EarthRadiusKm = 6371.0088, Rad = Math.PI / 180;
            double dLat = (lat2 - lat1) * Rad, dLon = (lon2 - lon1) * Rad;
            double h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1 * Rad) * Math.Cos(lat2 * Rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
            return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        }
        if (a.Coordinates is { } p && b.Coordinates is { } q)
            return Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y)) / 1000;
        throw new InvalidInputException($"no length, and nodes '{a.Id}' and '{b.Id}' lack latitude/longitude or coordinates to measure it", field: field + ".length");
    }

    private static void AddIfAllowed(IReadOnlyList<GraphNode> nodes, int u, int v, double w, SupplyArcInfo info, List<Arc> arcs,
        Dictionary<(int, int), SupplyArcInfo> lengths, List<Arc>? removed)
    {
        var arc = new Arc(u, v, w);
        if (!MayFlow(nodes[u], nodes[v]))
        {
            removed?.Add(arc);
            return;
        }
        arcs.Add(arc);
        if (!lengths.TryGetValue((u, v), out var old) || w < old.RouteWeight) lengths[(u, v)] = info with { RouteWeight = w };
    }

    private static int Lookup(Dictionary<string, int> index, string id, string field) =>
        index.TryGetValue(id ?? "", out int i) ? i : throw new InvalidInputException($"unknown node id '{id}'", field: field);
}
