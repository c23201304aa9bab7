using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Graphs;

/// <summary>What `paths` reports beside the matrices (docs/paths.md, "Output").</summary>
public sealed record AllPairsSummary(int NodeCount, int ArcCount, bool SinglePrecision, string Backend, string BackendDescription,
    double Seconds, double ReadSeconds)
{
    /// <summary>The node ids in matrix order, where the input named its nodes (a network or a scenario's graph): the
    /// full matrices then carry them as <c>nodes</c>, so that row i and column i can be told apart.</summary>
    public IReadOnlyList<string>? NodeIds { get; init; }
}

/// <summary>
/// Writes the full distance and successor matrices of `paths` as JSON or as one MessagePack map (docs/paths.md,
/// "Output" and "Binary result"), streamed: rows are formatted into pooled buffers and written as they are done, never
/// a whole-document string (at n = 2048 the JSON is 100 MB, and building it as text took longer than the solve).
/// </summary>
public static class AllPairsResultWriter
{
    private static readonly JsonWriterOptions HeaderOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The JSON answer: header keys, <c>dist</c> and <c>next</c> one compact row per line, and <c>warnings</c> last
    /// (the layout `paths --json` always had). Numbers are the shortest text that reads back to the same bits.
    /// A null <paramref name="next"/> (distances alone) leaves out <c>next</c> and says <c>"routes": false</c>.
    /// </summary>
    public static void WriteJson(Stream output, AllPairsSummary s, double[]? dd, float[]? df, int[]? next, IReadOnlyList<JsonWarning> warnings)
    {
        int n = s.NodeCount;
        var header = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(header, HeaderOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("n", n);
            w.WriteNumber("arcs", s.ArcCount);
            w.WriteString("precision", s.SinglePrecision ? "float" : "double");
            w.WriteString("backend", s.Backend);
            w.WriteString("backend_description", s.BackendDescription);
            w.WriteNumber("seconds", s.Seconds);
            w.WriteNumber("read_seconds", s.ReadSeconds);
            w.WriteNumber("relaxations_per_second", s.Seconds > 0 ? (double)n * n * n / s.Seconds : 0);
            w.WriteBoolean("negative_cycle", false);
            w.WriteBoolean("routes", next is not null);
            w.WriteString("version", ProductVersion.Text);
            if (s.NodeIds is { } ids)
            {
                w.WriteStartArray("nodes");
                foreach (string id in ids) w.WriteStringValue(id);
                w.WriteEndArray();
            }
            // The object stays open: the writer has emitted everything up to the last value.
        }
        output.Write(header.WrittenSpan);
        output.Write(",\n  \"dist\": "u8);
        WriteRows(output, n, (i, buffer) => FormatDistanceRow(i, n, dd, df, buffer));
        if (next is not null)
        {
            output.Write(",\n  \"next\": "u8);
            WriteRows(output, n, (i, buffer) => FormatSuccessorRow(i, n, next, buffer));
        }
        output.Write(",\n  \"warnings\": "u8);
        var tail = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(tail, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonOutput.WriteWarnings(w, warnings);
        }
        output.Write(tail.WrittenSpan);
        output.Write("\n}\n"u8);
    }

    /// <summary>
    /// Rows <c>[\n    [..],\n    [..]\n  ]</c>, formatted in parallel blocks of rows (shortest round-trip double
    /// formatting costs ~100 ns a number: half a second of one core at n = 2048) and written in order.
    /// </summary>
    private static void WriteRows(Stream output, int n, Action<int, ArrayBufferWriter<byte>> format)
    {
        if (n == 0)
        {
            output.Write("[]"u8);
            return;
        }
        output.Write("[\n    "u8);
        int block = Math.Clamp((1 << 20) / Math.Max(n, 1) / 16, 4, 256); // about 1 MB of text per block
        var buffers = new ArrayBufferWriter<byte>[Math.Min(block, n)];
        for (int b = 0; b < buffers.Length; b++) buffers[b] = new ArrayBufferWriter<byte>(n * 20 + 16);
        for (int start = 0; start < n; start += block)
        {
            int count = Math.Min(block, n - start);
            Parallel.For(0, count, r =>
            {
                var buffer = buffers[r];
                buffer.ResetWrittenCount();
                format(start + r, buffer);
            });
            for (int r = 0; r < count; r++)
            {
                if (start + r > 0) output.Write(",\n    "u8);
                output.Write(buffers[r].WrittenSpan);
            }
        }
        output.Write("\n  ]"u8);
    }

    // The row formatters and the MessagePack loops run once per process over n² values: optimized at once (no tier 0).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void FormatDistanceRow(int i, int n, double[]? dd, float[]? df, ArrayBufferWriter<byte> buffer)
    {
        var span = buffer.GetSpan(n * 26 + 2);
        int at = 0;
        span[at++] = (byte)'[';
        long e = (long)i * n;
        for (int j = 0; j < n; j++, e++)
        {
            if (j > 0) span[at++] = (byte)',';
            bool finite;
            int written;
            if (dd is not null)
            {
                double v = dd[e];
                finite = double.IsFinite(v);
                written = 0;
                if (finite && !v.TryFormat(span[at..], out written, default, CultureInfo.InvariantCulture)) throw new InvalidOperationException("row buffer too small");
            }
            else
            {
                float v = df![e];
                finite = float.IsFinite(v);
                written = 0;
                if (finite && !v.TryFormat(span[at..], out written, default, CultureInfo.InvariantCulture)) throw new InvalidOperationException("row buffer too small");
            }
            if (!finite)
            {
                "null"u8.CopyTo(span[at..]);
                written = 4;
            }
            at += written;
        }
        span[at++] = (byte)']';
        buffer.Advance(at);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void FormatSuccessorRow(int i, int n, int[] next, ArrayBufferWriter<byte> buffer)
    {
        var span = buffer.GetSpan(n * 12 + 2);
        int at = 0;
        span[at++] = (byte)'[';
        long e = (long)i * n;
        for (int j = 0; j < n; j++, e++)
        {
            if (j > 0) span[at++] = (byte)',';
            next[e].TryFormat(span[at..], out int written, default, CultureInfo.InvariantCulture);
            at += written;
        }
        span[at++] = (byte)']';
        buffer.Advance(at);
    }

    /// <summary>
    /// One MessagePack map with string keys <c>n, arcs, precision, backend, seconds, read_seconds, version, dist, next</c>;
    /// <c>dist</c> rows of float 64 (float 32 with --float) or nil where unreachable, <c>next</c> rows of integers
    /// (−1 where none). Written by hand in the specification's encodings (each value in its smallest form, as
    /// MessagePack-CSharp writes it) straight into the stream, row by row. <paramref name="packed"/>: <c>dist</c> and
    /// <c>next</c> are each one bin of the whole row-major matrix instead (<see cref="WritePacked"/>). A null
    /// <paramref name="next"/> (distances alone) leaves out <c>next</c>.
    /// </summary>
    public static void WriteMessagePack(Stream output, AllPairsSummary s, double[]? dd, float[]? df, int[]? next, bool packed = false)
    {
        int n = s.NodeCount;
        var head = new ArrayBufferWriter<byte>(256);
        var w = new MessagePack.MessagePackWriter(head);
        w.WriteMapHeader((next is null ? 8 : 9) + (s.NodeIds is null ? 0 : 1));
        WriteSummary(ref w, s);
        if (s.NodeIds is { } ids)
        {
            w.Write("nodes");
            w.WriteArrayHeader(ids.Count);
            foreach (string id in ids) w.Write(id);
        }
        w.Write("dist");
        if (packed)
        {
            w.Flush();
            output.Write(head.WrittenSpan);
            if (dd is not null) WritePacked(output, dd, (long)n * n);
            else WritePacked(output, df!, (long)n * n);
            if (next is null) return;
            head.ResetWrittenCount();
            w = new MessagePack.MessagePackWriter(head);
            w.Write("next");
            w.Flush();
            output.Write(head.WrittenSpan);
            WritePacked(output, next, (long)n * n);
            return;
        }
        w.WriteArrayHeader(n);
        w.Flush();
        output.Write(head.WrittenSpan);
        WriteRows(output, n, dd, df, next);
    }

    /// <summary>
    /// The pairs answer (`paths --from/--to --out FILE.wdn`) as one MessagePack map, the JSON answer's keys and values
    /// (docs/paths.md): <c>n, arcs, precision, backend, seconds, read_seconds, version, routes, pairs</c>; each pair <c>from, to,
    /// distance</c> (float 64 or 32, nil where unreachable) and <c>route</c> (node ids; absent without successors).
    /// </summary>
    public static void WritePairsMessagePack(ref MessagePack.MessagePackWriter w, RoutingGraph graph, AllPairsSummary s,
        int[] sources, int[] targets, int[]? next, double[]? dd, float[]? df)
    {
        int n = s.NodeCount;
        w.WriteMapHeader(9);
        WriteSummary(ref w, s);
        w.Write("routes");
        w.Write(next is not null);
        w.Write("pairs");
        w.WriteArrayHeader(sources.Length * targets.Length);
        foreach (int from in sources)
            foreach (int to in targets)
            {
                w.WriteMapHeader(next is null ? 3 : 4);
                w.Write("from");
                WriteNode(ref w, graph, from);
                w.Write("to");
                WriteNode(ref w, graph, to);
                w.Write("distance");
                int e = from * n + to;
                if (dd is not null && double.IsFinite(dd[e])) w.Write(dd[e]);
                else if (df is not null && float.IsFinite(df[e])) w.Write(df[e]);
                else w.WriteNil();
                if (next is null) continue;
                w.Write("route");
                var route = ShortestPathRoute.Reconstruct(next, n, from, to).ToArray();
                w.WriteArrayHeader(route.Length);
                foreach (int v in route) WriteNode(ref w, graph, v);
            }
    }

    /// <summary>A node as the input named it: its id for a named graph, its index otherwise.</summary>
    public static void WriteNode(ref MessagePack.MessagePackWriter w, RoutingGraph graph, int i)
    {
        if (graph.HasNamedIds) w.Write(graph.NodeIds[i]);
        else w.Write(i);
    }

    /// <summary>The seven keys every MessagePack answer of `paths` starts with.</summary>
    private static void WriteSummary(ref MessagePack.MessagePackWriter w, AllPairsSummary s)
    {
        w.Write("n");
        w.Write(s.NodeCount);
        w.Write("arcs");
        w.Write(s.ArcCount);
        w.Write("precision");
        w.Write(s.SinglePrecision ? "float" : "double");
        w.Write("backend");
        w.Write(s.Backend);
        w.Write("seconds");
        w.Write(s.Seconds);
        w.Write("read_seconds");
        w.Write(s.ReadSeconds);
        w.Write("version"); // the wdnaccel that wrote it, as every report states
        w.Write(ProductVersion.Text);
    }

    /// <summary>
    /// The row-by-row body of <see cref="WriteMessagePack"/> after the <c>dist</c> key and array header: the only hot
    /// loop, so only it is compiled fully optimized up front; the packed path, a few bulk writes, pays no such
    /// compile (~0.1 s of JIT when this was one method, measured on `paths --packed` at n = 2048).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static void WriteRows(Stream output, int n, double[]? dd, float[]? df, int[]? next)
    {
        var row = new byte[5 + (long)n * 9 > int.MaxValue ? throw new ArgumentOutOfRangeException(nameof(n)) : 5 + n * 9];
        for (int i = 0; i < n; i++)
        {
            int at = ArrayHeader(row, n);
            long e = (long)i * n;
            if (dd is not null)
            {
                for (int j = 0; j < n; j++, e++)
                {
                    double v = dd[e];
                    if (!double.IsFinite(v)) row[at++] = 0xc0; // nil
                    else
                    {
                        row[at] = 0xcb; // float 64
                        BinaryPrimitives.WriteDoubleBigEndian(row.AsSpan(at + 1), v);
                        at += 9;
                    }
                }
            }
            else
            {
                for (int j = 0; j < n; j++, e++)
                {
                    float v = df![e];
                    if (!float.IsFinite(v)) row[at++] = 0xc0;
                    else
                    {
                        row[at] = 0xca; // float 32
                        BinaryPrimitives.WriteSingleBigEndian(row.AsSpan(at + 1), v);
                        at += 5;
                    }
                }
            }
            output.Write(row, 0, at);
        }
        if (next is null) return;

        var head = new ArrayBufferWriter<byte>(16);
        var w = new MessagePack.MessagePackWriter(head);
        w.Write("next");
        w.WriteArrayHeader(n);
        w.Flush();
        output.Write(head.WrittenSpan);
        for (int i = 0; i < n; i++)
        {
            int at = ArrayHeader(row, n);
            long e = (long)i * n;
            for (int j = 0; j < n; j++, e++) at += Integer(row.AsSpan(at), next[e]);
            output.Write(row, 0, at);
        }
    }

    /// <summary>The largest matrix one MessagePack bin holds (bin 32: a 32-bit byte count).</summary>
    public const long MaxPackedBytes = uint.MaxValue;

    /// <summary>
    /// A bin 32 of the values in little-endian order (+∞ stays +∞ for an unreachable pair), which
    /// <c>numpy.frombuffer(b, "&lt;f8")</c> reads back without a parse: the array's own bytes (every platform .NET runs
    /// on is little-endian), in chunks because a span of bytes stops at 2 GiB.
    /// </summary>
    private static void WritePacked<T>(Stream output, T[] values, long count) where T : unmanaged
    {
        long total = count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (total > MaxPackedBytes) throw new ArgumentOutOfRangeException(nameof(count), "over the 4 GiB a MessagePack bin holds");
        Span<byte> header = stackalloc byte[5];
        header[0] = 0xc6; // bin 32
        BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)total);
        output.Write(header);
        const int ChunkValues = 1 << 20;
        for (long at = 0; at < count; at += ChunkValues)
            output.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan((int)at, (int)Math.Min(ChunkValues, count - at))));
    }

    private static int ArrayHeader(byte[] buffer, int count)
    {
        if (count < 16)
        {
            buffer[0] = (byte)(0x90 | count);
            return 1;
        }
        if (count <= ushort.MaxValue)
        {
            buffer[0] = 0xdc;
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(1), (ushort)count);
            return 3;
        }
        buffer[0] = 0xdd;
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1), (uint)count);
        return 5;
    }

    /// <summary>An int in its shortest MessagePack form (fixint, uint 8/16/32; −1..−32 as negative fixint).</summary>
    private static int Integer(Span<byte> b, int v)
    {
        if (v >= 0)
        {
            if (v < 128)
            {
                b[0] = (byte)v;
                return 1;
            }
            if (v <= byte.MaxValue)
            {
                b[0] = 0xcc;
                b[1] = (byte)v;
                return 2;
            }
            if (v <= ushort.MaxValue)
            {
                b[0] = 0xcd;
                BinaryPrimitives.WriteUInt16BigEndian(b[1..], (ushort)v);
                return 3;
            }
            b[0] = 0xce;
            BinaryPrimitives.WriteUInt32BigEndian(b[1..], (uint)v);
            return 5;
        }
        if (v >= -32)
        {
            b[0] = unchecked((byte)v);
            return 1;
        }
        b[0] = 0xd2; // int 32 (successors are never below −1; kept general)
        BinaryPrimitives.WriteInt32BigEndian(b[1..], v);
        return 5;
    }
}
