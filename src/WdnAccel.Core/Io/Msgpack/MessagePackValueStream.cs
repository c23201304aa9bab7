using Lib = global::MessagePack;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// The top-level values of a MessagePack stream (a `.wdnb` batch, a result stream), one at a time, decoded by
/// MessagePack-CSharp's reader into <see cref="MessagePackTokens"/> straight from a contiguous read buffer: one pass
/// per value, and memory bounded by the largest value, not the stream. The buffer grows only when it is full of
/// real data, so a lying length header costs at most twice the bytes actually present. (MessagePack-CSharp's own
/// MessagePackStreamReader re-scans a value from its start after every 4 KB read, which made large scenario maps
/// decode at 70 MB/s.) Bytes after the last complete value — a write cut short by a kill — come back as
/// <see cref="MessagePackValueStatus.TornTail"/> instead of being read as a value.
/// </summary>
public sealed class MessagePackValueStream(Stream stream, string? file = null, bool leaveOpen = false) : IDisposable
{
    private readonly Stream _stream = stream ?? throw new ArgumentNullException(nameof(stream));
    /// <summary>The read buffer's size, and so how far ahead of the value being decoded the stream is read.</summary>
    public const int BufferBytes = 1 << 22;

    // A seekable stream shorter than the buffer (a result file, one scenario) gets a buffer its size.
    private byte[] _buffer = new byte[stream is { CanSeek: true } s && s.Length - s.Position < BufferBytes
        ? (int)Math.Max(4096, s.Length - s.Position) : BufferBytes];
    private int _start;
    private int _end;
    private bool _eof;
    private InvalidInputException? _broken;

    /// <summary>Byte offset of the next value: the bytes consumed by complete values so far.</summary>
    public long Position { get; private set; }

    /// <summary>Complete values returned so far.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Decodes the next value into <paramref name="tokens"/> (cleared first); <paramref name="bytes"/> are its bytes
    /// (valid until the next call) and <paramref name="offset"/> where it starts. A value whose content is invalid
    /// comes back as <see cref="MessagePackValueStatus.Value"/> with <see cref="MessagePackTokens.Error"/> set, and
    /// the stream cannot go on after it.
    /// </summary>
    public MessagePackValueStatus Next(MessagePackTokens tokens, Utf8StringCache? strings, out ReadOnlyMemory<byte> bytes, out long offset)
    {
        if (_broken is not null) throw _broken;
        offset = Position;
        while (true)
        {
            if (_start == _end && !Fill())
            {
                bytes = default;
                return MessagePackValueStatus.End;
            }
            tokens.Clear();
            var available = _buffer.AsMemory(_start, _end - _start);
            var reader = new Lib.MessagePackReader(available);
            if (MessagePackTokenizer.TryReadValue(ref reader, tokens, strings, Position, file))
            {
                int length = (int)reader.Consumed;
                bytes = available[..length];
                _start += length;
                Position += length;
                Count++;
                return MessagePackValueStatus.Value;
            }
            if (!tokens.Truncated)
            {
                _broken = tokens.Error;
                bytes = available;
                return MessagePackValueStatus.Value;
            }
            if (!Fill())
            {
                bytes = available;
                return MessagePackValueStatus.TornTail;
            }
        }
    }

    /// <summary>
    /// Reads more bytes after the pending ones: each read asks for all the free space in the buffer (so values are
    /// rarely cut at its end and re-scanned), and reading goes on until at least as many bytes as are pending have
    /// come (64 KiB at first), so a value that spans many reads is re-scanned a logarithmic number of times. A pipe
    /// that has delivered that much is not waited on further. False when the stream has ended.
    /// </summary>
    private bool Fill()
    {
        if (_eof) return false;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        int want = (int)Math.Min(Math.Max(_end, 64 * 1024), Array.MaxLength - (long)_end);
        if (want <= 0) throw new InvalidInputException($"byte offset {Position}: a value longer than {Array.MaxLength} bytes", file);
        if (_buffer.Length - _end < want) Array.Resize(ref _buffer, (int)Math.Min(Math.Max(2L * _buffer.Length, (long)_end + want), Array.MaxLength));
        int target = _end + want;
        bool any = false;
        while (_end < target)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _eof = true;
                break;
            }
            _end += read;
            any = true;
        }
        return any;
    }

    public void Dispose()
    {
        if (!leaveOpen) _stream.Dispose();
    }
}
