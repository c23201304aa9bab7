using System.Collections;
using WdnAccel.Core.Io.Msgpack;
using System.Buffers;
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
    private readonly MessagePackTokens _decompressed = new();
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
        var status = _values.Next(_tokens, _strings, out var bytes, out long offset);
        if (status == MessagePackValueStatus.End) return null;
        string root = $"scenario[{Count}]";
        // A torn tail or invalid content is read as far as it goes, so the error names the field where it stops.
        if (status == MessagePackValueStatus.Value && _tokens.Error is null && Lz4Envelope.IsCompressed(_tokens))
        {
            var tokens = Lz4Envelope.Decompress(new ReadOnlySequence<byte>(bytes), _fileName, _decompressed, _strings);
            return ScenarioCodec.Read(tokens, _fileName, root, o => $"byte offset {o} of the decompressed scenario at byte offset {offset}");
        }
        return ScenarioCodec.Read(_tokens, _fileName, root, o => $"byte offset {o}");
    }
}
