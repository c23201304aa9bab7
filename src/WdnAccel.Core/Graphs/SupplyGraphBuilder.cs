using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// Builds the directed routing graph of the Lishui case (section 2.2, step 1, and the water pressure constraint of
/// section 2.3.2): arc weight = length × construction-difficulty factor; water may flow within its pressure zone
/// and down to lower zones, but an arc that climbs to a higher zone exists only when it leaves a pumping
/// station (kind 4). Supply nodes (plants) feed their own zone and lower. An undirected pipeline becomes two
/// arcs, each filtered on its own.
/// </summary>
public static class SupplyGraphBuilder
{
    /// <param name="removed">When given, receives the arcs dropped by the climbing rule (weights included), for reports.</param>
    public static RoutingGraph Build(GraphAllocationSpec spec, List<Arc>? removed = null)
    {
        const string block = "graph_allocation";
        int n = spec.Nodes.Count;
        var index = new Dictionary<string, int>(n, StringComparer.Ordinal);
        var ids = new string[n];
        var kinds = new GraphNodeKind[n];
        for (int i = 0; i < n; i++)
        {
            var node = spec.Nodes[i];
            string field = $"{block}.nodes[{i}]";
            if (string.IsNullOrEmpty(node.Id)) throw new InvalidInputException("node id is empty", field: field + ".id");
            if (!index.TryAdd(node.Id, i)) throw new InvalidInputException($"duplicate node id '{node.Id}'", field: field + ".id");
            if (!Enum.IsDefined(node.Kind))
                throw new InvalidInputException($"node kind {(int)node.Kind} is not 1 (demand), 2 (supply), 3 (intermediate) or 4 (pump station)", field: field + ".kind");
            ids[i] = node.Id;
            kinds[i] = node.Kind;
        }

        var arcs = new List<Arc>(2 * spec.Edges.Count);
        for (int e = 0; e < spec.Edges.Count; e++)
        {
            var edge = spec.Edges[e];
            string field = $"{block}.edges[{e}]";
            int u = Lookup(index, edge.From, field + ".from");
            int v = Lookup(index, edge.To, field + ".to");
            if (!double.IsFinite(edge.Length) || edge.Length < 0)
                throw new InvalidInputException($"length must be a finite number >= 0 m, found {edge.Length}", field: field + ".length");
            if (!double.IsFinite(edge.CostFactor) || edge.CostFactor < 0)
                throw new InvalidInputException($"cost factor must be a finite number >= 0, found {edge.CostFactor}", field: field + ".cost_factor");
            double w = edge.Length * edge.CostFactor;
            AddIfAllowed(spec.Nodes, u, v, w, arcs, removed);
            if (!edge.Directed) AddIfAllowed(spec.Nodes, v, u, w, arcs, removed);
        }
        return new RoutingGraph(n, arcs, ids, kinds);
    }

    /// <summary>The Lishui case's pressure rule for one arc u→v: no climbing to a higher zone except out of a pump station.</summary>
    public static bool MayFlow(GraphNode from, GraphNode to) =>
        to.PressureZone <= from.PressureZone || from.Kind == GraphNodeKind.PumpStation;

    private static void AddIfAllowed(IReadOnlyList<GraphNode> nodes, int u, int v, double w, List<Arc> arcs, List<Arc>? removed)
    {
        var arc = new Arc(u, v, w);
        if (MayFlow(nodes[u], nodes[v])) arcs.Add(arc);
        else removed?.Add(arc);
    }

    private static int Lookup(Dictionary<string, int> index, string id, string field) =>
        index.TryGetValue(id ?? "", out int i) ? i : throw new InvalidInputException($"unknown node id '{id}'", field: field);
}
