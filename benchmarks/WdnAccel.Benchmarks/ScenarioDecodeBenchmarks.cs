using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Decode speed of a large `.wdnb` batch (issue 2 "Done when"): 1,000 scenarios of a ~500-junction grid
/// (~1,000 pipes each), decoded one at a time by <see cref="ScenarioBatchReader"/> from memory and from a file.
/// MB/s = <see cref="BatchBytes"/> / mean time; scenarios/s = <see cref="Scenarios"/> / mean time.
/// Run: dotnet run -c Release --project benchmarks/WdnAccel.Benchmarks -- --filter '*ScenarioDecode*' --job short
/// </summary>
[MemoryDiagnoser]
public class ScenarioDecodeBenchmarks
{
    public const int Scenarios = 1000;
    public const int Junctions = 500;

    private byte[] _batch = [];
    private string _path = "";
    private Scenario _one = new();
    private string _oneJson = "";

    public long BatchBytes => _batch.Length;

    [GlobalSetup]
    public void Setup()
    {
        using var ms = new MemoryStream();
        using (var w = new ScenarioBatchWriter(ms, leaveOpen: true))
        {
            for (int i = 0; i < Scenarios; i++) w.Write(SyntheticScenarios.Grid(Junctions, i));
        }
        _batch = ms.ToArray();
        _path = Path.Combine(Path.GetTempPath(), $"wdnaccel-bench-{Environment.ProcessId}.wdnb");
        File.WriteAllBytes(_path, _batch);
        _one = SyntheticScenarios.Grid(Junctions, 0);
        _oneJson = ScenarioCodec.WriteJson(_one);
        Console.WriteLine($"// batch: {Scenarios} scenarios, {_batch.Length} bytes ({_batch.Length / 1e6:F1} MB), " +
            $"{_one.Network.Junctions.Count} junctions and {_one.Network.Pipes.Count} pipes each; one scenario as JSON: {_oneJson.Length} chars");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Description = "decode .wdnb (memory)")]
    public int DecodeBatchFromMemory()
    {
        using var reader = new ScenarioBatchReader(new MemoryStream(_batch, writable: false));
        int pipes = 0;
        foreach (var s in reader) pipes += s.Network.Pipes.Count;
        return pipes;
    }

    [Benchmark(Description = "decode .wdnb (file)")]
    public int DecodeBatchFromFile()
    {
        using var reader = ScenarioBatchReader.Open(_path);
        int pipes = 0;
        foreach (var s in reader) pipes += s.Network.Pipes.Count;
        return pipes;
    }

    [Benchmark(Description = "encode .wdnb (memory)")]
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
}
