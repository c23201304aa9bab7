using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// Reads the plain graph input of `wdnaccel paths` (docs/paths.md):
/// <c>{"nodes": n, "edges": [[from, to, weight], ...]}</c>, 0-based node indices, directed arcs, finite weights
/// (negative allowed: negative cycles are detected and reported by the kernels). Errors name the field.
/// </summary>
/// <remarks>
/// Bytes are read token by token (<see cref="Utf8JsonReader"/>): no document tree and no string per number, so a
/// graph of 400,000 arcs reads in tens of milliseconds instead of building a million-node DOM first. Keys may come
/// in any order; unknown keys are skipped. A syntax error names the byte offset and, inside the edge list, the
/// edge it broke in (e.g. a truncated file).
/// </remarks>
public static class GraphJsonReader
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip };

    public static RoutingGraph ReadFile(string path)
    {
        InputFile.Require(path);
        return ReadFile(path, File.ReadAllBytes(path));
    }

    /// <summary>The graph in <paramref name="bytes"/>, read from <paramref name="path"/> (named in errors).</summary>
    public static RoutingGraph ReadFile(string path, byte[] bytes)
    {
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
        if (utf8.StartsWith(Encoding.UTF8.Preamble)) utf8 = utf8[3..];
        var reader = new Utf8JsonReader(utf8, Options);
        string? at = null; // the field being read, for syntax errors
        try
        {
            return ReadGraph(ref reader, utf8, ref at);
        }
        catch (JsonException e)
        {
            throw JsonSyntax.Invalid(e, utf8, reader.BytesConsumed, field: at);
        }
    }

    private static RoutingGraph ReadGraph(ref Utf8JsonReader r, ReadOnlySpan<byte> utf8, ref string? at)
    {
        if (!r.Read()) throw new InvalidInputException("empty input; expected a JSON object {\"nodes\": n, \"edges\": [...]}");
        if (r.TokenType != JsonTokenType.StartObject)
            throw new InvalidInputException($"expected a JSON object {{\"nodes\": n, \"edges\": [...]}}, found {Describe(ref r)}", line: LineAt(utf8, r.TokenStartIndex));
        int n = -1;
        List<Arc>? arcs = null;
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            // A property name. A key given twice is refused: a graph with two edge lists is a mistake.
            bool isNodes = r.ValueTextEquals("nodes"u8), isEdges = r.ValueTextEquals("edges"u8);
            Next(ref r);
            if (isNodes)
            {
                at = "nodes";
                if (n >= 0) throw new InvalidInputException("given twice", line: LineAt(utf8, r.TokenStartIndex), field: "nodes");
                if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out n) || n < 0)
                    throw new InvalidInputException(r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double big) ? NodeCountProblem(big) : $"expected a non-negative integer node count, found {Describe(ref r)}",
                        line: LineAt(utf8, r.TokenStartIndex), field: "nodes");
            }
            else if (isEdges)
            {
                at = "edges";
                if (arcs is not null) throw new InvalidInputException("given twice", line: LineAt(utf8, r.TokenStartIndex), field: "edges");
                if (r.TokenType != JsonTokenType.StartArray)
                    throw new InvalidInputException($"expected an array of [from, to, weight], found {Describe(ref r)}", line: LineAt(utf8, r.TokenStartIndex), field: "edges");
                arcs = ReadEdges(ref r, utf8, n, ref at);
            }
            else
            {
                r.Skip();
            }
            at = null;
        }
        if (n < 0) throw new InvalidInputException("missing node count", field: "nodes");
        if (arcs is null) throw new InvalidInputException("missing edge list", field: "edges");
        CheckIndices(arcs, n);
        return new RoutingGraph(n, arcs);
    }

    /// <summary>The arcs; indices are checked against <paramref name="n"/> here when the count came first, else afterwards.</summary>
    // Runs once per process over every arc: compiled optimized at once, not first as slow tier-0 code (measured: 0.2 s
    // of tier-0 time at 420,000 arcs, against 20 ms optimized).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static List<Arc> ReadEdges(ref Utf8JsonReader r, ReadOnlySpan<byte> utf8, int n, ref string? at)
    {
        // About 25 bytes per "[i,j,w]," in practice: a capacity guess that avoids most regrowth.
        var arcs = new List<Arc>((int)Math.Min(utf8.Length / 24, 1 << 24));
        int limit = n < 0 ? int.MaxValue : n;
        var pos = new EdgePosition("edges");
        try
        {
            while (Next(ref r) != JsonTokenType.EndArray)
            {
                pos.Edge = arcs.Count;
                pos.Item = -1;
                if (r.TokenType != JsonTokenType.StartArray)
                    throw new InvalidInputException($"expected [from, to, weight], found {Describe(ref r)}", line: LineAt(utf8, r.TokenStartIndex), field: pos.Field);
                pos.Item = 0;
                Next(ref r);
                int from = Index(ref r, utf8, limit, n, pos);
                pos.Item = 1;
                Next(ref r);
                int to = Index(ref r, utf8, limit, n, pos);
                pos.Item = 2;
                Next(ref r);
                if (r.TokenType == JsonTokenType.EndArray) throw Items(utf8, r, pos, 2);
                if (r.TokenType != JsonTokenType.Number || !r.TryGetDouble(out double w) || !double.IsFinite(w))
                    throw new InvalidInputException($"expected a finite number weight, found {Describe(ref r)}", line: LineAt(utf8, r.TokenStartIndex), field: pos.Field);
                if (Next(ref r) != JsonTokenType.EndArray) throw Items(utf8, r, pos, 4);
                arcs.Add(new Arc(from, to, w));
                pos.Edge = arcs.Count; // a file cut after this edge breaks where the next one would start
                pos.Item = -1;
            }
        }
        finally
        {
            at = pos.Field; // where a syntax error (a truncated file) left off
        }
        return arcs;
    }

    private static int Index(ref Utf8JsonReader r, ReadOnlySpan<byte> utf8, int limit, int n, EdgePosition pos)
    {
        if (r.TokenType == JsonTokenType.EndArray) throw Items(utf8, r, pos, pos.Item);
        if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out int v))
            throw new InvalidInputException($"expected an integer node index, found {Describe(ref r)}", line: LineAt(utf8, r.TokenStartIndex), field: pos.Field);
        if (v < 0 || v >= limit)
            throw new InvalidInputException($"node index {v} outside 0..{n - 1}", line: LineAt(utf8, r.TokenStartIndex), field: pos.Field);
        return v;
    }

    private static InvalidInputException Items(ReadOnlySpan<byte> utf8, Utf8JsonReader r, EdgePosition pos, int count) =>
        new(count > 3 ? "expected [from, to, weight], found more than 3 items" : $"expected [from, to, weight], found {count} item(s)",
            line: LineAt(utf8, r.TokenStartIndex), field: $"edges[{pos.Edge}]");

    /// <summary>Edges read before the node count are checked once it is known.</summary>
    internal static void CheckIndices(List<Arc> arcs, int n, string? file = null)
    {
        for (int e = 0; e < arcs.Count; e++)
        {
            var a = arcs[e];
            if ((uint)a.From >= (uint)n) throw new InvalidInputException($"node index {a.From} outside 0..{n - 1}", file, field: $"edges[{e}][0]");
            if ((uint)a.To >= (uint)n) throw new InvalidInputException($"node index {a.To} outside 0..{n - 1}", file, field: $"edges[{e}][1]");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new JsonException("the input ends early");
        return r.TokenType;
    }

    /// <summary>Reads a graph from an already parsed JSON value (e.g. a block inside a larger document).</summary>
    public static RoutingGraph Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidInputException($"expected a JSON object {{\"nodes\": n, \"edges\": [...]}}, found {Describe(root)}");
        if (!root.TryGetProperty("nodes", out var nodesEl))
            throw new InvalidInputException("missing node count", field: "nodes");
        if (nodesEl.ValueKind != JsonValueKind.Number || !nodesEl.TryGetInt32(out int n) || n < 0)
            throw new InvalidInputException(nodesEl.ValueKind == JsonValueKind.Number && nodesEl.TryGetDouble(out double big) ? NodeCountProblem(big) : $"expected a non-negative integer node count, found {Describe(nodesEl)}", field: "nodes");
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

    private static string Describe(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String => $"string \"{Truncate(r.GetString())}\"",
        JsonTokenType.Number => Truncate(Encoding.UTF8.GetString(r.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(r.ValueSequence) : r.ValueSpan.ToArray())),
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.EndArray => "the end of the array",
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => r.TokenType.ToString(),
    };

    private static string Truncate(string? s) => s is null ? "" : s.Length <= 40 ? s : s[..40] + "…";

    private static string Describe(JsonElement el) => el.ValueKind switch
    {
        JsonValueKind.String => $"string \"{el.GetString()}\"",
        JsonValueKind.Number => el.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => el.ValueKind.ToString().ToLowerInvariant(),
    };

    private static int LineAt(ReadOnlySpan<byte> s, long offset) => s[..(int)Math.Min(offset, s.Length)].Count((byte)'\n') + 1;

    /// <summary>What is wrong with a numeric node count that is no int: negative, fractional, or more nodes than any
    /// all-pairs run holds.</summary>
    internal static string NodeCountProblem(double value) =>
        value >= 0 && value == Math.Floor(value) && value > int.MaxValue
            ? $"{value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} nodes is more than any all-pairs run holds (at most 46,340: n² must fit an index)"
            : $"expected a non-negative integer node count, found {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
