using System.Runtime.CompilerServices;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// A reusable, growable list of <see cref="MessagePackToken"/>s holding one decoded value (a scenario map, a result
/// record). Stored as parallel arrays so that numbers and headers — most of a scenario — are written without
/// touching object references (no GC write barrier); reuse across values keeps decoding of a long stream free of
/// per-value arrays.
/// </summary>
public sealed class MessagePackTokens
{
    private const byte NegativeFlag = 0x40;
    private const byte SingleFlag = 0x80;
    private const byte TypeMask = 0x3f;

    private byte[] _types = new byte[1024];
    private long[] _offsets = new long[1024];
    private ulong[] _bits = new ulong[1024];
    private object?[] _objects = new object?[1024];

    public int Count { get; private set; }

    /// <summary>
    /// Set when the value could not be read to its end: the tokens before the problem are kept, and a reader that
    /// walks past them meets this error, so it can say which field was being read (`pipes[3].length`).
    /// </summary>
    public InvalidInputException? Error { get; set; }

    /// <summary>The <see cref="Error"/> is that the data ended inside the value (more bytes may complete it).</summary>
    public bool Truncated { get; set; }

    public MessagePackToken this[int index]
    {
        get
        {
            byte t = _types[index];
            var type = (MessagePackType)(t & TypeMask);
            bool container = type is MessagePackType.Array or MessagePackType.Map;
            return new MessagePackToken(type, _offsets[index], container ? 0 : _bits[index], _objects[index],
                container ? (int)_bits[index] : 0, (t & NegativeFlag) != 0, (t & SingleFlag) != 0);
        }
    }

    /// <summary>The type of token <paramref name="index"/> (cheaper than the whole token).</summary>
    public MessagePackType TypeAt(int index) => (MessagePackType)(_types[index] & TypeMask);

    public ulong BitsAt(int index) => _bits[index];

    public object? ObjectAt(int index) => _objects[index];

    public long OffsetAt(int index) => _offsets[index];

    public void Add(in MessagePackToken token)
    {
        bool container = token.Type is MessagePackType.Array or MessagePackType.Map;
        int i = Slot(token.Type, token.Offset, container ? (ulong)token.Count : token.Bits,
            (byte)((token.IsNegative ? NegativeFlag : 0) | (token.IsSinglePrecision ? SingleFlag : 0)));
        _objects[i] = token.Object;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddScalar(MessagePackType type, long offset, ulong bits, bool negative = false, bool single = false) =>
        Slot(type, offset, bits, (byte)((negative ? NegativeFlag : 0) | (single ? SingleFlag : 0)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddContainer(MessagePackType type, long offset, int count) => Slot(type, offset, (ulong)count, 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddObject(MessagePackType type, long offset, object value, ulong bits = 0)
    {
        int i = Slot(type, offset, bits, 0); // before reading _objects: Slot may grow the arrays
        _objects[i] = value;
    }

    public void Clear()
    {
        // Object slots are not cleared: every token that has an object writes it, and the stale ones only keep the
        // previous value's strings alive until they are overwritten.
        Count = 0;
        Error = null;
        Truncated = false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(MessagePackType type, long offset, ulong bits, byte flags)
    {
        int i = Count;
        if ((uint)i >= (uint)_types.Length) Grow();
        _types[i] = (byte)((byte)type | flags);
        _offsets[i] = offset;
        _bits[i] = bits;
        Count = i + 1;
        return i;
    }

    private void Grow()
    {
        int size = _types.Length * 2;
        Array.Resize(ref _types, size);
        Array.Resize(ref _offsets, size);
        Array.Resize(ref _bits, size);
        Array.Resize(ref _objects, size);
    }

    /// <summary>Writes the tokens in order: containers as headers, scalars in the form they were read or added in.</summary>
    public void WriteTo(ref Lib.MessagePackWriter writer)
    {
        for (int i = 0; i < Count; i++)
        {
            byte t = _types[i];
            switch ((MessagePackType)(t & TypeMask))
            {
                case MessagePackType.Nil: writer.WriteNil(); break;
                case MessagePackType.Boolean: writer.Write(_bits[i] != 0); break;
                case MessagePackType.Integer:
                    if ((t & NegativeFlag) != 0) writer.Write(unchecked((long)_bits[i])); else writer.Write(_bits[i]);
                    break;
                case MessagePackType.Float:
                    double d = BitConverter.UInt64BitsToDouble(_bits[i]);
                    if ((t & SingleFlag) != 0) writer.Write((float)d); else writer.Write(d);
                    break;
                case MessagePackType.String: writer.Write((string)_objects[i]!); break;
                case MessagePackType.Array: writer.WriteArrayHeader((int)_bits[i]); break;
                case MessagePackType.Map: writer.WriteMapHeader((int)_bits[i]); break;
                default:
                    int index = i;
                    MessagePackValue.FromTokens(this, ref index).WriteTo(ref writer); // binary, extension, timestamp
                    break;
            }
        }
    }
}
