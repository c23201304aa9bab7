using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// The MessagePack form of the `paths` graph input (docs/paths.md): a map with string keys
/// <c>{"nodes": n, "edges": [[from, to, weight], ...]}</c>, the same shape and rules as <see cref="GraphJsonReader"/>
/// (integer or float weights, finite; 0-based indices). Errors name the field.
/// </summary>
public static class GraphMessagePackReader
{
    public static RoutingGraph Read(ReadOnlyMemory<byte> data, string? file = null) => Read(MessagePackValue.Decode(data, file), file);

    /// <summary>The graph in an already decoded value.</summary>
    public static RoutingGraph Read(MessagePackValue root, string? file = null)
    {
        if (root.Type != MessagePackType.Map) throw new InvalidInputException($"expected a map {{nodes, edges}}, found {root.Type}", file);
        var nodesV = root["nodes"] ?? throw new InvalidInputException("missing node count", file, field: "nodes");
        if (nodesV.Type != MessagePackType.Integer || nodesV.IsNegative || nodesV.AsUInt64() > int.MaxValue)
            throw new InvalidInputException($"expected a non-negative integer node count, found {nodesV.Type}", file, field: "nodes");
        int n = (int)nodesV.AsUInt64();
        var edgesV = root["edges"] ?? throw new InvalidInputException("missing edge list", file, field: "edges");
        if (edgesV.Type != MessagePackType.Array) throw new InvalidInputException($"expected an array of [from, to, weight], found {edgesV.Type}", file, field: "edges");
        var edges = edgesV.AsArray();
        var arcs = new List<Arc>(edges.Count);
        for (int e = 0; e < edges.Count; e++)
        {
            string field = $"edges[{e}]";
            var edge = edges[e];
            if (edge.Type != MessagePackType.Array || edge.AsArray().Count != 3)
                throw new InvalidInputException("expected [from, to, weight]", file, field: field);
            var items = edge.AsArray();
            int from = Index(items[0], n, file, field + "[0]");
            int to = Index(items[1], n, file, field + "[1]");
            var w = items[2];
            if (w.Type is not (MessagePackType.Integer or MessagePackType.Float) || !double.IsFinite(w.AsDouble()))
                throw new InvalidInputException($"expected a finite number weight, found {(w.Type == MessagePackType.Float ? w.AsDouble().ToString(System.Globalization.CultureInfo.InvariantCulture) : w.Type.ToString())}", file, field: field + "[2]");
            arcs.Add(new Arc(from, to, w.AsDouble()));
        }
        return new RoutingGraph(n, arcs);
    }

    private static int Index(MessagePackValue v, int n, string? file, string field)
    {
        if (v.Type != MessagePackType.Integer) throw new InvalidInputException($"expected an integer node index, found {v.Type}", file, field: field);
        long i = v.IsNegative ? -1 : v.AsUInt64() > int.MaxValue ? int.MaxValue : (long)v.AsUInt64();
        if (v.IsNegative || i >= n) throw new InvalidInputException($"node index {(v.IsNegative ? v.AsInt64() : (long)v.AsUInt64())} outside 0..{n - 1}", file, field: field);
        return (int)i;
    }
}
