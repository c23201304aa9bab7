using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// The streaming graph readers and streamed matrix writers of `paths`: every way in and out gives the distances and
/// successors of the scalar reference solved here on the same arcs, bit for bit; broken files exit 2 naming the place.
/// </summary>
public sealed class PathsStreamedIoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wdnaccel-paths-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>Random arcs with parallel arcs, self-loops, integer weights and nodes nothing reaches.</summary>
    private static List<(int From, int To, double W)> RandomArcs(int n, int seed)
    {
        var rng = new Random(seed);
        var arcs = new List<(int, int, double)>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == n - 1 && n > 2) continue; // the last node reaches nothing
                if (rng.NextDouble() < 0.15) arcs.Add((i, j, rng.Next(3) == 0 ? rng.Next(1, 9) : Weight(rng)));
            }
        if (n > 1) arcs.Add((0, 1, 0.3)); // a parallel arc: the cheaper one counts
        return arcs;
    }

    /// <summary>Short decimals and full 17-digit doubles, so that the text round trip is exercised.</summary>
    private static double Weight(Random rng)
    {
        double raw = rng.NextDouble() * 10 + 0.01;
        int digits = rng.Next(1, 17);
        return digits == 16 ? raw : Math.Round(raw, digits);
    }

    private static (double[] Dist, int[] Next) Reference(int n, List<(int From, int To, double W)> arcs)
    {
        var d = new double[n * n];
        Array.Fill(d, double.PositiveInfinity);
        foreach (var (f, t, w) in arcs) d[f * n + t] = Math.Min(d[f * n + t], w);
        var next = new int[n * n];
        Assert.True(new ScalarBackend().AllPairsShortestPaths(d, next, n));
        return (d, next);
    }

    private string WriteJsonGraph(int n, List<(int From, int To, double W)> arcs, string name)
    {
        var sb = new StringBuilder($"{{\"edges\": [");
        sb.AppendJoin(",\n ", arcs.Select(a => $"[{a.From}, {a.To}, {a.W.ToString("R", CultureInfo.InvariantCulture)}]"));
        sb.Append($"], \"comment\": {{\"skipped\": [1, 2, {{\"x\": null}}]}}, \"nodes\": {n}}}"); // edges before nodes, an unknown key
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    private string WriteMessagePackGraph(int n, List<(int From, int To, double W)> arcs, string name)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, MessagePackEncoding.Encode((n, arcs), static (ref MessagePack.MessagePackWriter w, (int N, List<(int From, int To, double W)> Arcs) g) =>
        {
            w.WriteMapHeader(3);
            w.Write("meta");
            w.Write("ignored");
            w.Write("nodes");
            w.Write(g.N);
            w.Write("edges");
            w.WriteArrayHeader(g.Arcs.Count);
            foreach (var (f, t, x) in g.Arcs)
            {
                w.WriteArrayHeader(3);
                w.Write(f);
                w.Write(t);
                if (x == Math.Floor(x)) w.Write((long)x); // integer weights, as another encoder may write them
                else w.Write(x);
            }
        }));
        return path;
    }

    /// <summary>A null <paramref name="next"/>: distances alone, so the answer must have no <c>next</c>.</summary>
    private static void AssertJsonMatrices(string json, int n, double[] dist, int[]? next)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(n, root.GetProperty("n").GetInt32());
        Assert.True(root.GetProperty("read_seconds").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
        Assert.Equal(next is not null, root.GetProperty("routes").GetBoolean());
        var d = root.GetProperty("dist");
        Assert.Equal(next is not null, root.TryGetProperty("next", out var s));
        Assert.Equal(n, d.GetArrayLength());
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(n, d[i].GetArrayLength());
            for (int j = 0; j < n; j++)
            {
                double expected = dist[i * n + j];
                if (double.IsFinite(expected)) Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(d[i][j].GetDouble()));
                else Assert.Equal(JsonValueKind.Null, d[i][j].ValueKind);
                if (next is not null) Assert.Equal(next[i * n + j], s[i][j].GetInt32());
            }
        }
    }

    private static void AssertMessagePackMatrices(string path, int n, double[] dist, int[]? next)
    {
        var root = MessagePackValue.Decode(File.ReadAllBytes(path)); // MessagePack-CSharp reads what we wrote by hand
        Assert.Equal(n, root["n"]!.AsInt64());
        Assert.Equal("double", root["precision"]!.AsString());
        Assert.True(root["read_seconds"]!.AsDouble() >= 0);
        var d = root["dist"]!.AsArray();
        Assert.Equal(next is null, root["next"] is null);
        var s = next is null ? null : root["next"]!.AsArray();
        Assert.Equal(n, d.Count);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double expected = dist[i * n + j];
                var v = d[i].AsArray()[j];
                if (double.IsFinite(expected)) Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(v.AsDouble()));
                else Assert.Equal(MessagePackType.Nil, v.Type);
                if (next is not null) Assert.Equal(next[i * n + j], s![i].AsArray()[j].AsInt64());
            }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 2)]
    [InlineData(33, 3)]
    [InlineData(130, 4)]
    public void Every_input_and_output_form_gives_the_reference_matrices(int n, int seed)
    {
        var arcs = RandomArcs(n, seed);
        var (dist, next) = Reference(n, arcs);
        string json = WriteJsonGraph(n, arcs, "g.json");
        string mp = WriteMessagePackGraph(n, arcs, "g.msgpack");

        // JSON in, JSON on stdout (a string writer here) and JSON to a file (streamed to a temporary file, renamed).
        var (code, stdout, stderr) = Run("paths", json, "--json", "--backend", "simd");
        Assert.True(code == 0, stderr);
        AssertJsonMatrices(stdout, n, dist, next);
        string outJson = Path.Combine(_dir, "r.json");
        (code, _, stderr) = Run("paths", mp, "--out", outJson, "--backend", "simd");
        Assert.True(code == 0, stderr);
        AssertJsonMatrices(File.ReadAllText(outJson), n, dist, next);

        // MessagePack out from both inputs.
        foreach (var input in new[] { json, mp })
        {
            string outMp = Path.Combine(_dir, "r.wdn");
            (code, _, stderr) = Run("paths", input, "--out", outMp, "--backend", "simd");
            Assert.True(code == 0, stderr);
            AssertMessagePackMatrices(outMp, n, dist, next);
        }
        Assert.Empty(Directory.GetFiles(_dir, ".*tmp*")); // no temporary file left behind
    }

    /// <summary>--distances-only: the reference's distances bit for bit in every output form, and no next matrix.</summary>
    [Theory]
    [InlineData(7, 21, "scalar")]
    [InlineData(130, 22, "simd")]
    [InlineData(33, 23, "ilgpu-cpu")]
    public void Distances_only_gives_the_reference_distances_without_next(int n, int seed, string backend)
    {
        var arcs = RandomArcs(n, seed);
        var (dist, _) = Reference(n, arcs);
        string json = WriteJsonGraph(n, arcs, "g.json");
        var (code, stdout, stderr) = Run("paths", json, "--json", "--distances-only", "--backend", backend);
        Assert.True(code == 0, stderr);
        AssertJsonMatrices(stdout, n, dist, null);
        string outMp = Path.Combine(_dir, "r.wdn");
        (code, _, stderr) = Run("paths", json, "--out", outMp, "--distances-only", "--backend", backend);
        Assert.True(code == 0, stderr);
        AssertMessagePackMatrices(outMp, n, dist, null);
        (code, _, stderr) = Run("paths", json, "--out", outMp, "--packed", "--distances-only", "--backend", backend);
        Assert.True(code == 0, stderr);
        AssertPackedMatrices(outMp, n, dist, null);

        // Pairs: distances, no route.
        (code, stdout, stderr) = Run("paths", json, "--from", "0", "--to", $"{n - 1}", "--json", "--distances-only", "--backend", backend);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var pair = doc.RootElement.GetProperty("pairs")[0];
        Assert.False(pair.TryGetProperty("route", out _));
        Assert.False(doc.RootElement.GetProperty("routes").GetBoolean());
        double expected = dist[n - 1];
        if (double.IsFinite(expected)) Assert.Equal(expected, pair.GetProperty("distance").GetDouble());
        else Assert.Equal(JsonValueKind.Null, pair.GetProperty("distance").ValueKind);
    }

    [Fact]
    public void Float_matrices_are_written_with_float_text_and_float_32()
    {
        var arcs = new List<(int, int, double)> { (0, 1, 0.1), (1, 2, 0.2) };
        string json = WriteJsonGraph(3, arcs, "f.json");
        var (code, stdout, stderr) = Run("paths", json, "--json", "--float");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("0.3", doc.RootElement.GetProperty("dist")[0][2].GetRawText()); // 0.1f + 0.2f, shortest float text
        string outMp = Path.Combine(_dir, "f.wdn");
        (code, _, stderr) = Run("paths", json, "--out", outMp, "--float");
        Assert.True(code == 0, stderr);
        var bytes = File.ReadAllBytes(outMp);
        int at = bytes.AsSpan().IndexOf("dist"u8) + 4;
        Assert.Equal(0x93, bytes[at]);         // 3 rows
        Assert.Equal(0x93, bytes[at + 1]);     // row 0: 3 values
        Assert.Equal(0xca, bytes[at + 2]);     // float 32: d[0][0] = 0
        Assert.Equal(0f, BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(at + 3)));
        Assert.Equal(0.1f + 0.2f, BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(at + 2 + 5 + 5 + 1)));
    }

    [Fact]
    public void Negative_weights_are_accepted_and_a_negative_cycle_exits_3()
    {
        string ok = WriteJsonGraph(3, [(0, 1, 4), (1, 2, -3), (0, 2, 2)], "neg.json");
        var (code, stdout, stderr) = Run("paths", ok, "--json");
        Assert.True(code == 0, stderr);
        using (var doc = JsonDocument.Parse(stdout)) Assert.Equal(1, doc.RootElement.GetProperty("dist")[0][2].GetDouble());
        string cycle = WriteMessagePackGraph(2, [(0, 1, 1), (1, 0, -2)], "cycle.msgpack");
        (code, _, stderr) = Run("paths", cycle, "--json");
        Assert.Equal(3, code);
        Assert.Contains("negative cycle", stderr);
        string outMp = Path.Combine(_dir, "cycle.wdn");
        (code, _, _) = Run("paths", cycle, "--out", outMp);
        Assert.Equal(3, code);
        var root = MessagePackValue.Decode(File.ReadAllBytes(outMp)); // MessagePack, not JSON text
        Assert.True(root["negative_cycle"]!.AsBoolean());
        Assert.Equal([0L, 1L], root["negative_cycle_nodes"]!.AsArray().Select(v => v.AsInt64()));
        Assert.Null(root["dist"]);
    }

    public static TheoryData<string, string, string> BrokenJson => new()
    {
        // text, the field the message must name, a word of the problem
        { """{"nodes": 3, "edges": [[0, 1, 2.5], [1, 2""", "edges[1][1]", "not valid JSON" },      // truncated mid-edge: a number without its end
        { """{"nodes": 3, "edges": [[0, 1, 2.5], [1, 2, 1]""", "edges[2]", "not valid JSON" },      // truncated after an edge
        { """{"nodes": 3, "edges": [[0, 1, 2.5], [1, 2, "1"]]}""", "edges[1][2]", "string \"1\"" },  // weight as a string
        { """{"nodes": 3, "edges": [[0, 1, 2.5], [1, 2.5, 1]]}""", "edges[1][1]", "2.5" },          // fractional index
        { """{"nodes": 3, "edges": [[0, 1, 2.5], [1, 2, 1, 4]]}""", "edges[1]", "more than 3" },     // four items
        { """{"nodes": 3, "edges": [[0, 1, 2.5], {"from": 1}]}""", "edges[1]", "an object" },         // an object for an edge
        { """{"edges": [[0, 1, 1], [2, 7, 1]], "nodes": 3}""", "edges[1][1]", "outside 0..2" },      // out of range, count last
        { """{"nodes": 3, "edges": [[0, -1, 1]]}""", "edges[0][1]", "outside 0..2" },
        { """{"nodes": 3, "edges": [[0, 1, 1e400]]}""", "edges[0][2]", "finite" },                   // overflows to infinity
        { """{"nodes": 3, "nodes": 4, "edges": []}""", "nodes", "given twice" },
        { """{"nodes": true, "edges": []}""", "nodes", "true" },
    };

    [Theory]
    [MemberData(nameof(BrokenJson))]
    public void Broken_json_graphs_exit_2_naming_the_field(string text, string field, string problem)
    {
        string path = Path.Combine(_dir, "bad.json");
        File.WriteAllText(path, text);
        var (code, stdout, stderr) = Run("paths", path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"error: {path}, ", stderr);
        Assert.Contains($"field '{field}': ", stderr);
        Assert.Contains(problem, stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
    }

    [Fact]
    public void A_json_graph_cut_anywhere_exits_2_and_names_a_place()
    {
        var arcs = RandomArcs(12, 5);
        byte[] whole = File.ReadAllBytes(WriteJsonGraph(12, arcs, "whole.json"));
        string path = Path.Combine(_dir, "cut.json");
        for (int cut = 1; cut < whole.Length - 1; cut += 97)
        {
            File.WriteAllBytes(path, whole[..cut]);
            var (code, _, stderr) = Run("paths", path, "--from", "0", "--to", "1");
            Assert.True(code == 2, $"cut at {cut}: exit {code}: {stderr}");
            Assert.Matches(@", line \d+, byte \d+(, field '[^']+')?: not valid JSON: ", stderr);
            Assert.DoesNotContain("LineNumber", stderr);
            Assert.DoesNotContain("   at ", stderr);
        }
    }

    [Fact]
    public void A_messagepack_graph_cut_anywhere_exits_2_naming_the_place()
    {
        var arcs = RandomArcs(12, 6);
        byte[] whole = File.ReadAllBytes(WriteMessagePackGraph(12, arcs, "whole.msgpack"));
        int edgesStart = whole.AsSpan().IndexOf("edges"u8) + 5 + 3; // after the key and the array 16 header
        string path = Path.Combine(_dir, "cut.msgpack");
        for (int cut = edgesStart + 1; cut < whole.Length; cut += 13)
        {
            File.WriteAllBytes(path, whole[..cut]);
            var (code, _, stderr) = Run("paths", path);
            Assert.True(code == 2, $"cut at {cut}: exit {code}: {stderr}");
            // Either the edge it broke in, or the list whose announced length the bytes left cannot hold.
            Assert.Matches(@"field 'edges\[\d+\](\[\d\])?'|field 'edges': .*announces \d+ edges", stderr);
            Assert.Contains("byte offset", stderr);
            Assert.DoesNotContain("   at ", stderr);
        }
    }

    public static TheoryData<string, string, string> BrokenMessagePack => new()
    {
        { "index-string", "edges[0][1]", "a string" },
        { "weight-nil", "edges[0][2]", "nil" },
        { "weight-nan", "edges[0][2]", "NaN" },
        { "edge-map", "edges[0]", "a map" },
        { "edge-two", "edges[0]", "2 item(s)" },
        { "out-of-range", "edges[0][0]", "outside 0..1" },
        { "negative-count", "nodes", "-2" },
        { "trailing", null!, "unexpected data after the graph map" },
    };

    [Theory]
    [MemberData(nameof(BrokenMessagePack))]
    public void Broken_messagepack_graphs_exit_2_naming_the_field(string kind, string? field, string problem)
    {
        var bytes = MessagePackEncoding.Encode(kind, static (ref MessagePack.MessagePackWriter w, string k) =>
        {
            w.WriteMapHeader(2);
            w.Write("nodes");
            w.Write(k == "negative-count" ? -2 : 2);
            w.Write("edges");
            w.WriteArrayHeader(1);
            if (k == "edge-map")
            {
                w.WriteMapHeader(0);
                return;
            }
            w.WriteArrayHeader(k == "edge-two" ? 2 : 3);
            w.Write(k == "out-of-range" ? 5 : 0);
            if (k == "index-string") w.Write("1");
            else w.Write(1);
            if (k == "edge-two") return;
            if (k == "weight-nil") w.WriteNil();
            else w.Write(k == "weight-nan" ? double.NaN : 1.5);
        });
        if (kind == "trailing") bytes = [.. bytes, 0xc0];
        string path = Path.Combine(_dir, "bad.msgpack");
        File.WriteAllBytes(path, bytes);
        var (code, stdout, stderr) = Run("paths", path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(path, stderr);
        if (field is not null) Assert.Contains($"field '{field}'", stderr);
        Assert.Contains(problem, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>The packed form (docs/paths.md): columns of little-endian int32 indices and float64 or float32 weights.</summary>
    private string WritePackedGraph(int n, List<(int From, int To, double W)> arcs, string name, bool floatWeights = false)
    {
        var from = arcs.SelectMany(a => BitConverter.GetBytes(a.From)).ToArray();
        var to = arcs.SelectMany(a => BitConverter.GetBytes(a.To)).ToArray();
        var weight = floatWeights
            ? arcs.SelectMany(a => BitConverter.GetBytes((float)a.W)).ToArray()
            : arcs.SelectMany(a => BitConverter.GetBytes(a.W)).ToArray();
        return WritePackedColumns(n, name, from, to, weight);
    }

    private string WritePackedColumns(int n, string name, byte[]? from, byte[]? to, byte[]? weight, bool alsoEdges = false)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, MessagePackEncoding.Encode((n, from, to, weight, alsoEdges), static (ref MessagePack.MessagePackWriter w,
            (int N, byte[]? From, byte[]? To, byte[]? Weight, bool Edges) g) =>
        {
            w.WriteMapHeader(1 + (g.From is null ? 0 : 1) + (g.To is null ? 0 : 1) + (g.Weight is null ? 0 : 1) + (g.Edges ? 1 : 0));
            if (g.Weight is not null)
            {
                w.Write("weight"); // columns before the node count: keys come in any order
                w.Write(g.Weight);
            }
            w.Write("nodes");
            w.Write(g.N);
            if (g.From is not null)
            {
                w.Write("from");
                w.Write(g.From);
            }
            if (g.To is not null)
            {
                w.Write("to");
                w.Write(g.To);
            }
            if (g.Edges)
            {
                w.Write("edges");
                w.WriteArrayHeader(0);
            }
        }));
        return path;
    }

    private static void AssertPackedMatrices(string path, int n, double[] dist, int[]? next)
    {
        var root = MessagePackValue.Decode(File.ReadAllBytes(path)); // MessagePack-CSharp reads what we wrote by hand
        Assert.Equal(n, root["n"]!.AsInt64());
        Assert.Equal("double", root["precision"]!.AsString());
        Assert.Equal(MessagePackType.Binary, root["dist"]!.Type);
        var d = root["dist"]!.AsBinary().ToArray();
        Assert.Equal(n * n * 8, d.Length);
        Assert.Equal(next is null, root["next"] is null);
        var s = next is null ? [] : root["next"]!.AsBinary().ToArray();
        if (next is not null) Assert.Equal(n * n * 4, s.Length);
        for (int e = 0; e < n * n; e++)
        {
            // +inf where unreachable: the bits of the reference, whatever they are
            Assert.Equal(BitConverter.DoubleToInt64Bits(dist[e]), BinaryPrimitives.ReadInt64LittleEndian(d.AsSpan(e * 8)));
            if (next is not null) Assert.Equal(next[e], BinaryPrimitives.ReadInt32LittleEndian(s.AsSpan(e * 4)));
        }
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(7, 12)]
    [InlineData(33, 13)]
    [InlineData(130, 14)]
    public void Packed_columns_in_and_packed_matrices_out_give_the_reference(int n, int seed)
    {
        var arcs = RandomArcs(n, seed);
        var (dist, next) = Reference(n, arcs);
        string packed = WritePackedGraph(n, arcs, "g.packed.msgpack");
        string outMp = Path.Combine(_dir, "r.wdn");
        var (code, _, stderr) = Run("paths", packed, "--out", outMp, "--packed", "--backend", "simd");
        Assert.True(code == 0, stderr);
        AssertPackedMatrices(outMp, n, dist, next);
        // The packed input gives what the rows input gives, and the rows output of it is the reference too.
        (code, _, stderr) = Run("paths", packed, "--out", outMp, "--backend", "simd");
        Assert.True(code == 0, stderr);
        AssertMessagePackMatrices(outMp, n, dist, next);
        // From graph JSON to packed matrices.
        (code, _, stderr) = Run("paths", WriteJsonGraph(n, arcs, "g.json"), "--out", outMp, "--packed", "--backend", "scalar");
        Assert.True(code == 0, stderr);
        AssertPackedMatrices(outMp, n, dist, next);
    }

    [Fact]
    public void Packed_float32_weights_and_float_matrices()
    {
        var arcs = new List<(int, int, double)> { (0, 1, 0.1), (1, 2, 0.2) };
        string packed = WritePackedGraph(3, arcs, "f.packed.msgpack", floatWeights: true);
        string outMp = Path.Combine(_dir, "f.wdn");
        var (code, _, stderr) = Run("paths", packed, "--out", outMp, "--packed", "--float");
        Assert.True(code == 0, stderr);
        var root = MessagePackValue.Decode(File.ReadAllBytes(outMp));
        Assert.Equal("float", root["precision"]!.AsString());
        var d = root["dist"]!.AsBinary().ToArray();
        Assert.Equal(9 * 4, d.Length);
        Assert.Equal(0.1f + 0.2f, BinaryPrimitives.ReadSingleLittleEndian(d.AsSpan(2 * 4)));           // d[0][2]
        Assert.Equal(float.PositiveInfinity, BinaryPrimitives.ReadSingleLittleEndian(d.AsSpan(3 * 4))); // d[1][0]: unreachable
        var s = root["next"]!.AsBinary().ToArray();
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(s.AsSpan(2 * 4)));  // 0 → 2 goes through 1
        Assert.Equal(-1, BinaryPrimitives.ReadInt32LittleEndian(s.AsSpan(3 * 4))); // none from 1 to 0
    }

    public static TheoryData<string, string, string> BrokenPacked => new()
    {
        // kind, the field the message must name, a word of the problem
        { "from-array", "from", "binary data of little-endian int32" },
        { "from-odd", "from", "not a whole number of int32" },
        { "to-short", "to", "'from' holds 2 indices" },
        { "weight-short", "weight", "12 bytes, but 2 arcs need 16 (float64) or 8 (float32)" },
        { "to-out-of-range", "to[1]", "outside 0..2" },
        { "from-negative", "from[0]", "outside 0..2" },
        { "weight-nan", "weight[1]", "NaN" },
        { "weight-infinite", "weight[0]", "finite" },
        { "missing-to", "to", "come together" },
        { "both", "edges", "not both" },
    };

    [Theory]
    [MemberData(nameof(BrokenPacked))]
    public void Broken_packed_graphs_exit_2_naming_the_field(string kind, string field, string problem)
    {
        static byte[] Ints(params int[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();
        static byte[] Doubles(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();
        byte[]? from = kind switch
        {
            "from-odd" => [0, 0, 0, 0, 1, 0, 0],
            "from-negative" => Ints(-1, 1),
            _ => Ints(0, 1),
        };
        byte[]? to = kind switch
        {
            "to-short" => Ints(1),
            "to-out-of-range" => Ints(1, 3),
            "missing-to" => null,
            _ => Ints(1, 2),
        };
        byte[] weight = kind switch
        {
            "weight-short" => [.. Doubles(1.5), 0, 0, 0, 0], // 12 bytes: neither 2 float64 nor 2 float32
            "weight-nan" => Doubles(1.5, double.NaN),
            "weight-infinite" => Doubles(double.PositiveInfinity, 1),
            _ => Doubles(1.5, 2.5),
        };
        string path;
        if (kind == "from-array")
        {
            path = Path.Combine(_dir, "bad.msgpack");
            File.WriteAllBytes(path, MessagePackEncoding.Encode(0, static (ref MessagePack.MessagePackWriter w, int _) =>
            {
                w.WriteMapHeader(4);
                w.Write("nodes");
                w.Write(3);
                w.Write("from");
                w.WriteArrayHeader(2);
                w.Write(0);
                w.Write(1);
                w.Write("to");
                w.Write(new byte[8]);
                w.Write("weight");
                w.Write(new byte[16]);
            }));
        }
        else
        {
            path = WritePackedColumns(3, "bad.msgpack", from, to, weight, alsoEdges: kind == "both");
        }
        var (code, stdout, stderr) = Run("paths", path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(path, stderr);
        Assert.Contains($"field '{field}'", stderr);
        Assert.Contains(problem, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void A_packed_graph_cut_anywhere_exits_2_naming_the_place()
    {
        var arcs = RandomArcs(9, 8);
        byte[] whole = File.ReadAllBytes(WritePackedGraph(9, arcs, "whole.packed.msgpack"));
        string path = Path.Combine(_dir, "cut.msgpack");
        for (int cut = 1; cut < whole.Length; cut += 7)
        {
            File.WriteAllBytes(path, whole[..cut]);
            var (code, _, stderr) = Run("paths", path);
            Assert.True(code == 2, $"cut at {cut}: exit {code}: {stderr}");
            Assert.Contains("byte offset", stderr);
            Assert.DoesNotContain("   at ", stderr);
        }
    }

    [Fact]
    public void Packed_needs_a_messagepack_out_file()
    {
        string json = WriteJsonGraph(2, [(0, 1, 1)], "p.json");
        var (code, stdout, stderr) = Run("paths", json, "--json", "--packed");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--packed", stderr);
        Assert.Contains("--out FILE.wdn", stderr);
        (code, _, stderr) = Run("paths", json, "--out", Path.Combine(_dir, "p.json.out.json"), "--packed");
        Assert.Equal(2, code);
        Assert.False(File.Exists(Path.Combine(_dir, "p.json.out.json")));
    }
}
