using System.Collections;
using WdnAccel.Core.Io.MessagePack;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Reads a `.wdnb` batch: a MessagePack stream of scenario maps, one after another with no framing
/// (docs/scenario-format.md). Scenarios are decoded one at a time as they are enumerated through a fixed-size
/// buffer, so a batch of any size is never held in memory whole. Enumerate once; errors name the scenario's
/// index (`scenario[7].network.pipes[3].length`) and byte offset.
/// </summary>
public sealed class ScenarioBatchReader : IEnumerable<ScenarioModel>, IDisposable
{
    private readonly MessagePackReader _reader;
    private readonly string? _fileName;
    private bool _started;

    public ScenarioBatchReader(Stream stream, string? fileName = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _reader = new MessagePackReader(stream, fileName, leaveOpen);
        _fileName = fileName;
    }

    /// <summary>Opens a `.wdnb` file for sequential reading.</summary>
    public static ScenarioBatchReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), path);

    /// <summary>Scenarios decoded so far.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes consumed so far (for progress reports).</summary>
    public long BytesRead => _reader.Position;

    public IEnumerator<ScenarioModel> GetEnumerator()
    {
        if (_started) throw new InvalidOperationException("a ScenarioBatchReader can be enumerated only once");
        _started = true;
        return Enumerate();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose() => _reader.Dispose();

    private IEnumerator<ScenarioModel> Enumerate()
    {
        var source = new MessagePackTokenSource(_reader);
        while (!_reader.IsAtEnd)
        {
            var scenario = new ScenarioSchemaReader(source, _fileName, $"scenario[{Count}]").Read();
            Count++;
            yield return scenario;
        }
    }
}
