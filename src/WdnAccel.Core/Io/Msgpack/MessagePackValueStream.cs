using System.Buffers;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// The top-level values of a MessagePack stream (a `.wdnb` batch, a result stream), one at a time, with their byte
/// offsets, through MessagePack-CSharp's <see cref="Lib.MessagePackStreamReader"/>: memory is bounded by the largest
/// value, not the stream. Bytes after the last complete value (a write cut short by a kill) are reported as
/// <see cref="TornTailLength"/> instead of being read as a value.
/// </summary>
public sealed class MessagePackValueStream : IDisposable
{
    private readonly Lib.MessagePackStreamReader _reader;
    private readonly string? _file;

    public MessagePackValueStream(Stream stream, string? file = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _reader = new Lib.MessagePackStreamReader(stream, leaveOpen);
        _file = file;
    }

    /// <summary>Byte offset of the next value: the bytes consumed by complete values so far.</summary>
    public long Position { get; private set; }

    /// <summary>Values returned so far.</summary>
    public int Count { get; private set; }

    /// <summary>After <see cref="TryRead"/> returned false: how many bytes at <see cref="Position"/> do not form a complete value.</summary>
    public long TornTailLength => TornTail.Length;

    /// <summary>After <see cref="TryRead"/> returned false: the bytes that do not form a complete value (valid until disposal).</summary>
    public ReadOnlySequence<byte> TornTail { get; private set; }

    /// <summary>
    /// The next value's bytes (valid until the next call) and its offset; false at the end of the stream, where
    /// <see cref="TornTailLength"/> tells whether an incomplete value remains.
    /// </summary>
    public bool TryRead(out ReadOnlySequence<byte> value, out long offset)
    {
        offset = Position;
        ReadOnlySequence<byte>? next;
        try
        {
            var pending = _reader.ReadAsync(CancellationToken.None);
            next = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }
        catch (Lib.MessagePackSerializationException e)
        {
            throw new InvalidInputException($"byte offset {Position}: value {Count} is not valid MessagePack ({e.Message})", _file);
        }
        if (next is not { } v)
        {
            value = default;
            TornTail = _reader.RemainingBytes;
            return false;
        }
        value = v;
        Position += v.Length;
        Count++;
        return true;
    }

    public void Dispose() => _reader.Dispose();
}
