using WdnAccel.Core.Io.MessagePack;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>Writes a `.wdnb` batch: scenario maps appended one after another to a MessagePack stream.</summary>
public sealed class ScenarioBatchWriter : IDisposable
{
    private readonly MessagePackWriter _writer;

    public ScenarioBatchWriter(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _writer = new MessagePackWriter(stream, leaveOpen);
    }

    /// <summary>Creates (or truncates) a `.wdnb` file.</summary>
    public static ScenarioBatchWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1));

    /// <summary>Scenarios written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten => _writer.BytesWritten;

    public void Write(ScenarioModel scenario)
    {
        ScenarioCodec.WriteWdn(scenario, _writer);
        Count++;
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
