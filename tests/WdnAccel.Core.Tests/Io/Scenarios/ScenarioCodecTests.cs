using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Io.Scenarios;

public class ScenarioCodecTests
{
    [Fact]
    public void A_scenario_without_network_reads_as_an_empty_network_with_its_blocks()
    {
        var s = ScenarioCodec.ReadJson("""
            { "format": "wdnaccel-scenario", "version": 1, "name": "overlay",
              "design": { "catalog": [ { "diameter": 0.1, "unit_cost": 5 } ], "decision_pipes": [ "1" ], "min_pressure": 30 } }
            """, "overlay.json");
        Assert.Equal(0, s.Network.NodeCount);
        Assert.Equal(30, s.Design!.MinPressure);
        Assert.Equal(0.1, s.Design.Catalog[0].Diameter);
    }

    [Fact]
    public void ComparerSeesAOneUlpChange()
    {
        // The structural comparer is what the round-trip tests rely on: it must notice the smallest change.
        var a = TestScenarios.Full();
        var pipes = a.Network.Pipes.ToList();
        pipes[2] = pipes[2] with { Diameter = Math.BitIncrement(pipes[2].Diameter) };
        var b = a with { Network = a.Network with { Pipes = pipes } };
        Assert.Equal("scenario.Network.Pipes[2].Diameter: 0.1016 vs 0.10160000000000001", ScenarioComparer.FirstDifference(a, b, "scenario"));
        Assert.NotNull(ScenarioComparer.FirstDifference(a, a with { Solver = a.Solver! with { Seed = 1 } }, "scenario"));
        Assert.Null(ScenarioComparer.FirstDifference(a, TestScenarios.Full(), "scenario"));
    }

    [Fact]
    public void WdnRoundTripIsExact()
    {
        var s = TestScenarios.Full();
        var bytes = ScenarioCodec.WriteWdn(s);
        ScenarioComparer.AssertSame(s, ScenarioCodec.ReadWdn(bytes, "full.wdn"));
        ScenarioComparer.AssertSame(s, ScenarioCodec.ReadWdn(new MemoryStream(bytes), "full.wdn"));
    }

    [Fact]
    public void CompressedWdnIsSmallerReadsBackExactlyAndIsMessagePackCSharpsLz4BlockArray()
    {
        var s = TestScenarios.Grid(400, 3);
        var plain = ScenarioCodec.WriteWdn(s);
        var packed = ScenarioCodec.WriteWdn(s, compress: true);
        Assert.True(packed.Length * 2 < plain.Length, $"LZ4 {packed.Length} bytes vs plain {plain.Length}");
        ScenarioComparer.AssertSame(s, ScenarioCodec.ReadWdn(packed, "grid.wdn"));
        ScenarioComparer.AssertSame(s, ScenarioCodec.ReadWdn(new MemoryStream(packed), "grid.wdn"));
        // The library itself, told to use Lz4BlockArray, must unpack ours into exactly the plain encoding.
        var options = MessagePack.MessagePackSerializerOptions.Standard.WithCompression(MessagePack.MessagePackCompression.Lz4BlockArray);
        var unpacked = MessagePack.MessagePackSerializer.ConvertToJson(packed, options);
        Assert.Equal(MessagePack.MessagePackSerializer.ConvertToJson(plain), unpacked);
    }

    [Fact]
    public void BatchMixingCompressedAndPlainScenariosReadsThemAllInOrder()
    {
        var scenarios = Enumerable.Range(0, 4).Select(i => TestScenarios.Grid(50 + i, i)).ToList();
        var ms = new MemoryStream();
        for (int i = 0; i < scenarios.Count; i++) ScenarioCodec.WriteWdn(scenarios[i], ms, compress: i % 2 == 1);
        using var reader = new ScenarioBatchReader(new Io.Msgpack.TrickleStream(ms.ToArray(), 1000), "mixed.wdnb");
        var back = reader.ToList();
        Assert.Equal(scenarios.Count, back.Count);
        for (int i = 0; i < scenarios.Count; i++) ScenarioComparer.AssertSame(scenarios[i], back[i]);
    }

    [Fact]
    public void ACutShortCompressedScenarioIsAnErrorNamingTheScenario()
    {
        var packed = ScenarioCodec.WriteWdn(TestScenarios.Grid(60, 1), compress: true);
        var ms = new MemoryStream();
        ScenarioCodec.WriteWdn(TestScenarios.Grid(40, 2), ms);
        ms.Write(packed, 0, packed.Length - 10);
        using var reader = new ScenarioBatchReader(new MemoryStream(ms.ToArray()), "torn.wdnb");
        var e = Assert.Throws<InvalidInputException>(() => reader.ToList());
        Assert.Contains("scenario[1]", e.Message);
        Assert.Contains("torn.wdnb", e.Message);
    }

    [Fact]
    public void AnLz4BlockDeclaringMoreThanLz4CanExpandIsRefusedBeforeAllocation()
    {
        // Rewrite a real envelope's first declared length to 1e9 bytes: the blocks stay intact, only the claim lies.
        var packed = ScenarioCodec.WriteWdn(TestScenarios.Grid(400, 3), compress: true);
        var reader = new MessagePack.MessagePackReader(packed);
        int count = reader.ReadArrayHeader();
        var lengths = new MessagePack.MessagePackReader(reader.ReadRaw(reader.ReadExtensionFormatHeader().Length));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePack.MessagePackWriter(buffer);
        writer.WriteArrayHeader(count);
        var claim = new System.Buffers.ArrayBufferWriter<byte>();
        var claimWriter = new MessagePack.MessagePackWriter(claim);
        for (int block = 1; block < count; block++)
        {
            long real = lengths.ReadInt64();
            claimWriter.Write(block == 1 ? 1_000_000_000L : real);
        }
        claimWriter.Flush();
        writer.WriteExtensionFormat(new MessagePack.ExtensionResult(98, claim.WrittenMemory.ToArray()));
        writer.WriteRaw(reader.Sequence.Slice(reader.Position));
        writer.Flush();

        var e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadWdn(buffer.WrittenMemory.ToArray(), "lying.wdn"));
        Assert.Contains("declares 1,000,000,000 bytes uncompressed", e.Message);
        Assert.Contains("lying.wdn", e.Message);
    }

    [Fact]
    public void JsonRoundTripIsExact()
    {
        var s = TestScenarios.Full();
        var json = ScenarioCodec.WriteJson(s);
        var back = ScenarioCodec.ReadJson(json, "full.json");
        ScenarioComparer.AssertSame(s, back);
        // JSON → .wdn → JSON is stable text.
        Assert.Equal(json, ScenarioCodec.WriteJson(ScenarioCodec.ReadWdn(ScenarioCodec.WriteWdn(back))));
    }

    [Fact]
    public void MinimalScenarioOmitsAbsentBlocksAndReadsDefaults()
    {
        var s = new Scenario { Name = "m" };
        var tree = MessagePackValue.Decode(ScenarioCodec.WriteWdn(s));
        Assert.Equal(["format", "version", "name", "network"], tree.AsMap().Select(e => e.Key.AsString()));
        ScenarioComparer.AssertSame(s, ScenarioCodec.ReadWdn(ScenarioCodec.WriteWdn(s)));

        // Hand-written JSON with only the required fields gets the model's defaults.
        var read = ScenarioCodec.ReadJson("""
            // comments are allowed in the JSON form
            { "format": "wdnaccel-scenario", "version": 1,
              "network": { "pipes": [ { "id": "1", "node1": "a", "node2": "b", "length": 10, "diameter": 0.1, "roughness": 100, } ] } }
            """);
        Assert.Equal("", read.Name);
        var pipe = Assert.Single(read.Network.Pipes);
        Assert.Equal(new Pipe("1", "a", "b", 10, 0.1, 100, 0, LinkStatus.Open, null), pipe);
        Assert.Equal(new HydraulicOptions(), read.Network.Options);
        Assert.Equal("1", read.Network.Options.DefaultPatternId);
        Assert.Null(read.Design);
    }

    [Fact]
    public void KeysAndEnumsFollowTheSnakeCaseConventions()
    {
        var tree = MessagePackValue.Decode(ScenarioCodec.WriteWdn(TestScenarios.Full()));
        Assert.Equal("wdnaccel-scenario", tree["format"]!.AsString());
        Assert.Equal(1, tree["version"]!.AsInt64());
        var net = tree["network"]!;
        Assert.Equal("check_valve", net["pipes"]!.AsArray()[1]["status"]!.AsString());
        Assert.Equal("darcy_weisbach", net["options"]!["head_loss"]!.AsString());
        Assert.Equal("GPM", net["options"]!["flow_units"]!.AsString());
        Assert.True(net["options"]!["default_pattern_id"]!.IsNil);
        Assert.Equal("pump_head", net["curves"]!.AsArray()[0]["kind"]!.AsString());
        Assert.Equal(0.0125, net["junctions"]!.AsArray()[0]["demands"]!.AsArray()[0]["base_demand"]!.AsDouble());
        Assert.Equal(3, net["demand_cases"]!.AsArray().Count);
        Assert.Equal(12.5, tree["supply"]!["plants"]!.AsArray()[0]["treatment_cost"]!.AsDouble());
        Assert.Equal(20, tree["supply"]!["plants"]!.AsArray()[0]["min_throughput"]!.AsDouble());
        Assert.Equal(2.5, tree["supply"]!["arcs"]!.AsArray()[0]["pumping_cost"]!.AsDouble());
        Assert.Equal("pump_station", tree["graph_allocation"]!["nodes"]!.AsArray()[3]["kind"]!.AsString());
        Assert.Equal(ulong.MaxValue, tree["solver"]!["seed"]!.AsUInt64());
        // Doubles are float 64 even when integral; SI values unchanged.
        var length = net["pipes"]!.AsArray()[0]["length"]!;
        Assert.Equal(MessagePackType.Float, length.Type);
        Assert.False(length.IsSinglePrecision);
        Assert.Equal(1000.0, length.AsDouble());
        // Optional null fields are left out.
        Assert.Null(net["pipes"]!.AsArray()[0]["vertices"]);
        Assert.Null(net["pumps"]!.AsArray()[0]["power"]);
    }

    [Fact]
    public void NonFiniteValuesAreRefusedOnWrite()
    {
        var s = TestScenarios.Full();
        var bad = s with { Network = s.Network with { Reservoirs = [new Reservoir("R", double.NaN)] } };
        var e = Assert.Throws<ArgumentException>(() => ScenarioCodec.WriteWdn(bad));
        Assert.Contains("head", e.Message);
        Assert.Throws<ArgumentException>(() => ScenarioCodec.WriteJson(bad));
    }

    [Fact]
    public void BatchOfScenariosStreamsOneAtATime()
    {
        var scenarios = Enumerable.Range(0, 5).Select(i => TestScenarios.Grid(30 + i, i)).Append(TestScenarios.Full()).ToList();
        var ms = new MemoryStream();
        using (var w = new ScenarioBatchWriter(ms, leaveOpen: true))
        {
            foreach (var s in scenarios) w.Write(s);
            Assert.Equal(6, w.Count);
        }
        var bytes = ms.ToArray();
        // Unseekable input, 4 KB per read: the reader must not need the whole file.
        using var reader = new ScenarioBatchReader(new Io.Msgpack.TrickleStream(bytes, 4096), "b.wdnb");
        int k = 0;
        foreach (var s in reader)
        {
            ScenarioComparer.AssertSame(scenarios[k], s);
            k++;
            Assert.Equal(k, reader.Count);
            Assert.True(reader.BytesRead < bytes.Length || k == scenarios.Count);
        }
        Assert.Equal(scenarios.Count, k);
        Assert.Throws<InvalidOperationException>(() => reader.GetEnumerator());
    }

    [Fact]
    public void BatchReaderHoldsOnlyABufferfulAhead()
    {
        var ms = new MemoryStream();
        using (var w = new ScenarioBatchWriter(ms, leaveOpen: true))
        {
            for (int i = 0; i < 480; i++) w.Write(TestScenarios.Grid(100, i));
        }
        var bytes = ms.ToArray();
        int one = ScenarioCodec.WriteWdn(TestScenarios.Grid(100, 0)).Length;
        const int buffer = MessagePackValueStream.BufferBytes;
        Assert.True(bytes.Length > 3 * (one + buffer), "batch too small for this test");
        var stream = new Io.Msgpack.TrickleStream(bytes, 1 << 22);
        using var reader = new ScenarioBatchReader(stream);
        int seen = 0;
        foreach (var s in reader)
        {
            // At most one read buffer beyond the scenarios decoded so far has been pulled from the stream.
            Assert.True(stream.Consumed <= (seen + 1) * (long)one + buffer + 1024, $"read {stream.Consumed} bytes after {seen + 1} scenarios");
            Assert.Equal($"grid-{seen}", s.Name);
            seen++;
        }
        Assert.Equal(480, seen);
    }

    [Fact]
    public void EmptyBatchHasNoScenarios()
    {
        using var reader = new ScenarioBatchReader(new MemoryStream());
        Assert.Empty(reader);
    }
}
