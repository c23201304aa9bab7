using System.Buffers.Binary;
using System.Globalization;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// A decoded MessagePack value tree for generic use (result records, graph files; the scenario mapper reads tokens
/// directly instead). Decoding and encoding go through MessagePack-CSharp (<see cref="Decode"/>, <see cref="WriteTo"/>).
/// Integers keep their full range: negative values as <see cref="long"/>, non-negative as <see cref="ulong"/>.
/// Maps keep their entries in file order and may have keys of any type, as the specification allows.
/// </summary>
public sealed class MessagePackValue : IEquatable<MessagePackValue>
{
    private readonly ulong _bits;          // integer (two's complement when negative) or double bits
    private readonly long _extra;          // timestamp seconds
    private readonly object? _object;      // string, byte[], list, map entries, extension

    private MessagePackValue(MessagePackType type, ulong bits = 0, object? obj = null, bool negative = false, bool single = false, long extra = 0)
    {
        Type = type;
        _bits = bits;
        _object = obj;
        IsNegative = negative;
        IsSinglePrecision = single;
        _extra = extra;
    }

    public MessagePackType Type { get; }

    /// <summary>An integer below zero (stored as <see cref="long"/>).</summary>
    public bool IsNegative { get; }

    /// <summary>A float that was (or is to be) encoded as float 32.</summary>
    public bool IsSinglePrecision { get; }

    public static MessagePackValue Nil { get; } = new(MessagePackType.Nil);
    public static MessagePackValue True { get; } = new(MessagePackType.Boolean, 1);
    public static MessagePackValue False { get; } = new(MessagePackType.Boolean, 0);

    public static MessagePackValue FromBoolean(bool value) => value ? True : False;
    public static MessagePackValue FromInt64(long value) => new(MessagePackType.Integer, unchecked((ulong)value), negative: value < 0);
    public static MessagePackValue FromUInt64(ulong value) => new(MessagePackType.Integer, value);
    public static MessagePackValue FromDouble(double value) => new(MessagePackType.Float, BitConverter.DoubleToUInt64Bits(value));
    public static MessagePackValue FromSingle(float value) => new(MessagePackType.Float, BitConverter.DoubleToUInt64Bits(value), single: true);
    public static MessagePackValue FromString(string value) => new(MessagePackType.String, obj: value ?? throw new ArgumentNullException(nameof(value)));
    public static MessagePackValue FromBinary(byte[] value) => new(MessagePackType.Binary, obj: value ?? throw new ArgumentNullException(nameof(value)));
    public static MessagePackValue FromArray(IReadOnlyList<MessagePackValue> items) => new(MessagePackType.Array, obj: items ?? throw new ArgumentNullException(nameof(items)));
    public static MessagePackValue FromMap(IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> entries) => new(MessagePackType.Map, obj: entries ?? throw new ArgumentNullException(nameof(entries)));
    public static MessagePackValue FromExtension(MessagePackExtension value) => new(MessagePackType.Extension, obj: value ?? throw new ArgumentNullException(nameof(value)));
    public static MessagePackValue FromTimestamp(MessagePackTimestamp value) => new(MessagePackType.Timestamp, value.Nanoseconds, extra: value.Seconds);

    public bool IsNil => Type == MessagePackType.Nil;

    public bool AsBoolean() => Type == MessagePackType.Boolean ? _bits != 0 : throw Wrong("a boolean");

    /// <summary>The integer as <see cref="long"/>; throws where it is above <see cref="long.MaxValue"/> or not an integer.</summary>
    public long AsInt64()
    {
        if (Type != MessagePackType.Integer) throw Wrong("an integer");
        if (!IsNegative && _bits > long.MaxValue) throw new InvalidOperationException($"integer {_bits} does not fit in Int64");
        return unchecked((long)_bits);
    }

    public ulong AsUInt64()
    {
        if (Type != MessagePackType.Integer) throw Wrong("an integer");
        if (IsNegative) throw new InvalidOperationException($"integer {unchecked((long)_bits)} is negative");
        return _bits;
    }

    /// <summary>A float, or an integer converted to the nearest double.</summary>
    public double AsDouble() => Type switch
    {
        MessagePackType.Float => BitConverter.UInt64BitsToDouble(_bits),
        MessagePackType.Integer => IsNegative ? unchecked((long)_bits) : (double)_bits,
        _ => throw Wrong("a number"),
    };

    public string AsString() => Type == MessagePackType.String ? (string)_object! : throw Wrong("a string");
    public byte[] AsBinary() => Type == MessagePackType.Binary ? (byte[])_object! : throw Wrong("binary data");
    public IReadOnlyList<MessagePackValue> AsArray() => Type == MessagePackType.Array ? (IReadOnlyList<MessagePackValue>)_object! : throw Wrong("an array");
    public IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>> AsMap() =>
        Type == MessagePackType.Map ? (IReadOnlyList<KeyValuePair<MessagePackValue, MessagePackValue>>)_object! : throw Wrong("a map");
    public MessagePackExtension AsExtension() => Type == MessagePackType.Extension ? (MessagePackExtension)_object! : throw Wrong("an extension");
    public MessagePackTimestamp AsTimestamp() => Type == MessagePackType.Timestamp ? new MessagePackTimestamp(_extra, (uint)_bits) : throw Wrong("a timestamp");

    /// <summary>The value of the first entry whose key is the string <paramref name="key"/>, or null.</summary>
    public MessagePackValue? this[string key]
    {
        get
        {
            foreach (var (k, v) in AsMap())
            {
                if (k.Type == MessagePackType.String && (string)k._object! == key) return v;
            }
            return null;
        }
    }

    /// <summary>
    /// Structural equality. Integers compare by value whatever their encoding; floats by bit pattern except that
    /// 0.0 == −0.0 is false and NaN equals NaN with the same bits (exact round-trip semantics).
    /// </summary>
    public bool Equals(MessagePackValue? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Type != other.Type) return false;
        switch (Type)
        {
            case MessagePackType.Nil: return true;
            case MessagePackType.Boolean:
            case MessagePackType.Integer:
                return _bits == other._bits && IsNegative == other.IsNegative;
            case MessagePackType.Float:
                return _bits == other._bits;
            case MessagePackType.String: return (string)_object! == (string)other._object!;
            case MessagePackType.Binary: return ((byte[])_object!).AsSpan().SequenceEqual((byte[])other._object!);
            case MessagePackType.Extension: return AsExtension().Equals(other.AsExtension());
            case MessagePackType.Timestamp: return _bits == other._bits && _extra == other._extra;
            case MessagePackType.Array:
                var a = AsArray();
                var b = other.AsArray();
                if (a.Count != b.Count) return false;
                for (int i = 0; i < a.Count; i++) if (!a[i].Equals(b[i])) return false;
                return true;
            case MessagePackType.Map:
                var m = AsMap();
                var n = other.AsMap();
                if (m.Count != n.Count) return false;
                for (int i = 0; i < m.Count; i++)
                {
                    if (!m[i].Key.Equals(n[i].Key) || !m[i].Value.Equals(n[i].Value)) return false;
                }
                return true;
            default: return false;
        }
    }

    public override bool Equals(object? obj) => obj is MessagePackValue v && Equals(v);

    public override int GetHashCode() => Type switch
    {
        MessagePackType.String => HashCode.Combine(Type, (string)_object!),
        MessagePackType.Array => HashCode.Combine(Type, AsArray().Count),
        MessagePackType.Map => HashCode.Combine(Type, AsMap().Count),
        MessagePackType.Binary => HashCode.Combine(Type, AsBinary().Length),
        MessagePackType.Extension => AsExtension().GetHashCode(),
        _ => HashCode.Combine(Type, _bits, _extra),
    };

    public override string ToString() => Type switch
    {
        MessagePackType.Nil => "nil",
        MessagePackType.Boolean => AsBoolean() ? "true" : "false",
        MessagePackType.Integer => IsNegative ? AsInt64().ToString(CultureInfo.InvariantCulture) : _bits.ToString(CultureInfo.InvariantCulture),
        MessagePackType.Float => AsDouble().ToString("R", CultureInfo.InvariantCulture),
        MessagePackType.String => $"\"{AsString()}\"",
        MessagePackType.Binary => $"bin[{Convert.ToHexString(AsBinary())}]",
        MessagePackType.Array => $"[{string.Join(", ", AsArray())}]",
        MessagePackType.Map => $"{{{string.Join(", ", AsMap().Select(e => $"{e.Key}: {e.Value}"))}}}",
        MessagePackType.Extension => $"ext({AsExtension().TypeCode}, {Convert.ToHexString(AsExtension().Data)})",
        MessagePackType.Timestamp => $"timestamp({AsTimestamp()})",
        _ => Type.ToString(),
    };

    /// <summary>Decodes exactly one value; trailing bytes are an error naming their offset.</summary>
    public static MessagePackValue Decode(ReadOnlyMemory<byte> data, string? file = null)
    {
        var tokens = new MessagePackTokens();
        var reader = new Lib.MessagePackReader(data);
        MessagePackTokenizer.ReadValue(ref reader, tokens, file: file);
        if (!reader.End) throw new InvalidInputException($"byte offset {reader.Consumed}: unexpected data after the value", file);
        int i = 0;
        return FromTokens(tokens, ref i);
    }

    /// <summary>The value that starts at token <paramref name="index"/>; <paramref name="index"/> moves past it.</summary>
    public static MessagePackValue FromTokens(MessagePackTokens tokens, ref int index)
    {
        var t = tokens[index++];
        switch (t.Type)
        {
            case MessagePackType.Nil: return Nil;
            case MessagePackType.Boolean: return FromBoolean(t.Bits != 0);
            case MessagePackType.Integer: return t.IsNegative ? FromInt64(unchecked((long)t.Bits)) : FromUInt64(t.Bits);
            case MessagePackType.Float: return t.IsSinglePrecision ? FromSingle((float)t.Double) : FromDouble(t.Double);
            case MessagePackType.String: return FromString((string)t.Object!);
            case MessagePackType.Binary: return FromBinary((byte[])t.Object!);
            case MessagePackType.Extension: return FromExtension((MessagePackExtension)t.Object!);
            case MessagePackType.Timestamp: return FromTimestamp(new MessagePackTimestamp((long)t.Object!, (uint)t.Bits));
            case MessagePackType.Array:
                {
                    var items = new List<MessagePackValue>(t.Count);
                    for (int k = 0; k < t.Count; k++) items.Add(FromTokens(tokens, ref index));
                    return FromArray(items);
                }
            default:
                {
                    var entries = new List<KeyValuePair<MessagePackValue, MessagePackValue>>(t.Count);
                    for (int k = 0; k < t.Count; k++)
                    {
                        var key = FromTokens(tokens, ref index);
                        entries.Add(new(key, FromTokens(tokens, ref index)));
                    }
                    return FromMap(entries);
                }
        }
    }

    /// <summary>Encodes the tree in the shortest forms (MessagePack-CSharp's choices; float 64 for doubles).</summary>
    public byte[] Encode() => MessagePackEncoding.Encode(this, static (ref Lib.MessagePackWriter w, MessagePackValue v) => v.WriteTo(ref w));

    public void WriteTo(ref Lib.MessagePackWriter writer)
    {
        switch (Type)
        {
            case MessagePackType.Nil: writer.WriteNil(); break;
            case MessagePackType.Boolean: writer.Write(_bits != 0); break;
            case MessagePackType.Integer:
                if (IsNegative) writer.Write(unchecked((long)_bits)); else writer.Write(_bits);
                break;
            case MessagePackType.Float:
                if (IsSinglePrecision) writer.Write((float)AsDouble()); else writer.Write(AsDouble());
                break;
            case MessagePackType.String: writer.Write((string)_object!); break;
            case MessagePackType.Binary: writer.Write((byte[])_object!); break;
            case MessagePackType.Array:
                var items = AsArray();
                writer.WriteArrayHeader(items.Count);
                foreach (var item in items) item.WriteTo(ref writer);
                break;
            case MessagePackType.Map:
                var entries = AsMap();
                writer.WriteMapHeader(entries.Count);
                foreach (var (k, v) in entries)
                {
                    k.WriteTo(ref writer);
                    v.WriteTo(ref writer);
                }
                break;
            case MessagePackType.Extension:
                var ext = AsExtension();
                writer.WriteExtensionFormatHeader(new Lib.ExtensionHeader(ext.TypeCode, (uint)ext.Data.Length));
                writer.WriteRaw(ext.Data);
                break;
            default:
                WriteTimestamp(ref writer, AsTimestamp());
                break;
        }
    }

    /// <summary>
    /// Timestamp extension (type −1) in the smallest of its forms (spec.md): 32-bit when the nanoseconds are 0 and
    /// the seconds fit in uint32, 64-bit when the seconds fit in 34 bits, else 96-bit. MessagePack-CSharp writes
    /// timestamps only from <see cref="DateTime"/>, whose range is narrower than the format's.
    /// </summary>
    private static void WriteTimestamp(ref Lib.MessagePackWriter writer, MessagePackTimestamp value)
    {
        long seconds = value.Seconds;
        uint nanos = value.Nanoseconds;
        byte[] d = new byte[12];
        int length;
        if ((seconds >> 34) == 0 && nanos == 0 && seconds <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32BigEndian(d, (uint)seconds);
            length = 4;
        }
        else if ((seconds >> 34) == 0)
        {
            BinaryPrimitives.WriteUInt64BigEndian(d, ((ulong)nanos << 34) | (ulong)seconds);
            length = 8;
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(d, nanos);
            BinaryPrimitives.WriteInt64BigEndian(d.AsSpan(4), seconds);
            length = 12;
        }
        writer.WriteExtensionFormatHeader(new Lib.ExtensionHeader(MessagePackTokenizer.TimestampType, (uint)length));
        writer.WriteRaw(d.AsSpan(0, length));
    }

    private InvalidOperationException Wrong(string expected) => new($"expected {expected}, the value is {Type}");
}
