using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;

namespace WdnAccel.Core.Io.MessagePack;

/// <summary>
/// Streaming MessagePack token reader over a <see cref="Stream"/> or a byte buffer (spec.md). It never trusts a
/// declared length: a string, binary, extension or container header is checked against the bytes that remain
/// (known for buffers and seekable streams) before anything is allocated; on unseekable streams the buffer only
/// grows as real data arrives. Every problem is an <see cref="InvalidInputException"/> naming the byte offset
/// and what was expected: truncation, a wrong type, invalid UTF-8, integer overflow, nesting deeper than
/// <see cref="MaxDepth"/>.
/// </summary>
public sealed class MessagePackReader : IDisposable
{
    private readonly Stream? _stream;
    private readonly bool _leaveOpen;
    private readonly bool _seekable;
    private byte[] _buf;
    private int _pos;
    private int _end;
    private long _bufStart; // absolute offset of _buf[0]

    /// <summary>Reads <paramref name="stream"/> from its current position; offsets in messages count from there.</summary>
    public MessagePackReader(Stream stream, string? fileName = null, bool leaveOpen = false, int bufferSize = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead) throw new ArgumentException("stream is not readable", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _seekable = stream.CanSeek;
        _buf = new byte[Math.Max(bufferSize, 16)];
        FileName = fileName;
    }

    /// <summary>Reads an in-memory encoding (not copied when it is array-backed).</summary>
    public MessagePackReader(ReadOnlyMemory<byte> data, string? fileName = null)
    {
        if (!MemoryMarshal.TryGetArray(data, out ArraySegment<byte> segment))
        {
            segment = new ArraySegment<byte>(data.ToArray());
        }
        _buf = segment.Array!;
        _pos = segment.Offset;
        _end = segment.Offset + segment.Count;
        _bufStart = -segment.Offset;
        FileName = fileName;
    }

    /// <summary>Named in error messages.</summary>
    public string? FileName { get; }

    /// <summary>Deepest container nesting <see cref="ReadValue"/> accepts (guards the stack against hostile input).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Offset of the next unread byte from where reading began.</summary>
    public long Position => _bufStart + _pos;

    /// <summary>True when no byte is left (end of a batch stream).</summary>
    public bool IsAtEnd => _pos >= _end && !TryFill(1);

    /// <summary>The type of the next value, without consuming it.</summary>
    public MessagePackType PeekType()
    {
        byte code = PeekCode("a value");
        if (code == MessagePackCode.NeverUsed) throw Fail(Position, "found the reserved byte 0xc1, which never starts a value");
        return MessagePackCode.TypeOf(code);
    }

    /// <summary>Short description of the next value's encoding ("a string", "integer 5", ...), for messages.</summary>
    public string PeekDescription() => MessagePackCode.Describe(PeekCode("a value"));

    public void ReadNil()
    {
        long at = Position;
        byte code = ReadCode("nil");
        if (code != MessagePackCode.Nil) throw WrongType(at, "nil", code);
    }

    /// <summary>Consumes a nil and returns true, or leaves any other value unread and returns false.</summary>
    public bool TryReadNil()
    {
        if (PeekCode("a value") != MessagePackCode.Nil) return false;
        _pos++;
        return true;
    }

    public bool ReadBoolean()
    {
        long at = Position;
        byte code = ReadCode("a boolean");
        return code switch
        {
            MessagePackCode.True => true,
            MessagePackCode.False => false,
            _ => throw WrongType(at, "a boolean", code),
        };
    }

    /// <summary>Any integer encoding whose value fits in <see cref="long"/>.</summary>
    public long ReadInt64()
    {
        long at = Position;
        byte code = ReadCode("an integer");
        if (code <= MessagePackCode.MaxPositiveFixInt) return code;
        if (code >= MessagePackCode.MinNegativeFixInt) return (sbyte)code;
        switch (code)
        {
            case MessagePackCode.UInt8: return Take(1, "a uint8")[0];
            case MessagePackCode.UInt16: return BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a uint16"));
            case MessagePackCode.UInt32: return BinaryPrimitives.ReadUInt32BigEndian(Take(4, "a uint32"));
            case MessagePackCode.UInt64:
                ulong u = BinaryPrimitives.ReadUInt64BigEndian(Take(8, "a uint64"));
                if (u > long.MaxValue) throw Fail(at, $"integer {u} is larger than {long.MaxValue}");
                return (long)u;
            case MessagePackCode.Int8: return (sbyte)Take(1, "an int8")[0];
            case MessagePackCode.Int16: return BinaryPrimitives.ReadInt16BigEndian(Take(2, "an int16"));
            case MessagePackCode.Int32: return BinaryPrimitives.ReadInt32BigEndian(Take(4, "an int32"));
            case MessagePackCode.Int64: return BinaryPrimitives.ReadInt64BigEndian(Take(8, "an int64"));
            default: throw WrongType(at, "an integer", code);
        }
    }

    /// <summary>Any non-negative integer encoding.</summary>
    public ulong ReadUInt64()
    {
        long at = Position;
        byte code = PeekCode("an integer");
        if (code == MessagePackCode.UInt64)
        {
            _pos++;
            return BinaryPrimitives.ReadUInt64BigEndian(Take(8, "a uint64"));
        }
        long v = ReadInt64();
        if (v < 0) throw Fail(at, $"expected a non-negative integer, got {v}");
        return (ulong)v;
    }

    public int ReadInt32()
    {
        long at = Position;
        long v = ReadInt64();
        if (v is < int.MinValue or > int.MaxValue) throw Fail(at, $"integer {v} does not fit in 32 bits");
        return (int)v;
    }

    /// <summary>A float 32/64, or an integer converted to the nearest double.</summary>
    public double ReadDouble()
    {
        long at = Position;
        byte code = PeekCode("a number");
        switch (code)
        {
            case MessagePackCode.Float64:
                _pos++;
                return BinaryPrimitives.ReadDoubleBigEndian(Take(8, "a float64"));
            case MessagePackCode.Float32:
                _pos++;
                return BinaryPrimitives.ReadSingleBigEndian(Take(4, "a float32"));
            case MessagePackCode.UInt64:
                _pos++;
                return BinaryPrimitives.ReadUInt64BigEndian(Take(8, "a uint64"));
        }
        if (MessagePackCode.TypeOf(code) != MessagePackType.Integer) throw WrongType(at, "a number", code);
        return ReadInt64();
    }

    /// <summary>A str value, validated as UTF-8.</summary>
    public string ReadString()
    {
        var utf8 = ReadStringSpan();
        return utf8.Length == 0 ? "" : Encoding.UTF8.GetString(utf8);
    }

    /// <summary>
    /// A str value's UTF-8 bytes, validated, without allocating. The span is valid only until the next read.
    /// </summary>
    public ReadOnlySpan<byte> ReadStringSpan()
    {
        long at = Position;
        byte code = ReadCode("a string");
        long length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr) length = code & 0x1f;
        else if (code == MessagePackCode.Str8) length = Take(1, "a str8 length")[0];
        else if (code == MessagePackCode.Str16) length = BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a str16 length"));
        else if (code == MessagePackCode.Str32) length = BinaryPrimitives.ReadUInt32BigEndian(Take(4, "a str32 length"));
        else throw WrongType(at, "a string", code);
        var bytes = TakePayload(length, at, "string");
        if (!Utf8.IsValid(bytes)) throw Fail(at, "string is not valid UTF-8");
        return bytes;
    }

    public byte[] ReadBinary()
    {
        long at = Position;
        byte code = ReadCode("binary data");
        long length = code switch
        {
            MessagePackCode.Bin8 => Take(1, "a bin8 length")[0],
            MessagePackCode.Bin16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a bin16 length")),
            MessagePackCode.Bin32 => BinaryPrimitives.ReadUInt32BigEndian(Take(4, "a bin32 length")),
            _ => throw WrongType(at, "binary data", code),
        };
        return TakePayload(length, at, "binary").ToArray();
    }

    /// <summary>An array header: the number of elements that follow.</summary>
    public int ReadArrayHeader()
    {
        long at = Position;
        byte code = ReadCode("an array");
        long count;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray) return code & 0x0f;
        else if (code == MessagePackCode.Array16) count = BinaryPrimitives.ReadUInt16BigEndian(Take(2, "an array16 length"));
        else if (code == MessagePackCode.Array32) count = BinaryPrimitives.ReadUInt32BigEndian(Take(4, "an array32 length"));
        else throw WrongType(at, "an array", code);
        CheckCount(count, 1, at, "array");
        return (int)count;
    }

    /// <summary>A map header: the number of key/value pairs that follow.</summary>
    public int ReadMapHeader()
    {
        long at = Position;
        byte code = ReadCode("a map");
        long count;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap) return code & 0x0f;
        else if (code == MessagePackCode.Map16) count = BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a map16 length"));
        else if (code == MessagePackCode.Map32) count = BinaryPrimitives.ReadUInt32BigEndian(Take(4, "a map32 length"));
        else throw WrongType(at, "a map", code);
        CheckCount(count, 2, at, "map");
        return (int)count;
    }

    /// <summary>Any ext or fixext value, including timestamps (type −1) as raw bytes.</summary>
    public MessagePackExtension ReadExtension()
    {
        long at = Position;
        var (type, length) = ReadExtensionHeader(at);
        return new MessagePackExtension(type, TakePayload(length, at, "extension").ToArray());
    }

    /// <summary>The timestamp extension type −1 in its 32, 64 or 96-bit form (spec.md).</summary>
    public MessagePackTimestamp ReadTimestamp()
    {
        long at = Position;
        var (type, length) = ReadExtensionHeader(at);
        if (type != MessagePackCode.TimestampType) throw Fail(at, $"expected a timestamp (extension type -1), got extension type {type}");
        var data = TakePayload(length, at, "timestamp");
        return DecodeTimestamp(data, at);
    }

    /// <summary>Skips one whole value (containers included) without building it.</summary>
    public void Skip()
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            long at = Position;
            byte code = PeekCode("a value");
            switch (code == MessagePackCode.NeverUsed ? throw Fail(at, "found the reserved byte 0xc1, which never starts a value") : MessagePackCode.TypeOf(code))
            {
                case MessagePackType.Nil:
                case MessagePackType.Boolean:
                    _pos++;
                    break;
                case MessagePackType.Integer: ReadInt64OrUInt64(); break;
                case MessagePackType.Float: ReadDouble(); break;
                case MessagePackType.String: ReadStringSpan(); break;
                case MessagePackType.Binary: ReadBinaryLengthAndSkip(at); break;
                case MessagePackType.Array: pending += ReadArrayHeader(); break;
                case MessagePackType.Map: pending += 2L * ReadMapHeader(); break;
                default:
                    var (_, length) = ReadExtensionHeader(at);
                    TakePayload(length, at, "extension");
                    break;
            }
        }
    }

    /// <summary>Reads one whole value into a tree; extension type −1 becomes a <see cref="MessagePackType.Timestamp"/>.</summary>
    public MessagePackValue ReadValue() => ReadValue(0);

    public void Dispose()
    {
        if (_stream is not null && !_leaveOpen) _stream.Dispose();
    }

    private MessagePackValue ReadValue(int depth)
    {
        long at = Position;
        switch (PeekType())
        {
            case MessagePackType.Nil:
                _pos++;
                return MessagePackValue.Nil;
            case MessagePackType.Boolean:
                return MessagePackValue.FromBoolean(ReadBoolean());
            case MessagePackType.Integer:
                {
                    byte code = PeekCode("an integer");
                    if (code == MessagePackCode.UInt64) return MessagePackValue.FromUInt64(ReadUInt64());
                    long v = ReadInt64();
                    return v < 0 ? MessagePackValue.FromInt64(v) : MessagePackValue.FromUInt64((ulong)v);
                }
            case MessagePackType.Float:
                {
                    bool single = PeekCode("a float") == MessagePackCode.Float32;
                    double d = ReadDouble();
                    return single ? MessagePackValue.FromSingle((float)d) : MessagePackValue.FromDouble(d);
                }
            case MessagePackType.String:
                return MessagePackValue.FromString(ReadString());
            case MessagePackType.Binary:
                return MessagePackValue.FromBinary(ReadBinary());
            case MessagePackType.Array:
                {
                    if (depth >= MaxDepth) throw Fail(at, $"containers nested deeper than {MaxDepth} levels");
                    int count = ReadArrayHeader();
                    var items = new List<MessagePackValue>(Math.Min(count, 1024));
                    for (int i = 0; i < count; i++) items.Add(ReadValue(depth + 1));
                    return MessagePackValue.FromArray(items);
                }
            case MessagePackType.Map:
                {
                    if (depth >= MaxDepth) throw Fail(at, $"containers nested deeper than {MaxDepth} levels");
                    int count = ReadMapHeader();
                    var entries = new List<KeyValuePair<MessagePackValue, MessagePackValue>>(Math.Min(count, 1024));
                    for (int i = 0; i < count; i++)
                    {
                        var key = ReadValue(depth + 1);
                        var value = ReadValue(depth + 1);
                        entries.Add(new(key, value));
                    }
                    return MessagePackValue.FromMap(entries);
                }
            default:
                {
                    var (type, length) = ReadExtensionHeader(at);
                    var data = TakePayload(length, at, "extension");
                    return type == MessagePackCode.TimestampType
                        ? MessagePackValue.FromTimestamp(DecodeTimestamp(data, at))
                        : MessagePackValue.FromExtension(new MessagePackExtension(type, data.ToArray()));
                }
        }
    }

    private void ReadInt64OrUInt64()
    {
        if (PeekCode("an integer") == MessagePackCode.UInt64) ReadUInt64(); else ReadInt64();
    }

    private void ReadBinaryLengthAndSkip(long at)
    {
        byte code = ReadCode("binary data");
        long length = code switch
        {
            MessagePackCode.Bin8 => Take(1, "a bin8 length")[0],
            MessagePackCode.Bin16 => BinaryPrimitives.ReadUInt16BigEndian(Take(2, "a bin16 length")),
            _ => BinaryPrimitives.ReadUInt32BigEndian(Take(4, "a bin32 length")),
        };
        TakePayload(length, at, "binary");
    }

    private (sbyte Type, long Length) ReadExtensionHeader(long at)
    {
        byte code = ReadCode("an extension value");
        long length;
        switch (code)
        {
            case MessagePackCode.FixExt1: length = 1; break;
            case MessagePackCode.FixExt2: length = 2; break;
            case MessagePackCode.FixExt4: length = 4; break;
            case MessagePackCode.FixExt8: length = 8; break;
            case MessagePackCode.FixExt16: length = 16; break;
            case MessagePackCode.Ext8: length = Take(1, "an ext8 length")[0]; break;
            case MessagePackCode.Ext16: length = BinaryPrimitives.ReadUInt16BigEndian(Take(2, "an ext16 length")); break;
            case MessagePackCode.Ext32: length = BinaryPrimitives.ReadUInt32BigEndian(Take(4, "an ext32 length")); break;
            default: throw WrongType(at, "an extension value", code);
        }
        sbyte type = (sbyte)Take(1, "an extension type")[0];
        return (type, length);
    }

    private MessagePackTimestamp DecodeTimestamp(ReadOnlySpan<byte> data, long at)
    {
        long seconds;
        uint nanos;
        switch (data.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(data);
                nanos = 0;
                break;
            case 8:
                ulong v = BinaryPrimitives.ReadUInt64BigEndian(data);
                nanos = (uint)(v >> 34);
                seconds = (long)(v & 0x3_ffff_ffffUL);
                break;
            case 12:
                nanos = BinaryPrimitives.ReadUInt32BigEndian(data);
                seconds = BinaryPrimitives.ReadInt64BigEndian(data[4..]);
                break;
            default:
                throw Fail(at, $"a timestamp has 4, 8 or 12 data bytes, this one has {data.Length}");
        }
        if (nanos > 999_999_999) throw Fail(at, $"timestamp nanoseconds {nanos} exceed 999999999");
        return new MessagePackTimestamp(seconds, nanos);
    }

    private void CheckCount(long count, int minBytesPerElement, long at, string what)
    {
        long? remaining = KnownRemaining();
        if (remaining is { } r && count * minBytesPerElement > r)
        {
            throw Fail(at, $"unexpected end of data: {what} declares {count} elements but only {r} bytes remain");
        }
        if (count > Array.MaxLength) throw Fail(at, $"{what} declares {count} elements, more than this reader supports");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte PeekCode(string expected)
    {
        if (_pos >= _end) Ensure(1, expected);
        return _buf[_pos];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadCode(string expected)
    {
        if (_pos >= _end) Ensure(1, expected);
        return _buf[_pos++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count, string expected)
    {
        if (_end - _pos < count) Ensure(count, expected);
        var s = new ReadOnlySpan<byte>(_buf, _pos, count);
        _pos += count;
        return s;
    }

    /// <summary>A declared payload: checked against what remains before the buffer grows.</summary>
    private ReadOnlySpan<byte> TakePayload(long length, long headerAt, string what)
    {
        if (_end - _pos >= length)
        {
            var s = new ReadOnlySpan<byte>(_buf, _pos, (int)length);
            _pos += (int)length;
            return s;
        }
        long? remaining = KnownRemaining();
        if (remaining is { } r && length > r)
        {
            throw Fail(headerAt, $"unexpected end of data: {what} declares {length} bytes but only {r} remain");
        }
        if (length > Array.MaxLength - 16)
        {
            throw Fail(headerAt, $"{what} declares {length} bytes, more than this reader supports");
        }
        return Take((int)length, $"{length} bytes of {what}");
    }

    private long? KnownRemaining()
    {
        long inBuffer = _end - _pos;
        if (_stream is null) return inBuffer;
        if (!_seekable) return null;
        try
        {
            return inBuffer + Math.Max(0, _stream.Length - _stream.Position);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private void Ensure(int count, string expected)
    {
        if (!TryFill(count))
        {
            throw Fail(Position, $"unexpected end of data, expected {expected}" +
                (count > 1 ? $" ({count} bytes, {_end - _pos} remain)" : ""));
        }
    }

    /// <summary>Makes <paramref name="count"/> bytes available at <see cref="_pos"/>; false at the end of the data.</summary>
    private bool TryFill(int count)
    {
        if (_end - _pos >= count) return true;
        if (_stream is null) return false;
        while (_end - _pos < count)
        {
            if (_pos > 0)
            {
                Buffer.BlockCopy(_buf, _pos, _buf, 0, _end - _pos);
                _end -= _pos;
                _bufStart += _pos;
                _pos = 0;
            }
            if (_end == _buf.Length)
            {
                // Grow only when the buffer is full of real bytes, so a lying header on an unseekable stream
                // costs at most twice the data actually present.
                long grown = _seekable ? Math.Max(count, (long)_buf.Length * 2) : (long)_buf.Length * 2;
                Array.Resize(ref _buf, (int)Math.Min(grown, Array.MaxLength));
            }
            int read = _stream.Read(_buf, _end, _buf.Length - _end);
            if (read == 0) return false;
            _end += read;
        }
        return true;
    }

    private InvalidInputException WrongType(long at, string expected, byte code) =>
        Fail(at, $"expected {expected}, got {MessagePackCode.Describe(code)}");

    private InvalidInputException Fail(long at, string problem) =>
        new($"byte offset {at}: {problem}", FileName);
}
