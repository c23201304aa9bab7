using System.Text.Json;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Tests.Io.Scenarios;

namespace WdnAccel.Core.Tests.Io.Msgpack;

/// <summary>Interoperability with an independent implementation: Debian's python3-msgpack (msgpack-python).</summary>
public sealed class PythonInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wdnaccel-py-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Ok((int ExitCode, string Stdout, string Stderr) r) =>
        Assert.True(r.ExitCode == 0, $"python failed ({r.ExitCode}):\n{r.Stderr}\n{r.Stdout}");

    /// <summary>The values msgpack-python packs in <see cref="PythonValues"/>, built independently here.</summary>
    private static MessagePackValue ExpectedValues()
    {
        static MessagePackValue U(ulong v) => MessagePackValue.FromUInt64(v);
        static MessagePackValue I(long v) => MessagePackValue.FromInt64(v);
        static MessagePackValue S(string v) => MessagePackValue.FromString(v);
        return MessagePackValue.FromArray(
        [
            MessagePackValue.Nil, MessagePackValue.True, MessagePackValue.False,
            U(0), U(127), U(128), U(255), U(256), U(65535), U(65536), U(uint.MaxValue), U(1UL << 32), U(ulong.MaxValue),
            I(-1), I(-32), I(-33), I(-128), I(-129), I(int.MinValue), I(int.MinValue - 1L), I(long.MinValue),
            MessagePackValue.FromDouble(1.5), MessagePackValue.FromDouble(0.1),
            S(""), S(new string('a', 31)), S(new string('b', 32)), S("ü€😀"),
            MessagePackValue.FromBinary([0x00, 0xff]),
            MessagePackValue.FromArray([]), MessagePackValue.FromMap([]),
            MessagePackValue.FromMap([new(S("k"), MessagePackValue.FromArray([U(1), MessagePackValue.FromMap([new(S("n"), MessagePackValue.Nil)])]))]),
            MessagePackValue.FromExtension(new MessagePackExtension(5, "xyz"u8.ToArray())),
            MessagePackValue.FromTimestamp(new MessagePackTimestamp(1514862245, 0)),
            MessagePackValue.FromTimestamp(new MessagePackTimestamp(1514862245, 678901234)),
            MessagePackValue.FromTimestamp(new MessagePackTimestamp(-1, 999999999)),
            S(new string('x', 70000)),
            MessagePackValue.FromBinary(Enumerable.Repeat((byte)'y', 300).ToArray()),
        ]);
    }

    private const string PythonValues = """
        import msgpack
        v = [None, True, False, 0, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**64 - 1,
             -1, -32, -33, -128, -129, -2**31, -2**31 - 1, -2**63, 1.5, 0.1,
             "", "a" * 31, "b" * 32, "\u00fc\u20ac\U0001F600", b"\x00\xff", [], {}, {"k": [1, {"n": None}]},
             msgpack.ExtType(5, b"xyz"), msgpack.Timestamp(1514862245, 0), msgpack.Timestamp(1514862245, 678901234),
             msgpack.Timestamp(-1, 999999999), "x" * 70000, b"y" * 300]
        """;

    [PythonMsgpackFact]
    public void PythonWrittenValuesDecodeAndOurBytesAreIdentical()
    {
        string path = Path.Combine(_dir, "values.msgpack");
        Ok(PythonMsgpack.Run(PythonValues + "\nimport sys\nopen(sys.argv[1], 'wb').write(msgpack.packb(v, use_bin_type=True))\n", path));
        var bytes = File.ReadAllBytes(path);
        var decoded = MessagePackValue.Decode(bytes);
        Assert.Equal(ExpectedValues(), decoded);
        // Both writers pick the shortest form, so the encodings agree byte for byte.
        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString((ExpectedValues()).Encode()));
    }

    [PythonMsgpackFact]
    public void OurValuesDecodeInPython()
    {
        string path = Path.Combine(_dir, "ours.msgpack");
        File.WriteAllBytes(path, (ExpectedValues()).Encode());
        Ok(PythonMsgpack.Run(PythonValues + """

            import sys
            got = msgpack.unpackb(open(sys.argv[1], 'rb').read(), raw=False, strict_map_key=False)
            for i, (a, b) in enumerate(zip(got, v)):
                assert a == b and type(a) is type(b), f"item {i}: {a!r:.80} != {b!r:.80}"
            assert len(got) == len(v), (len(got), len(v))
            print("ok")
            """, path));
    }

    [PythonMsgpackFact]
    public void OurScenarioDecodesInPythonAndPythonsReencodingDecodesHere()
    {
        var s = TestScenarios.Full();
        string ours = Path.Combine(_dir, "full.wdn");
        string theirs = Path.Combine(_dir, "python.wdn");
        using (var f = File.Create(ours)) ScenarioCodec.WriteWdn(s, f);

        var r = PythonMsgpack.Run("""
            import msgpack, sys, json
            d = msgpack.unpackb(open(sys.argv[1], 'rb').read(), raw=False)
            n = d['network']
            print(json.dumps({
              'format': d['format'], 'version': d['version'], 'name': d['name'],
              'pipe_ids': [p['id'] for p in n['pipes']],
              'diameters': [p['diameter'] for p in n['pipes']],
              'statuses': [p['status'] for p in n['pipes']],
              'length_types': sorted({type(p['length']).__name__ for p in n['pipes']}),
              'coord0': n['junctions'][0]['coordinates'],
              'fire': n['demand_cases'][2]['junction_demands'],
              'seed': str(d['solver']['seed']),
              'evaluations': d['solver']['evaluations'],
              'flow_units': n['options']['flow_units'],
              'default_pattern_id': n['options']['default_pattern_id'],
              'blocks': sorted(d.keys()),
            }))
            open(sys.argv[2], 'wb').write(msgpack.packb(d, use_bin_type=True))
            """, ours, theirs);
        Ok(r);
        var j = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal("wdnaccel-scenario", j.GetProperty("format").GetString());
        Assert.Equal(1, j.GetProperty("version").GetInt32());
        Assert.Equal(s.Name, j.GetProperty("name").GetString());
        Assert.Equal(s.Network.Pipes.Select(p => p.Id), j.GetProperty("pipe_ids").EnumerateArray().Select(e => e.GetString()));
        // Python's repr is shortest round-trip, so parsing it gives back the exact double.
        Assert.Equal(s.Network.Pipes.Select(p => p.Diameter), j.GetProperty("diameters").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(["open", "check_valve", "closed", "open", "open"], j.GetProperty("statuses").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["float"], j.GetProperty("length_types").EnumerateArray().Select(e => e.GetString()));
        var c0 = j.GetProperty("coord0");
        Assert.True(double.IsNegative(c0[0].GetDouble()) && c0[0].GetDouble() == 0);
        Assert.Equal(double.MaxValue, c0[1].GetDouble());
        Assert.Equal(0.0631, j.GetProperty("fire").GetProperty("J3").GetDouble());
        Assert.Equal(ulong.MaxValue.ToString(), j.GetProperty("seed").GetString());
        Assert.Equal(5_000_000_000, j.GetProperty("evaluations").GetInt64());
        Assert.Equal("GPM", j.GetProperty("flow_units").GetString());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("default_pattern_id").ValueKind);
        Assert.Equal(["design", "format", "graph_allocation", "name", "network", "solver", "supply", "version"],
            j.GetProperty("blocks").EnumerateArray().Select(e => e.GetString()));

        using var back = File.OpenRead(theirs);
        ScenarioComparer.AssertSame(s, ScenarioCodec.ReadWdn(back, theirs));
    }

    [PythonMsgpackFact]
    public void PythonWrittenBatchDecodes()
    {
        string path = Path.Combine(_dir, "py.wdnb");
        Ok(PythonMsgpack.Run("""
            import msgpack, sys
            def scenario(i):
                return {"format": "wdnaccel-scenario", "version": 1, "name": f"py-{i}",
                  "network": {
                    "junctions": [{"id": "J1", "elevation": 10 + i, "demands": [{"base_demand": 0.25}]}],
                    "reservoirs": [{"id": "R1", "head": 100.5}],
                    "pipes": [{"id": "P1", "node1": "R1", "node2": "J1", "length": 1000, "diameter": 0.3,
                               "roughness": 130, "status": "check_valve"}],
                    "options": {"flow_units": "LPS", "head_loss": "hazen_williams", "default_pattern_id": None}},
                  "solver": {"seed": 2**64 - 1, "evaluations": 10**10, "parameters": {"population": 64}}}
            with open(sys.argv[1], 'wb') as f:
                for i in range(3):
                    f.write(msgpack.packb(scenario(i), use_single_float=(i == 2)))
            """, path));
        using var reader = ScenarioBatchReader.Open(path);
        var all = reader.ToList();
        Assert.Equal(3, all.Count);
        for (int i = 0; i < 3; i++)
        {
            var s = all[i];
            Assert.Equal($"py-{i}", s.Name);
            Assert.Equal(10.0 + i, s.Network.Junctions[0].Elevation); // a Python int where a number is expected
            Assert.Equal(0.25, s.Network.Junctions[0].Demands[0].BaseDemand);
            var pipe = s.Network.Pipes[0];
            Assert.Equal(WdnAccel.Core.Model.LinkStatus.CheckValve, pipe.Status);
            Assert.Equal(1000.0, pipe.Length);
            // Scenario 2 was packed with float 32: 0.3 arrives as the nearest float.
            Assert.Equal(i == 2 ? (double)0.3f : 0.3, pipe.Diameter);
            Assert.Equal(i == 2 ? (double)100.5f : 100.5, s.Network.Reservoirs[0].Head);
            Assert.Null(s.Network.Options.DefaultPatternId);
            Assert.Equal(ulong.MaxValue, s.Solver!.Seed);
            Assert.Equal(10_000_000_000, s.Solver.Evaluations);
            Assert.Equal(64, s.Solver.Parameters["population"]);
        }
    }
}
