using System.Buffers.Binary;
using System.Text;

namespace WdnAccel.Core.Io.MessagePack;

/// <summary>
/// Writes MessagePack tokens to a <see cref="Stream"/>, always in the shortest form the specification allows
/// (spec.md: "serializers SHOULD use the format which represents the data in the smallest number of bytes"),
/// big-endian. Doubles are always float64 so that values round-trip exactly. Buffered: call
/// <see cref="Flush"/> (or dispose) before reading the stream.
/// </summary>
public sealed class MessagePackWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer;
    private int _count;
    private long _flushed;

    public MessagePackWriter(Stream stream, bool leaveOpen = false, int bufferSize = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite) throw new ArgumentException("stream is not writable", nameof(stream));
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = new byte[Math.Max(bufferSize, 64)];
    }

    /// <summary>Bytes written so far (flushed or buffered).</summary>
    public long BytesWritten => _flushed + _count;

    /// <summary>Encodes what <paramref name="write"/> writes into a new array.</summary>
    public static byte[] Encode(Action<MessagePackWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new MessagePackWriter(ms, leaveOpen: true, bufferSize: 256))
        {
            write(w);
        }
        return ms.ToArray();
    }

    public void WriteNil() => Span(1)[0] = MessagePackCode.Nil;

    public void WriteBoolean(bool value) => Span(1)[0] = value ? MessagePackCode.True : MessagePackCode.False;

    public void WriteInt64(long value)
    {
        if (value >= 0)
        {
            WriteUInt64((ulong)value);
        }
        else if (value >= -32)
        {
            Span(1)[0] = unchecked((byte)(sbyte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            var s = Span(2);
            s[0] = MessagePackCode.Int8;
            s[1] = unchecked((byte)(sbyte)value);
        }
        else if (value >= short.MinValue)
        {
            var s = Span(3);
            s[0] = MessagePackCode.Int16;
            BinaryPrimitives.WriteInt16BigEndian(s[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            var s = Span(5);
            s[0] = MessagePackCode.Int32;
            BinaryPrimitives.WriteInt32BigEndian(s[1..], (int)value);
        }
        else
        {
            var s = Span(9);
            s[0] = MessagePackCode.Int64;
            BinaryPrimitives.WriteInt64BigEndian(s[1..], value);
        }
    }

    public void WriteUInt64(ulong value)
    {
        if (value <= MessagePackCode.MaxPositiveFixInt)
        {
            Span(1)[0] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            var s = Span(2);
            s[0] = MessagePackCode.UInt8;
            s[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            var s = Span(3);
            s[0] = MessagePackCode.UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            var s = Span(5);
            s[0] = MessagePackCode.UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)value);
        }
        else
        {
            var s = Span(9);
            s[0] = MessagePackCode.UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(s[1..], value);
        }
    }

    /// <summary>float 64, always: exact round trip matters more than the 4 bytes float 32 could save.</summary>
    public void WriteDouble(double value)
    {
        var s = Span(9);
        s[0] = MessagePackCode.Float64;
        BinaryPrimitives.WriteDoubleBigEndian(s[1..], value);
    }

    public void WriteSingle(float value)
    {
        var s = Span(5);
        s[0] = MessagePackCode.Float32;
        BinaryPrimitives.WriteSingleBigEndian(s[1..], value);
    }

    /// <summary>A UTF-8 string (str family). Throws on strings with unpaired surrogates, which have no UTF-8 form.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length;
        try
        {
            length = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("string is not valid UTF-16 (unpaired surrogate)", nameof(value), e);
        }
        WriteStringHeader(length);
        StrictUtf8.GetBytes(value, Span(length));
    }

    /// <summary>A string given as its UTF-8 bytes (not validated: the caller vouches for them).</summary>
    public void WriteStringUtf8(ReadOnlySpan<byte> utf8)
    {
        WriteStringHeader(utf8.Length);
        WriteRaw(utf8);
    }

    public void WriteStringHeader(int byteLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteLength);
        if (byteLength <= 31)
        {
            Span(1)[0] = (byte)(MessagePackCode.MinFixStr | byteLength);
        }
        else if (byteLength <= byte.MaxValue)
        {
            var s = Span(2);
            s[0] = MessagePackCode.Str8;
            s[1] = (byte)byteLength;
        }
        else if (byteLength <= ushort.MaxValue)
        {
            var s = Span(3);
            s[0] = MessagePackCode.Str16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)byteLength);
        }
        else
        {
            var s = Span(5);
            s[0] = MessagePackCode.Str32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)byteLength);
        }
    }

    public void WriteBinary(ReadOnlySpan<byte> data)
    {
        if (data.Length <= byte.MaxValue)
        {
            var s = Span(2);
            s[0] = MessagePackCode.Bin8;
            s[1] = (byte)data.Length;
        }
        else if (data.Length <= ushort.MaxValue)
        {
            var s = Span(3);
            s[0] = MessagePackCode.Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)data.Length);
        }
        else
        {
            var s = Span(5);
            s[0] = MessagePackCode.Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)data.Length);
        }
        WriteRaw(data);
    }

    public void WriteArrayHeader(int count) => WriteContainerHeader(count, MessagePackCode.MinFixArray, MessagePackCode.Array16, MessagePackCode.Array32);

    public void WriteMapHeader(int count) => WriteContainerHeader(count, MessagePackCode.MinFixMap, MessagePackCode.Map16, MessagePackCode.Map32);

    /// <summary>An extension value: fixext 1/2/4/8/16 where the length fits, else ext 8/16/32.</summary>
    public void WriteExtension(sbyte typeCode, ReadOnlySpan<byte> data)
    {
        byte fix = data.Length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => 0,
        };
        if (fix != 0)
        {
            var s = Span(2);
            s[0] = fix;
            s[1] = unchecked((byte)typeCode);
        }
        else if (data.Length <= byte.MaxValue)
        {
            var s = Span(3);
            s[0] = MessagePackCode.Ext8;
            s[1] = (byte)data.Length;
            s[2] = unchecked((byte)typeCode);
        }
        else if (data.Length <= ushort.MaxValue)
        {
            var s = Span(4);
            s[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)data.Length);
            s[3] = unchecked((byte)typeCode);
        }
        else
        {
            var s = Span(6);
            s[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)data.Length);
            s[5] = unchecked((byte)typeCode);
        }
        WriteRaw(data);
    }

    /// <summary>
    /// Timestamp extension (type −1) in the smallest of its forms (spec.md): 32-bit when the nanoseconds are 0
    /// and the seconds fit in uint32, 64-bit when the seconds fit in 34 bits, else 96-bit.
    /// </summary>
    public void WriteTimestamp(MessagePackTimestamp value)
    {
        long seconds = value.Seconds;
        uint nanos = value.Nanoseconds;
        if ((seconds >> 34) == 0)
        {
            if (nanos == 0 && seconds <= uint.MaxValue)
            {
                Span<byte> d = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32BigEndian(d, (uint)seconds);
                WriteExtension(MessagePackCode.TimestampType, d);
            }
            else
            {
                Span<byte> d = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(d, ((ulong)nanos << 34) | (ulong)seconds);
                WriteExtension(MessagePackCode.TimestampType, d);
            }
        }
        else
        {
            Span<byte> d = stackalloc byte[12];
            BinaryPrimitives.WriteUInt32BigEndian(d, nanos);
            BinaryPrimitives.WriteInt64BigEndian(d[4..], seconds);
            WriteExtension(MessagePackCode.TimestampType, d);
        }
    }

    /// <summary>Writes a whole value tree.</summary>
    public void WriteValue(MessagePackValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Type)
        {
            case MessagePackType.Nil: WriteNil(); break;
            case MessagePackType.Boolean: WriteBoolean(value.AsBoolean()); break;
            case MessagePackType.Integer:
                if (value.IsNegative) WriteInt64(value.AsInt64()); else WriteUInt64(value.AsUInt64());
                break;
            case MessagePackType.Float:
                if (value.IsSinglePrecision) WriteSingle((float)value.AsDouble()); else WriteDouble(value.AsDouble());
                break;
            case MessagePackType.String: WriteString(value.AsString()); break;
            case MessagePackType.Binary: WriteBinary(value.AsBinary()); break;
            case MessagePackType.Array:
                var items = value.AsArray();
                WriteArrayHeader(items.Count);
                foreach (var item in items) WriteValue(item);
                break;
            case MessagePackType.Map:
                var entries = value.AsMap();
                WriteMapHeader(entries.Count);
                foreach (var (k, v) in entries)
                {
                    WriteValue(k);
                    WriteValue(v);
                }
                break;
            case MessagePackType.Extension:
                var ext = value.AsExtension();
                WriteExtension(ext.TypeCode, ext.Data);
                break;
            case MessagePackType.Timestamp: WriteTimestamp(value.AsTimestamp()); break;
            default: throw new ArgumentOutOfRangeException(nameof(value), value.Type, "unknown MessagePack type");
        }
    }

    /// <summary>Bytes copied verbatim (they must already be MessagePack).</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _count)
        {
            FlushBuffer();
            if (bytes.Length > _buffer.Length)
            {
                _stream.Write(bytes);
                _flushed += bytes.Length;
                return;
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
    }

    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    public void Dispose()
    {
        Flush();
        if (!_leaveOpen) _stream.Dispose();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private void WriteContainerHeader(int count, byte fix, byte code16, byte code32)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count <= 15)
        {
            Span(1)[0] = (byte)(fix | count);
        }
        else if (count <= ushort.MaxValue)
        {
            var s = Span(3);
            s[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(s[1..], (ushort)count);
        }
        else
        {
            var s = Span(5);
            s[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(s[1..], (uint)count);
        }
    }

    /// <summary>Reserves <paramref name="size"/> bytes in the buffer and returns them.</summary>
    private Span<byte> Span(int size)
    {
        if (size > _buffer.Length - _count)
        {
            FlushBuffer();
            if (size > _buffer.Length) _buffer = new byte[size];
        }
        var s = _buffer.AsSpan(_count, size);
        _count += size;
        return s;
    }

    private void FlushBuffer()
    {
        if (_count == 0) return;
        _stream.Write(_buffer, 0, _count);
        _flushed += _count;
        _count = 0;
    }
}
