using WdnAccel.Cli.Tests.Support;
using System.Text.Json;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Cli.Tests.Verbs;

public sealed class PathsVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wdnaccel-paths-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // 0→1 7, 0→2 9, 0→5 14, 1→2 10, 1→3 15, 2→3 11, 2→5 2, 3→4 6, 5→4 9 (directed).
    // By hand: 0→4 = 0-2-5-4 = 20, 0→3 = 0-2-3 = 20, 0→5 = 0-2-5 = 11; nothing reaches 0.
    private const string Graph = """
        {"nodes": 6, "edges": [[0,1,7],[0,2,9],[0,5,14],[1,2,10],[1,3,15],[2,3,11],[2,5,2],[3,4,6],[5,4,9]]}
        """;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Graph_too_large_for_the_matrices_is_a_clear_input_error()
    {
        string g = Write("huge.json", "{\"nodes\": 50000, \"edges\": [[0, 1, 1.0]]}");
        var (code, stdout, stderr) = Run("paths", g, "--from", "0", "--to", "1");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("field 'nodes'", stderr);
        Assert.Contains("50,000 nodes", stderr);
        Assert.Contains("at most 46,340 nodes", stderr);
        Assert.DoesNotContain("internal error", stderr);
    }

    [Theory]
    [InlineData("scalar", false)]
    [InlineData("simd", false)]
    [InlineData("simd", true)]
    public void Json_has_dist_with_nulls_and_successors(string backend, bool single)
    {
        string g = Write("g.json", Graph);
        var args = new List<string> { "paths", g, "--json", "--backend", backend };
        if (single) args.Add("--float");
        var (code, stdout, stderr) = Run([.. args]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(6, root.GetProperty("n").GetInt32());
        Assert.Equal(backend, root.GetProperty("backend").GetString());
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
        var dist = root.GetProperty("dist");
        Assert.Equal(20, dist[0][4].GetDouble());
        Assert.Equal(20, dist[0][3].GetDouble());
        Assert.Equal(11, dist[0][5].GetDouble());
        Assert.Equal(JsonValueKind.Null, dist[4][0].ValueKind);
        var next = root.GetProperty("next");
        Assert.Equal(2, next[0][4].GetInt32());
        Assert.Equal(5, next[2][4].GetInt32());
        Assert.Equal(-1, next[4][0].GetInt32());
        Assert.Equal(3, next[3][3].GetInt32());
    }

    [Fact]
    public void From_and_to_give_distance_and_route_per_pair()
    {
        string g = Write("g.json", Graph);
        var (code, stdout, stderr) = Run("paths", g, "--from", "0,4", "--to", "4", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var pairs = doc.RootElement.GetProperty("pairs");
        Assert.Equal(2, pairs.GetArrayLength());
        Assert.Equal(20, pairs[0].GetProperty("distance").GetDouble());
        Assert.Equal([0, 2, 5, 4], pairs[0].GetProperty("route").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal(0, pairs[1].GetProperty("distance").GetDouble()); // 4→4
        Assert.False(doc.RootElement.TryGetProperty("dist", out _));

        var (code2, text, _) = Run("paths", g, "--from", "1", "--to", "0,4");
        Assert.Equal(0, code2);
        Assert.Contains("1 -> 0: unreachable", text);
        Assert.Contains("1 -> 4: 21  (1 > 3 > 4)", text);
    }

    /// <summary>With --from/--to a MessagePack answer holds the pairs, as the JSON one does, not the full matrices.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void From_and_to_with_a_messagepack_out_file_write_the_pairs(bool distancesOnly)
    {
        string g = Write("g.json", Graph);
        string outFile = Path.Combine(_dir, "pairs.wdn");
        var args = new List<string> { "paths", g, "--from", "0,4", "--to", "4,3", "--out", outFile };
        if (distancesOnly) args.Add("--distances-only");
        var (code, _, stderr) = Run([.. args]);
        Assert.True(code == 0, stderr);
        Assert.Contains($"wrote {outFile}", stderr);
        var root = MessagePackValue.Decode(File.ReadAllBytes(outFile));
        Assert.Null(root["dist"]);
        Assert.Equal(!distancesOnly, root["routes"]!.AsBoolean());
        var pairs = root["pairs"]!.AsArray();
        Assert.Equal(4, pairs.Count); // (0,4) (0,3) (4,4) (4,3)
        Assert.Equal(0, pairs[0]["from"]!.AsInt64());
        Assert.Equal(4, pairs[0]["to"]!.AsInt64());
        Assert.Equal(20, pairs[0]["distance"]!.AsDouble());
        Assert.Equal(20, pairs[1]["distance"]!.AsDouble());
        Assert.Equal(0, pairs[2]["distance"]!.AsDouble());
        Assert.Equal(MessagePackType.Nil, pairs[3]["distance"]!.Type); // nothing leaves 4 towards 3
        if (distancesOnly)
        {
            Assert.Null(pairs[0]["route"]);
            return;
        }
        Assert.Equal([0L, 2, 5, 4], pairs[0]["route"]!.AsArray().Select(v => v.AsInt64()));
        Assert.Empty(pairs[3]["route"]!.AsArray());
    }

    [Fact]
    public void Packed_matrices_and_chosen_pairs_together_exit_2()
    {
        string g = Write("g.json", Graph);
        var (code, _, stderr) = Run("paths", g, "--from", "0", "--out", Path.Combine(_dir, "x.wdn"), "--packed");
        Assert.Equal(2, code);
        Assert.Contains("field '--packed'", stderr);
        Assert.Contains("--from/--to", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "x.wdn")));
    }

    /// <summary>Node names of a network are not a range: the error lists the first few instead.</summary>
    [Fact]
    public void Unknown_node_of_a_network_lists_its_first_names()
    {
        string inp = Path.Combine(RepoPaths.Root, "data", "networks", "HAN.inp");
        var (code, _, stderr) = Run("paths", inp, "--from", "1", "--to", "99");
        Assert.Equal(2, code);
        Assert.Contains("unknown node '99'", stderr);
        Assert.Contains("the graph has 32 node(s): 2, 3, 4, 5, 6, …", stderr);
        (code, _, stderr) = Run("paths", inp, "--from", "plants");
        Assert.Equal(2, code);
        Assert.Contains("give node ids", stderr);
        (code, _, stderr) = Run("paths", Write("g.json", Graph), "--to", "9");
        Assert.Equal(2, code);
        Assert.Contains("the graph's nodes are 0..5", stderr);
    }

    [Fact]
    public void Out_json_writes_the_file()
    {
        string g = Write("g.json", Graph);
        string outFile = Path.Combine(_dir, "result.json");
        var (code, _, stderr) = Run("paths", g, "--out", outFile);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(outFile));
        Assert.Equal(9, doc.RootElement.GetProperty("dist")[1][2].GetDouble() - 1); // 1→2 = 10
    }

    [Fact]
    public void Negative_cycle_exits_3_and_names_the_nodes()
    {
        string g = Write("neg.json", """{"nodes": 3, "edges": [[0, 1, 1.5], [1, 2, -2], [2, 1, 0.5]]}""");
        var (code, stdout, stderr) = Run("paths", g, "--json");
        Assert.Equal(3, code);
        Assert.Contains("negative cycle", stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.True(doc.RootElement.GetProperty("negative_cycle").GetBoolean());
        Assert.Equal([1, 2], doc.RootElement.GetProperty("negative_cycle_nodes").EnumerateArray().Select(v => v.GetInt32()));
    }

    [Theory]
    [InlineData("""{"nodes": 3, "edges": [[0, 1""", "not valid JSON")]
    [InlineData("""{"nodes": 2, "edges": [[0, 5, 1]]}""", "field 'edges[0][1]'")]
    [InlineData("""{"nodes": 2, "edges": [[0, 1, "x"]]}""", "field 'edges[0][2]'")]
    [InlineData("""{"nodes": true, "edges": []}""", "field 'nodes'")]
    public void Broken_graph_files_exit_2_naming_file_and_field(string json, string expected)
    {
        string g = Write("bad.json", json);
        var (code, _, stderr) = Run("paths", g, "--json");
        Assert.Equal(2, code);
        Assert.Contains(g, stderr);
        Assert.Contains(expected, stderr);
    }

    /// <summary>Weights whose route sums overflow would come back as "unreachable" (+∞), or, past float's range, lose
    /// their arc: refused, naming the file, the edge and the way out.</summary>
    [Theory]
    [InlineData("""{"nodes": 3, "edges": [[0, 1, 1e308], [1, 2, 1e308]]}""", false, "edge 0->1 has weight 1E+308: a route of up to 2 edges could sum past the double range")]
    [InlineData("""{"nodes": 3, "edges": [[0, 1, 1], [1, 2, -1e39]]}""", true, "edge 1->2 has weight -1E+39, beyond the float range (±3.40282347E+38): leave out --float, or scale the weights down")]
    [InlineData("""{"nodes": 3, "edges": [[0, 1, 1e38], [1, 2, 2e38]]}""", true, "edge 1->2 has weight 2E+38: a route of up to 2 edges could sum past the float range")]
    public void Weights_whose_routes_overflow_exit_2_naming_the_edge(string json, bool single, string expected)
    {
        string g = Write("huge.json", json);
        var (code, _, stderr) = Run(["paths", g, "--json", .. single ? new[] { "--float" } : []]);
        Assert.Equal(2, code);
        Assert.Contains($"{g}, field 'edges': {expected}", stderr);
    }

    /// <summary>Huge weights no route uses are harmless: a positive self-loop (the diagonal is min(w, 0)) and a dearer
    /// parallel arc (the cheapest counts).</summary>
    [Theory]
    [InlineData("""{"nodes": 3, "edges": [[0, 1, 1], [1, 2, 1], [2, 2, 1e308]]}""")]
    [InlineData("""{"nodes": 3, "edges": [[0, 1, 1e308], [0, 1, 1], [1, 2, 1]]}""")]
    public void Huge_weights_no_route_can_use_are_accepted(string json)
    {
        var (code, stdout, stderr) = Run("paths", Write("unused.json", json), "--from", "0", "--to", "2", "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal(2, JsonDocument.Parse(stdout).RootElement.GetProperty("pairs")[0].GetProperty("distance").GetDouble());
    }

    [Fact]
    public void Weights_just_inside_the_range_give_the_finite_sum()
    {
        // Two edges of 8e307 sum to 1.6e308, below double's largest: the route is found, not reported unreachable.
        string g = Write("large.json", """{"nodes": 3, "edges": [[0, 1, 8e307], [1, 2, 8e307]]}""");
        var (code, stdout, _) = Run("paths", g, "--from", "0", "--to", "2", "--json");
        Assert.Equal(0, code);
        Assert.Contains("1.6E+308", stdout);
    }

    /// <summary>
    /// A negative cycle among many nodes with negative closed walks: every node of a strongly connected graph reaches the
    /// cycle 10 ⇄ 11 and back, so all 300 have a negative diagonal, but the answer names the cycle itself.
    /// </summary>
    [Theory]
    [InlineData("scalar")]
    [InlineData("simd")]
    public void A_negative_cycle_is_named_by_its_arcs_not_only_by_the_nodes_that_reach_it(string backend)
    {
        const int n = 300;
        var rng = new Random(5);
        var edges = new List<string>();
        for (int i = 0; i < n; i++) edges.Add($"[{i},{(i + 1) % n},{1 + rng.Next(9)}]"); // a ring: strongly connected
        for (int e = 0; e < 600; e++) edges.Add($"[{rng.Next(n)},{rng.Next(n)},{1 + rng.Next(9)}]");
        edges.Add("[10,11,-50]");
        edges.Add("[11,10,1]");
        string g = Write("negc.json", $"{{\"nodes\": {n}, \"edges\": [{string.Join(",", edges)}]}}");
        var (code, stdout, stderr) = Run("paths", g, "--json", "--backend", backend);
        Assert.Equal(3, code);
        var doc = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(n, doc.GetProperty("negative_cycle_nodes").GetArrayLength());
        var cycle = doc.GetProperty("negative_cycle_route").EnumerateArray().Select(e => e.GetInt32()).Order().ToArray();
        Assert.Equal([10, 11], cycle);
        Assert.Matches(@"negative cycle (10 > 11 > 10|11 > 10 > 11) \(total weight below 0\)", stderr);
        // Without successors the cycle cannot be traced, and the message says how to get it.
        var (code2, _, stderr2) = Run("paths", g, "--distances-only", "--backend", backend);
        Assert.Equal(3, code2);
        Assert.Contains("without --distances-only one such cycle is named", stderr2);
    }

    [Fact]
    public void Out_writes_the_answer_besides_the_normal_output()
    {
        string g = Write("g.json", Graph);
        string file = Path.Combine(_dir, "answer.json"), packed = Path.Combine(_dir, "answer.wdn");
        var (code, stdout, _) = Run("paths", g, "--json", "--out", file);
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(file).TrimEnd(), stdout.TrimEnd()); // the same document, not an empty stdout
        var (_, text, _) = Run("paths", g, "--out", file);
        Assert.Contains("ordered pairs reachable", text);
        var (_, note, _) = Run("paths", g, "--json", "--out", packed);
        Assert.Equal(packed, JsonDocument.Parse(note).RootElement.GetProperty("answer").GetString());
        // A negative cycle with a MessagePack --out: the cycle's JSON on stdout too.
        var (cycleCode, cycle, _) = Run("paths", CliRunner.Data("graphs", "negative-cycle.json"), "--json", "--out", packed);
        Assert.Equal(3, cycleCode);
        Assert.True(JsonDocument.Parse(cycle).RootElement.GetProperty("negative_cycle").GetBoolean());
    }

    [Theory]
    [InlineData("""{"nodes": 3, "edges": [[0,1,2],]}""", "The JSON array contains a trailing comma at the end.")]
    [InlineData("", "The input does not contain any JSON tokens. Expected the input to start with a valid JSON token.")]
    public void Json_syntax_errors_leave_out_advice_about_the_readers_settings(string text, string expected)
    {
        var (code, _, stderr) = Run("paths", Write("syntax.json", text));
        Assert.Equal(2, code);
        Assert.Contains($"not valid JSON: {expected}", stderr);
        Assert.DoesNotContain("reader options", stderr);
        Assert.DoesNotContain("isFinalBlock", stderr);
    }

    [Fact]
    public void A_cut_json_graph_names_line_byte_and_field_without_the_dotnet_suffix()
    {
        string g = Write("cut.json", """{"nodes": 3, "edges": [[0, 1""");
        var (code, _, stderr) = Run("paths", g, "--json");
        Assert.Equal(2, code);
        Assert.Contains($"{g}, line 1, byte 29, field 'edges[0][1]': not valid JSON: ", stderr);
        Assert.DoesNotContain("LineNumber", stderr);
    }

    [Theory]
    [InlineData("--from", "plants", "node kinds")]
    [InlineData("--to", "7", "unknown node '7'")]
    [InlineData("--out", "x.txt", "output format")]
    public void Bad_options_exit_2(string option, string value, string expected)
    {
        string g = Write("g.json", Graph);
        if (option == "--out") value = Path.Combine(_dir, value);
        var (code, _, stderr) = Run("paths", g, option, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Missing_file_and_unknown_backend_exit_2()
    {
        Assert.Equal(2, Run("paths", Path.Combine(_dir, "none.json")).Code);
        string g = Write("g.json", Graph);
        Assert.Equal(2, Run("paths", g, "--backend", "quantum").Code); // a usage error: 4 is for a backend this machine lacks
    }
}
