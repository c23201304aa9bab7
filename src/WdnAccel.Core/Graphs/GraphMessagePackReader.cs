using System.Globalization;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// The MessagePack form of the `paths` graph input (docs/paths.md): a map with string keys
/// <c>{"nodes": n, "edges": [[from, to, weight], ...]}</c>, the same shape and rules as <see cref="GraphJsonReader"/>
/// (integer or float weights, finite; 0-based indices), or with the arcs as packed little-endian columns
/// <c>from</c>, <c>to</c>, <c>weight</c> (<see cref="PackedArcColumns"/>). Errors name the field.
/// </summary>
public static class GraphMessagePackReader
{
    /// <summary>
    /// Reads the bytes in one pass with MessagePack-CSharp's reader, no value tree (a tree of 1.6 million values for a
    /// 400,000-arc graph took longer than the arcs' Floyd–Warshall at n = 1024). Keys in any order; other keys are
    /// skipped (checked as MessagePack all the same). A truncated or malformed file names its byte offset and the
    /// edge it broke in.
    /// </summary>
    public static RoutingGraph Read(ReadOnlyMemory<byte> data, string? file = null) =>
        Read(data, file, stopAtScenarioKey: false)!;

    /// <summary>
    /// As <see cref="Read(ReadOnlyMemory{byte}, string?)"/>, but null when the map has a top-level <c>format</c> or
    /// <c>graph_allocation</c> key before it ends: a scenario, not a graph (RoutingGraphFiles reads it as one).
    /// </summary>
    public static RoutingGraph? TryRead(ReadOnlyMemory<byte> data, string? file = null) => Read(data, file, stopAtScenarioKey: true);

    private static RoutingGraph? Read(ReadOnlyMemory<byte> data, string? file, bool stopAtScenarioKey)
    {
        var reader = new Lib.MessagePackReader(data);
        string? at = null;
        try
        {
            var graph = ReadGraph(ref reader, file, ref at, stopAtScenarioKey);
            if (graph is not null && !reader.End) throw new InvalidInputException($"byte offset {reader.Consumed}: unexpected data after the graph map", file);
            return graph;
        }
        catch (Exception e) when (e is EndOfStreamException or Lib.MessagePackSerializationException or OverflowException)
        {
            string problem = e is EndOfStreamException ? "the input ends early (truncated file?)" : e.Message;
            throw new InvalidInputException($"byte offset {reader.Consumed}: {problem}", file, field: at, inner: e);
        }
    }

    private static RoutingGraph? ReadGraph(ref Lib.MessagePackReader r, string? file, ref string? at, bool stopAtScenarioKey)
    {
        if (r.End) throw new InvalidInputException("empty input; expected a map {nodes, edges}", file);
        if (r.NextMessagePackType != Lib.MessagePackType.Map)
            throw new InvalidInputException($"expected a map {{nodes, edges}}, found {TypeOf(ref r)}", file);
        int entries = r.ReadMapHeader();
        int n = -1;
        List<Arc>? arcs = null;
        PackedArcColumns? columns = null;
        for (int k = 0; k < entries; k++)
        {
            bool isNodes = false, isEdges = false;
            int column = -1;
            if (r.NextMessagePackType == Lib.MessagePackType.String && r.TryReadStringSpan(out var key))
            {
                isNodes = key.SequenceEqual("nodes"u8);
                isEdges = key.SequenceEqual("edges"u8);
                column = key.SequenceEqual("from"u8) ? 0 : key.SequenceEqual("to"u8) ? 1 : key.SequenceEqual("weight"u8) ? 2 : -1;
                if (stopAtScenarioKey && (key.SequenceEqual("format"u8) || key.SequenceEqual("graph_allocation"u8))) return null;
            }
            else
            {
                Skip(ref r, file); // a key that is not a short contiguous string is no key of ours
            }
            if (isNodes)
            {
                at = "nodes";
                if (n >= 0) throw new InvalidInputException("given twice", file, field: "nodes");
                if (r.NextMessagePackType != Lib.MessagePackType.Integer)
                    throw new InvalidInputException($"expected a non-negative integer node count, found {TypeOf(ref r)}", file, field: "nodes");
                double v = ReadIntegerValue(ref r);
                if (v is < 0 or > int.MaxValue) throw new InvalidInputException(GraphJsonReader.NodeCountProblem(v), file, field: "nodes");
                n = (int)v;
            }
            else if (isEdges)
            {
                at = "edges";
                if (arcs is not null) throw new InvalidInputException("given twice", file, field: "edges");
                if (r.NextMessagePackType != Lib.MessagePackType.Array)
                    throw new InvalidInputException($"expected an array of [from, to, weight], found {TypeOf(ref r)}", file, field: "edges");
                arcs = ReadEdges(ref r, n, file, ref at);
            }
            else if (column >= 0)
            {
                at = PackedArcColumns.Names[column];
                columns ??= new PackedArcColumns(file);
                columns.Read(ref r, column);
            }
            else
            {
                Skip(ref r, file);
            }
            at = null;
        }
        if (n < 0) throw new InvalidInputException("missing node count", file, field: "nodes");
        if (arcs is not null && columns is not null)
            throw new InvalidInputException("give the arcs either as 'edges' or as the packed columns 'from', 'to', 'weight', not both", file, field: "edges");
        if (columns is not null) return new RoutingGraph(n, columns.ToArcs(n));
        if (arcs is null) throw new InvalidInputException("missing edge list (or the packed columns 'from', 'to', 'weight')", file, field: "edges");
        GraphJsonReader.CheckIndices(arcs, n, file);
        return new RoutingGraph(n, arcs);
    }

    // Runs once per process over every arc: compiled optimized at once, not first as slow tier-0 code (measured: 0.2 s
    // of tier-0 time at 420,000 arcs, against 20 ms optimized).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static List<Arc> ReadEdges(ref Lib.MessagePackReader r, int n, string? file, ref string? at)
    {
        int count;
        var header = r.Sequence.Slice(r.Position);
        long headerOffset = r.Consumed;
        try
        {
            count = r.ReadArrayHeader(); // the library checks that the count fits what is left (a byte per element)
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidInputException($"byte offset {headerOffset}: the edge list announces {AnnouncedCount(System.Buffers.BuffersExtensions.ToArray(header.Slice(0, Math.Min(5, header.Length))))} edges " +
                $"but only {header.Length} bytes follow (truncated file?)", file, field: "edges", inner: e);
        }
        var arcs = new List<Arc>(count);
        long limit = n < 0 ? int.MaxValue : n;
        var pos = new EdgePosition(at);
        try
        {
            for (int e = 0; e < count; e++)
            {
                pos.Edge = e;
                pos.Item = -1;
                if (r.NextMessagePackType != Lib.MessagePackType.Array)
                    throw new InvalidInputException($"expected [from, to, weight], found {TypeOf(ref r)}", file, field: pos.Field);
                int items = r.ReadArrayHeader();
                if (items != 3) throw new InvalidInputException($"expected [from, to, weight], found {items} item(s)", file, field: pos.Field);
                pos.Item = 0;
                int from = Index(ref r, limit, n, file, pos);
                pos.Item = 1;
                int to = Index(ref r, limit, n, file, pos);
                pos.Item = 2;
                var type = r.NextMessagePackType;
                if (type is not (Lib.MessagePackType.Integer or Lib.MessagePackType.Float))
                    throw new InvalidInputException($"expected a finite number weight, found {TypeOf(ref r)}", file, field: pos.Field);
                double w = type == Lib.MessagePackType.Float ? r.ReadDouble() : ReadIntegerValue(ref r);
                if (!double.IsFinite(w))
                    throw new InvalidInputException($"expected a finite number weight, found {w.ToString(CultureInfo.InvariantCulture)}", file, field: pos.Field);
                arcs.Add(new Arc(from, to, w));
            }
        }
        finally
        {
            at = pos.Field; // where a library exception (truncation) left off
        }
        return arcs;
    }

    private static int Index(ref Lib.MessagePackReader r, long limit, int n, string? file, EdgePosition pos)
    {
        if (r.NextMessagePackType != Lib.MessagePackType.Integer)
            throw new InvalidInputException($"expected an integer node index, found {TypeOf(ref r)}", file, field: pos.Field);
        long v = ReadInteger(ref r);
        if (v < 0 || v >= limit) throw new InvalidInputException($"node index {v} outside 0..{n - 1}", file, field: pos.Field);
        return (int)v;
    }

    private static long AnnouncedCount(byte[] h) => h.Length == 0 ? 0 : h[0] switch
    {
        >= 0x90 and <= 0x9f => h[0] & 0x0f,
        0xdc when h.Length >= 3 => System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(h.AsSpan(1)),
        0xdd when h.Length >= 5 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(h.AsSpan(1)),
        _ => 0,
    };

    /// <summary>Any MessagePack integer as its value, a uint64 above <see cref="long.MaxValue"/> included (a weight of
    /// 10¹⁹ is 10¹⁹, as in JSON, not 2⁶³ − 1).</summary>
    private static double ReadIntegerValue(ref Lib.MessagePackReader r) =>
        r.NextCode == Lib.MessagePackCode.UInt64 ? r.ReadUInt64() : r.ReadInt64();

    /// <summary>Any MessagePack integer; one above <see cref="long.MaxValue"/> reads as <see cref="long.MaxValue"/> (out of every range here).</summary>
    private static long ReadInteger(ref Lib.MessagePackReader r) =>
        r.NextCode == Lib.MessagePackCode.UInt64 ? (long)Math.Min(r.ReadUInt64(), long.MaxValue) : r.ReadInt64();

    private static void Skip(ref Lib.MessagePackReader r, string? file) =>
        MessagePackTokenizer.ReadValue(ref r, new MessagePackTokens(), file: file);

    internal static string TypeOf(ref Lib.MessagePackReader r) => r.NextMessagePackType switch
    {
        Lib.MessagePackType.Nil => "nil",
        Lib.MessagePackType.Boolean => "a boolean",
        Lib.MessagePackType.Integer => "an integer",
        Lib.MessagePackType.Float => "a float",
        Lib.MessagePackType.String => "a string",
        Lib.MessagePackType.Binary => "binary data",
        Lib.MessagePackType.Array => "an array",
        Lib.MessagePackType.Map => "a map",
        Lib.MessagePackType.Extension => "an extension value",
        _ => $"the reserved byte 0x{r.NextCode:x2}",
    };
}
