using WdnAccel.Cli.Tests.Support;
using System.Text.Json;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>`paths` on scenario files (the Lishui case direction rules) and MessagePack graphs, and `.wdn` matrix output.</summary>
public sealed class PathsInputFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wdnaccel-paths-fmt-").FullName;
    private static readonly string Zoned = Path.Combine(AppContext.BaseDirectory, "TestData", "Paths", "zoned-scenario.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private delegate void WeightWriter(ref MessagePack.MessagePackWriter w);

    /// <summary>A MessagePack graph of 2 nodes and the one arc 0 → <paramref name="to"/>, its weight as <paramref name="weight"/> writes it.</summary>
    private string OneArcGraph(string name, int to, WeightWriter weight)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, MessagePackEncoding.Encode((to, weight), static (ref MessagePack.MessagePackWriter w, (int To, WeightWriter Weight) arc) =>
        {
            w.WriteMapHeader(2);
            w.Write("nodes");
            w.Write(2);
            w.Write("edges");
            w.WriteArrayHeader(1);
            w.WriteArrayHeader(3);
            w.Write(0);
            w.Write(arc.To);
            arc.Weight(ref w);
        }));
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
    public void Scenario_plants_to_demands_follow_the_pump_station_rule()
    {
        var (code, stdout, stderr) = Run("paths", Zoned, "--from", "plants", "--to", "demands", "--json", "--backend", "simd");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var pairs = doc.RootElement.GetProperty("pairs").EnumerateArray().ToDictionary(p => p.GetProperty("to").GetString()!);
        Assert.Equal(["D1", "H", "M"], pairs.Keys.Order());
        // By hand: P→J 500×1.2 = 600, J→PS 300, PS→H 800×1.5 = 1200 (J→H and P→M climb without a pump), H→M 200.
        Assert.Equal(2100, pairs["H"].GetProperty("distance").GetDouble());
        Assert.Equal(2300, pairs["M"].GetProperty("distance").GetDouble());
        Assert.Equal(["P", "J", "PS", "H", "M"], pairs["M"].GetProperty("route").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(1000, pairs["D1"].GetProperty("distance").GetDouble());
    }

    [Fact]
    public void A_MessagePack_scenario_under_any_name_is_read_as_the_scenario()
    {
        // The graph reader goes first on every MessagePack map; a scenario's format key sends it to the scenario reader.
        var scenario = WdnAccel.Core.Io.Scenarios.ScenarioCodec.ReadJson(File.ReadAllText(Zoned), Zoned);
        string mp = Path.Combine(_dir, "zoned.msgpack");
        File.WriteAllBytes(mp, WdnAccel.Core.Io.Scenarios.ScenarioCodec.WriteWdn(scenario));
        var (code, stdout, stderr) = Run("paths", mp, "--from", "plants", "--to", "H", "--json", "--backend", "scalar");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(2100, doc.RootElement.GetProperty("pairs")[0].GetProperty("distance").GetDouble()); // as from the JSON scenario
    }

    [Fact]
    public void Scenario_with_an_unknown_edge_endpoint_exits_2_naming_the_field()
    {
        string bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, File.ReadAllText(Zoned).Replace("\"to\": \"D1\"", "\"to\": \"D9\""));
        var (code, _, stderr) = Run("paths", bad);
        Assert.Equal(2, code);
        Assert.Contains("D9", stderr);
        Assert.Contains("edges[0]", stderr);
    }

    [Fact]
    public void MessagePack_graph_gives_the_same_distances_as_json()
    {
        string mp = Path.Combine(_dir, "g.msgpack");
        File.WriteAllBytes(mp, MessagePackEncoding.Encode(0, static (ref MessagePack.MessagePackWriter w, int _) =>
        {
            w.WriteMapHeader(2);
            w.Write("nodes");
            w.Write(3);
            w.Write("edges");
            w.WriteArrayHeader(3);
            foreach (var (f, t, x) in new[] { (0, 1, 2.5), (1, 2, 1.0), (0, 2, 4.0) })
            {
                w.WriteArrayHeader(3);
                w.Write(f);
                w.Write(t);
                if (x == 1.0) w.Write(1); // integer weights are accepted too
                else w.Write(x);
            }
        }));
        var (code, stdout, stderr) = Run("paths", mp, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(3.5, doc.RootElement.GetProperty("dist")[0][2].GetDouble()); // 0→1→2 beats the 4.0 arc
        Assert.Equal(1, doc.RootElement.GetProperty("next")[0][2].GetInt32());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("dist")[2][0].ValueKind);
    }

    [Theory]
    [InlineData(10_000_000_000_000_000_000UL)] // above long.MaxValue: was read as 2⁶³ − 1
    [InlineData(1UL << 63)]
    public void A_uint64_weight_is_read_as_its_value(ulong weight)
    {
        // MessagePack-CSharp writes a value above long.MaxValue as uint 64.
        string mp = OneArcGraph("u64.msgpack", to: 1, (ref MessagePack.MessagePackWriter w) => w.Write(weight));
        var (code, stdout, stderr) = Run("paths", mp, "--json");
        Assert.True(code == 0, stderr);
        Assert.Equal((double)weight, JsonDocument.Parse(stdout).RootElement.GetProperty("dist")[0][1].GetDouble());
    }

    [Fact]
    public void A_node_count_past_any_run_says_so()
    {
        string json = Path.Combine(_dir, "huge.json");
        File.WriteAllText(json, "{\"nodes\": 2147483648, \"edges\": []}");
        var (code, _, stderr) = Run("paths", json);
        Assert.Equal(2, code);
        Assert.Contains("field 'nodes': 2147483648 nodes is more than any all-pairs run holds (at most 46,340", stderr);
    }

    [Fact]
    public void Full_matrices_of_a_network_name_their_nodes_in_matrix_order()
    {
        var (code, stdout, stderr) = Run("paths", CliRunner.Data("networks", "Net1.inp"), "--json");
        Assert.True(code == 0, stderr);
        var nodes = JsonDocument.Parse(stdout).RootElement.GetProperty("nodes").EnumerateArray().Select(e => e.GetString()!).ToArray();
        // Junctions, then the reservoir, then the tank, as the network file lists them.
        Assert.Equal(["10", "11", "12", "13", "21", "22", "23", "31", "32", "9", "2"], nodes);
        var (_, plain, _) = Run("paths", CliRunner.Data("graphs", "small-directed.json"), "--json");
        Assert.False(JsonDocument.Parse(plain).RootElement.TryGetProperty("nodes", out _)); // numbered 0..n−1: nothing to name
    }

    [Theory]
    [InlineData(new byte[] { 0x82, 0xa5, (byte)'n', (byte)'o' }, null)]                        // truncated
    [InlineData(new byte[] { 0x81, 0xa5, (byte)'n', (byte)'o', (byte)'d', (byte)'e', (byte)'s', 0xa1, (byte)'3' }, "nodes")] // count as string
    public void Broken_MessagePack_graphs_exit_2(byte[] bytes, string? field)
    {
        string mp = Path.Combine(_dir, "bad.msgpack");
        File.WriteAllBytes(mp, bytes);
        var (code, _, stderr) = Run("paths", mp);
        Assert.Equal(2, code);
        Assert.Contains(mp, stderr);
        if (field is not null) Assert.Contains($"field '{field}'", stderr);
    }

    [Fact]
    public void MessagePack_edge_out_of_range_names_the_field()
    {
        string mp = OneArcGraph("range.msgpack", to: 2, static (ref MessagePack.MessagePackWriter w) => w.Write(double.NaN));
        var (code, _, stderr) = Run("paths", mp);
        Assert.Equal(2, code);
        Assert.Contains("field 'edges[0][1]'", stderr);
    }

    [Fact]
    public void Wdn_output_holds_the_full_matrices_as_MessagePack()
    {
        string outFile = Path.Combine(_dir, "m.wdn");
        var (code, _, stderr) = Run("paths", Zoned, "--out", outFile, "--float");
        Assert.True(code == 0, stderr);
        var root = MessagePackValue.Decode(File.ReadAllBytes(outFile));
        Assert.Equal(6, root["n"]!.AsInt64());
        Assert.Equal("float", root["precision"]!.AsString());
        var dist = root["dist"]!.AsArray();
        Assert.Equal(2300, dist[0].AsArray()[5].AsDouble()); // P → M
        Assert.True(dist[4].AsArray()[0].AsDouble() > 0);     // H → P exists downhill
        Assert.Equal(2, root["next"]!.AsArray()[0].AsArray()[5].AsInt64()); // P → M leaves via J
    }

    [Fact]
    public void An_inp_network_is_routed_on_its_pipe_lengths()
    {
        // Expected distances from a plain Dijkstra over the .inp's pipes (both ways, length in m), written here.
        var net = Core.Io.ScenarioFile.Load(CliRunner.Data("networks", "HAN.inp")).Scenario.Network;
        var adjacent = new Dictionary<string, List<(string To, double Length)>>();
        foreach (var p in net.Pipes)
        {
            (adjacent.TryGetValue(p.Node1, out var a) ? a : adjacent[p.Node1] = []).Add((p.Node2, p.Length));
            (adjacent.TryGetValue(p.Node2, out var b) ? b : adjacent[p.Node2] = []).Add((p.Node1, p.Length));
        }
        var distance = new Dictionary<string, double> { ["1"] = 0 };
        var queue = new PriorityQueue<string, double>();
        queue.Enqueue("1", 0);
        while (queue.TryDequeue(out var u, out double d))
        {
            if (d > distance[u]) continue;
            foreach (var (v, length) in adjacent.GetValueOrDefault(u, []))
            {
                if (distance.TryGetValue(v, out double old) && old <= d + length) continue;
                distance[v] = d + length;
                queue.Enqueue(v, d + length);
            }
        }
        var r = CliRunner.Run("paths", CliRunner.Data("networks", "HAN.inp"), "--backend", "scalar", "--from", "1", "--to", "13,31,25", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var pairs = doc.RootElement.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(3, pairs.Count);
        foreach (var pair in pairs)
        {
            string to = pair.GetProperty("to").GetString()!;
            Assert.Equal(distance[to], pair.GetProperty("distance").GetDouble(), 9);
            // The route walks real pipes and its lengths add up to the distance.
            var route = pair.GetProperty("route").EnumerateArray().Select(x => x.GetString()!).ToList();
            double sum = route.Zip(route.Skip(1)).Sum(step => adjacent[step.First].Where(e => e.To == step.Second).Min(e => e.Length));
            Assert.Equal(distance[to], sum, 9);
        }
    }
}
