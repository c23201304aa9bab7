using System.Buffers;
using System.Buffers.Binary;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// Reads one complete MessagePack value with MessagePack-CSharp's <see cref="Lib.MessagePackReader"/> into a flat
/// <see cref="MessagePackTokens"/> list: one tight pass over the bytes, no value tree. Readers of our schemas walk the
/// tokens afterwards, so the bytes are read by the library alone and every error can name its byte offset.
/// Strict where the library is lenient: strings must be valid UTF-8, the reserved byte 0xc1 and nesting deeper than
/// <see cref="MaxDepth"/> are errors, and timestamps (extension type −1) must have 4, 8 or 12 data bytes
/// (MessagePack specification, "Timestamp extension type").
/// </summary>
public static class MessagePackTokenizer
{
    public const int MaxDepth = 64;

    /// <summary>The predefined timestamp extension type (spec.md).</summary>
    public const sbyte TimestampType = -1;

    /// <summary>
    /// As <see cref="ReadValue"/>, but a problem is stored in <see cref="MessagePackTokens.Error"/> with the tokens
    /// read before it, for schema readers that add the field path to the message. False when that happened.
    /// </summary>
    public static bool TryReadValue(ref Lib.MessagePackReader reader, MessagePackTokens tokens, Utf8StringCache? strings = null,
        long baseOffset = 0, string? file = null)
    {
        try
        {
            ReadValue(ref reader, tokens, strings, baseOffset, file);
            return true;
        }
        catch (InvalidInputException e)
        {
            tokens.Error = e;
            return false;
        }
    }

    /// <summary>
    /// Appends the tokens of the value at the reader's position. Offsets are <paramref name="baseOffset"/> plus the
    /// reader's consumed bytes. Problems are <see cref="InvalidInputException"/>s with "byte offset N: …".
    /// </summary>
    public static void ReadValue(ref Lib.MessagePackReader reader, MessagePackTokens tokens, Utf8StringCache? strings = null,
        long baseOffset = 0, string? file = null)
    {
        Span<long> pending = stackalloc long[MaxDepth + 1];
        int depth = 0;
        pending[0] = 1;
        long at = baseOffset + reader.Consumed;
        try
        {
            while (true)
            {
                while (pending[depth] == 0)
                {
                    if (depth == 0) return;
                    depth--;
                }
                pending[depth]--;
                at = baseOffset + reader.Consumed;
                if (reader.End)
                {
                    tokens.Truncated = true;
                    throw Fail(at, "unexpected end of data, expected a value", file);
                }
                byte code = reader.NextCode;
                switch (Lib.MessagePackCode.ToMessagePackType(code))
                {
                    case Lib.MessagePackType.Nil:
                        reader.ReadNil();
                        tokens.AddScalar(MessagePackType.Nil, at, 0);
                        break;
                    case Lib.MessagePackType.Boolean:
                        tokens.AddScalar(MessagePackType.Boolean, at, reader.ReadBoolean() ? 1UL : 0UL);
                        break;
                    case Lib.MessagePackType.Integer:
                        if (code == Lib.MessagePackCode.UInt64)
                        {
                            tokens.AddScalar(MessagePackType.Integer, at, reader.ReadUInt64());
                        }
                        else
                        {
                            long v = reader.ReadInt64();
                            tokens.AddScalar(MessagePackType.Integer, at, unchecked((ulong)v), negative: v < 0);
                        }
                        break;
                    case Lib.MessagePackType.Float:
                        {
                            bool single = code == Lib.MessagePackCode.Float32;
                            double d = single ? reader.ReadSingle() : reader.ReadDouble();
                            tokens.AddScalar(MessagePackType.Float, at, BitConverter.DoubleToUInt64Bits(d), single: single);
                            break;
                        }
                    case Lib.MessagePackType.String:
                        tokens.AddObject(MessagePackType.String, at, ReadString(ref reader, strings, at, file));
                        break;
                    case Lib.MessagePackType.Binary:
                        tokens.AddObject(MessagePackType.Binary, at, reader.ReadBytes()!.Value.ToArray());
                        break;
                    case Lib.MessagePackType.Array:
                    case Lib.MessagePackType.Map:
                        {
                            bool map = Lib.MessagePackCode.ToMessagePackType(code) == Lib.MessagePackType.Map;
                            if (depth == MaxDepth) throw Fail(at, $"containers nested deeper than {MaxDepth} levels", file);
                            int n = map ? reader.ReadMapHeader() : reader.ReadArrayHeader();
                            tokens.AddContainer(map ? MessagePackType.Map : MessagePackType.Array, at, n);
                            pending[++depth] = map ? 2L * n : n;
                            break;
                        }
                    case Lib.MessagePackType.Extension:
                        tokens.Add(ReadExtension(ref reader, at, file));
                        break;
                    default:
                        throw Fail(at, code == Lib.MessagePackCode.NeverUsed
                            ? "the reserved byte 0xc1 is not a MessagePack value"
                            : $"byte 0x{code:x2} is not a MessagePack type code", file);
                }
            }
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentOutOfRangeException)
        {
            // MessagePack-CSharp: EndOfStreamException for data that ends early, ArgumentOutOfRangeException for a
            // str/bin length beyond the data it was given.
            tokens.Truncated = true;
            throw Fail(at, "unexpected end of data: the value starting here is cut short", file);
        }
        catch (Lib.MessagePackSerializationException e)
        {
            throw Fail(at, e.Message, file);
        }
    }

    private static string ReadString(ref Lib.MessagePackReader reader, Utf8StringCache? strings, long at, string? file)
    {
        if (reader.TryReadStringSpan(out var span)) return Decode(span, strings, at, file);
        var sequence = reader.ReadStringSequence()!.Value;
        return Decode(sequence.ToArray(), strings, at, file);
    }

    private static string Decode(ReadOnlySpan<byte> utf8, Utf8StringCache? strings, long at, string? file) =>
        (strings is null ? Utf8StringCache.Decode(utf8) : strings.Get(utf8)) ?? throw Fail(at, "string is not valid UTF-8", file);

    private static MessagePackToken ReadExtension(ref Lib.MessagePackReader reader, long at, string? file)
    {
        var header = reader.ReadExtensionFormatHeader();
        var data = reader.ReadRaw(header.Length);
        if (header.TypeCode != TimestampType)
        {
            return new MessagePackToken(MessagePackType.Extension, at, obj: new MessagePackExtension(header.TypeCode, data.ToArray()));
        }
        Span<byte> d = stackalloc byte[12];
        if (data.Length is not (4 or 8 or 12)) throw Fail(at, $"a timestamp has 4, 8 or 12 data bytes, this one has {data.Length}", file);
        data.CopyTo(d);
        long seconds;
        uint nanos;
        switch (data.Length)
        {
            case 4:
                seconds = BinaryPrimitives.ReadUInt32BigEndian(d);
                nanos = 0;
                break;
            case 8:
                ulong v = BinaryPrimitives.ReadUInt64BigEndian(d);
                nanos = (uint)(v >> 34);
                seconds = (long)(v & 0x3_ffff_ffffUL);
                break;
            default:
                nanos = BinaryPrimitives.ReadUInt32BigEndian(d);
                seconds = BinaryPrimitives.ReadInt64BigEndian(d[4..]);
                break;
        }
        if (nanos > 999_999_999) throw Fail(at, $"timestamp nanoseconds {nanos} exceed 999999999", file);
        return new MessagePackToken(MessagePackType.Timestamp, at, nanos, obj: seconds);
    }

    private static InvalidInputException Fail(long at, string problem, string? file) => new($"byte offset {at}: {problem}", file);
}
