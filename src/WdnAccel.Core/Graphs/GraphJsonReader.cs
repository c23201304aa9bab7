using System.Text.Json;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// Reads the plain graph input of `wdnaccel paths` (docs/paths.md):
/// <c>{"nodes": n, "edges": [[from, to, weight], ...]}</c>, 0-based node indices, directed arcs, finite weights
/// (negative allowed: negative cycles are detected and reported by the kernels). Errors name the field.
/// </summary>
public static class GraphJsonReader
{
    public static RoutingGraph ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Read(bytes);
        }
        catch (InvalidInputException e)
        {
            throw e.InFile(path);
        }
    }

    public static RoutingGraph Read(ReadOnlySpan<byte> utf8)
    {
        StrictText.CheckJson(utf8, null);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"not valid JSON: {e.Message}", line: e.LineNumber is { } l ? (int)l + 1 : null, inner: e);
        }
        using (doc)
        {
            return Read(doc.RootElement);
        }
    }

    /// <summary>Reads a graph from an already parsed JSON value (e.g. a block inside a larger document).</summary>
    public static RoutingGraph Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException($"expected a JSON object {{\"nodes\": n, \"edges\": [...]}}, found {root.ValueKind}");
        if (!root.TryGetProperty("nodes", out var nodesEl))
            throw new InvalidInputException("missing node count", field: "nodes");
        if (nodesEl.ValueKind != JsonValueKind.Number || !nodesEl.TryGetInt32(out int n) || n < 0)
            throw new InvalidInputException($"expected a non-negative integer node count, found {Describe(nodesEl)}", field: "nodes");
        if (!root.TryGetProperty("edges", out var edgesEl))
            throw new InvalidInputException("missing edge list", field: "edges");
        if (edgesEl.ValueKind != JsonValueKind.Array)
            throw new InvalidInputException($"expected an array of [from, to, weight], found {Describe(edgesEl)}", field: "edges");

        var arcs = new List<Arc>(edgesEl.GetArrayLength());
        int e = 0;
        foreach (var edge in edgesEl.EnumerateArray())
        {
            string field = $"edges[{e}]";
            if (edge.ValueKind != JsonValueKind.Array || edge.GetArrayLength() != 3)
                throw new InvalidInputException($"expected [from, to, weight], found {Describe(edge)}", field: field);
            int from = Index(edge[0], n, field + "[0]");
            int to = Index(edge[1], n, field + "[1]");
            var wEl = edge[2];
            if (wEl.ValueKind != JsonValueKind.Number || !wEl.TryGetDouble(out double w) || !double.IsFinite(w))
                throw new InvalidInputException($"expected a finite number weight, found {Describe(wEl)}", field: field + "[2]");
            arcs.Add(new Arc(from, to, w));
            e++;
        }
        return new RoutingGraph(n, arcs);
    }

    private static int Index(JsonElement el, int n, string field)
    {
        if (el.ValueKind != JsonValueKind.Number || !el.TryGetInt32(out int v))
            throw new InvalidInputException($"expected an integer node index, found {Describe(el)}", field: field);
        if (v < 0 || v >= n)
            throw new InvalidInputException($"node index {v} outside 0..{n - 1}", field: field);
        return v;
    }

    private static string Describe(JsonElement el) => el.ValueKind switch
    {
        JsonValueKind.String => $"string \"{el.GetString()}\"",
        JsonValueKind.Number => el.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => el.ValueKind.ToString().ToLowerInvariant(),
    };
}
