using WdnAccel.Core.Io.Msgpack;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Writes a `.wdnb` batch: scenario maps appended one after another to a MessagePack stream, each LZ4-compressed
/// when <paramref name="compress"/> is set (MessagePack-CSharp's Lz4BlockArray).
/// </summary>
public sealed class ScenarioBatchWriter(Stream stream, bool leaveOpen = false, bool compress = false) : IDisposable
{
    private readonly StreamBufferWriter _buffer = new(stream ?? throw new ArgumentNullException(nameof(stream)));
    private readonly MessagePackTokens _tokens = new();

    /// <summary>Creates (or truncates) a `.wdnb` file.</summary>
    public static ScenarioBatchWriter Create(string path, bool compress = false) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1), compress: compress);

    /// <summary>Scenarios written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten => _buffer.BytesWritten;

    public void Write(ScenarioModel scenario)
    {
        ScenarioCodec.Write(scenario, _buffer, _tokens, compress);
        Count++;
    }

    public void Flush() => _buffer.Flush();

    public void Dispose()
    {
        _buffer.Flush();
        if (!leaveOpen) stream.Dispose();
    }
}
