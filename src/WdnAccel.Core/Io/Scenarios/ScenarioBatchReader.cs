using System.Collections;
using WdnAccel.Core.Io.Msgpack;
using Lib = global::MessagePack;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Reads a `.wdnb` batch: a MessagePack stream of scenario maps, one after another with no framing
/// (docs/scenario-format.md), each plain or LZ4-compressed. MessagePack-CSharp's stream reader hands over one
/// scenario at a time, so a batch of any size is never held in memory whole. Enumerate once; errors name the
/// scenario's index (`scenario[7].network.pipes[3].length`) and byte offset.
/// </summary>
public sealed class ScenarioBatchReader : IEnumerable<ScenarioModel>, IDisposable
{
    private readonly MessagePackValueStream _values;
    private readonly string? _fileName;
    private readonly MessagePackTokens _tokens = new();
    private readonly Utf8StringCache _strings = new();
    private bool _started;

    public ScenarioBatchReader(Stream stream, string? fileName = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _values = new MessagePackValueStream(stream, fileName, leaveOpen);
        _fileName = fileName;
    }

    /// <summary>Opens a `.wdnb` file for sequential reading.</summary>
    public static ScenarioBatchReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), path);

    /// <summary>Scenarios decoded so far.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes consumed so far (for progress reports).</summary>
    public long BytesRead => _values.Position;

    public IEnumerator<ScenarioModel> GetEnumerator()
    {
        if (_started) throw new InvalidOperationException("a ScenarioBatchReader can be enumerated only once");
        _started = true;
        return Enumerate();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose() => _values.Dispose();

    private IEnumerator<ScenarioModel> Enumerate()
    {
        while (true)
        {
            var scenario = ReadNext();
            if (scenario is null) yield break;
            Count++;
            yield return scenario;
        }
    }

    private ScenarioModel? ReadNext()
    {
        if (!_values.TryRead(out var value, out long offset))
        {
            if (_values.TornTailLength == 0) return null;
            // A scenario cut short: read what there is, so the error names the field where the data ends.
            value = _values.TornTail;
            offset = _values.Position;
        }
        string root = $"scenario[{Count}]";
        if (Lz4Envelope.IsCompressed(value))
        {
            var tokens = Lz4Envelope.Decompress(value, _fileName);
            return ScenarioCodec.Read(tokens, _fileName, root, o => $"byte offset {o} of the decompressed scenario at byte offset {offset}");
        }
        _tokens.Clear();
        var reader = new Lib.MessagePackReader(value);
        MessagePackTokenizer.TryReadValue(ref reader, _tokens, _strings, offset, _fileName);
        return ScenarioCodec.Read(_tokens, _fileName, root, o => $"byte offset {o}");
    }
}
