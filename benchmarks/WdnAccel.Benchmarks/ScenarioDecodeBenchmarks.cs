using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Decode and encode speed of a ~100 MB `.wdnb` scenario stream: 620 scenarios of a 500-junction grid (956 pipes,
/// a design block naming every pipe) written by <see cref="ScenarioBatchWriter"/>.
/// <list type="bullet">
/// <item>"codec": <see cref="MessagePackValueStream"/> (MessagePack-CSharp's reader under our tokenizer) only (every byte decoded, strings interned,
/// no model objects) — the MessagePack layer the issue's ≥ 500 MB/s goal is about;</item>
/// <item>"scenarios": full <see cref="ScenarioBatchReader"/> decoding into validated <see cref="Scenario"/> objects;</item>
/// <item>the same for the LZ4-compressed stream (<c>batch plan --compress</c>), and encoding.</item>
/// </list>
/// MB/s = <see cref="BatchBytes"/> (uncompressed) / mean time.
/// Run: dotnet run -c Release --project benchmarks/WdnAccel.Benchmarks -- --filter '*ScenarioDecode*' --job short
/// </summary>
[MemoryDiagnoser]
public class ScenarioDecodeBenchmarks
{
    public const int Scenarios = 620;
    public const int Junctions = 500;

    private byte[] _batch = [];
    private byte[] _compressed = [];
    private string _path = "";
    private Scenario _one = new();
    private string _oneJson = "";

    public long BatchBytes => _batch.Length;

    [GlobalSetup]
    public void Setup()
    {
        _batch = Write(compress: false);
        _compressed = Write(compress: true);
        _path = Path.Combine(Path.GetTempPath(), $"wdnaccel-bench-{Environment.ProcessId}.wdnb");
        File.WriteAllBytes(_path, _batch);
        _one = SyntheticScenarios.Grid(Junctions, 0);
        _oneJson = ScenarioCodec.WriteJson(_one);
        Console.WriteLine($"// batch: {Scenarios} scenarios, {_batch.Length} bytes ({_batch.Length / 1e6:F1} MB; LZ4 {_compressed.Length / 1e6:F1} MB), " +
            $"{_one.Network.Junctions.Count} junctions and {_one.Network.Pipes.Count} pipes each; one scenario as JSON: {_oneJson.Length} chars");
    }

    private static byte[] Write(bool compress)
    {
        using var ms = new MemoryStream();
        using (var w = new ScenarioBatchWriter(ms, leaveOpen: true, compress: compress))
        {
            for (int i = 0; i < Scenarios; i++) w.Write(SyntheticScenarios.Grid(Junctions, i));
        }
        return ms.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Description = "codec: read .wdnb values + tokens (memory)")]
    public long CodecOnly()
    {
        using var values = new MessagePackValueStream(new MemoryStream(_batch, writable: false));
        var tokens = new MessagePackTokens();
        var strings = new Utf8StringCache();
        long count = 0;
        while (values.Next(tokens, strings, out _, out _) == MessagePackValueStatus.Value) count += tokens.Count;
        return count;
    }

    [Benchmark(Description = "scenarios: decode .wdnb (memory)")]
    public int DecodeBatchFromMemory() => Decode(new ScenarioBatchReader(new MemoryStream(_batch, writable: false)));

    [Benchmark(Description = "scenarios: decode .wdnb (file)")]
    public int DecodeBatchFromFile() => Decode(ScenarioBatchReader.Open(_path));

    [Benchmark(Description = "scenarios: decode LZ4 .wdnb (memory)")]
    public int DecodeCompressedFromMemory() => Decode(new ScenarioBatchReader(new MemoryStream(_compressed, writable: false)));

    [Benchmark(Description = "encode 100 scenarios to .wdnb (memory)")]
    public long EncodeBatch()
    {
        using var ms = new MemoryStream(_batch.Length);
        using var w = new ScenarioBatchWriter(ms, leaveOpen: true);
        for (int i = 0; i < 100; i++) w.Write(_one);
        w.Flush();
        return ms.Length;
    }

    [Benchmark(Description = "decode one scenario (JSON)")]
    public int DecodeOneJson() => ScenarioCodec.ReadJson(_oneJson).Network.Pipes.Count;

    private static int Decode(ScenarioBatchReader reader)
    {
        using (reader)
        {
            int pipes = 0;
            foreach (var s in reader) pipes += s.Network.Pipes.Count;
            return pipes;
        }
    }
}
