using System.Buffers;
using MessagePack.Formatters;
using MessagePack.Resolvers;
using Lib = global::MessagePack;

namespace WdnAccel.Core.Io.Msgpack;

/// <summary>
/// Optional LZ4 compression of one value, as MessagePack-CSharp's <see cref="Lib.MessagePackCompression.Lz4BlockArray"/>
/// writes it: an array whose first element is extension type 98 holding the uncompressed lengths, followed by
/// binary LZ4 blocks. Readers detect it per value, so compressed and plain values may share a stream; any
/// MessagePack implementation can still walk the stream, and one with LZ4 can read the values.
/// </summary>
public static class Lz4Envelope
{
    // MessagePack-CSharp's extension type codes for its LZ4 envelopes (its README, "LZ4 Compression").
    private const sbyte Lz4BlockType = 99;
    private const sbyte Lz4BlockArrayType = 98;

    private static readonly Lib.MessagePackSerializerOptions Options = Lib.MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create([TokensFormatter.Instance], [BuiltinResolver.Instance]))
        .WithCompression(Lib.MessagePackCompression.Lz4BlockArray);

    /// <summary>Whether <paramref name="value"/> is an Lz4BlockArray (or Lz4Block) envelope rather than a plain value.</summary>
    public static bool IsCompressed(in ReadOnlySequence<byte> value)
    {
        try
        {
            var reader = new Lib.MessagePackReader(value);
            if (reader.NextMessagePackType == Lib.MessagePackType.Extension)
            {
                return reader.ReadExtensionFormatHeader().TypeCode == Lz4BlockType;
            }
            if (reader.NextMessagePackType != Lib.MessagePackType.Array || reader.ReadArrayHeader() == 0) return false;
            return reader.NextMessagePackType == Lib.MessagePackType.Extension
                && reader.ReadExtensionFormatHeader().TypeCode == Lz4BlockArrayType;
        }
        catch (EndOfStreamException)
        {
            return false; // too short to be an envelope; the plain reader reports the truncation
        }
    }

    /// <summary>Whether already decoded <paramref name="tokens"/> are an Lz4BlockArray envelope.</summary>
    public static bool IsCompressed(MessagePackTokens tokens) =>
        tokens.Count >= 2 && tokens[0].Type == MessagePackType.Array && tokens[1].Type == MessagePackType.Extension
        && ((MessagePackExtension)tokens[1].Object!).TypeCode == Lz4BlockArrayType
        || tokens.Count >= 1 && tokens[0].Type == MessagePackType.Extension && ((MessagePackExtension)tokens[0].Object!).TypeCode == Lz4BlockType;

    /// <summary>
    /// The tokens of the value inside the envelope (offsets count bytes of the decompressed value), read into
    /// <paramref name="into"/> when given (cleared first) so that a long stream reuses one token list and string cache.
    /// </summary>
    public static MessagePackTokens Decompress(in ReadOnlySequence<byte> value, string? file, MessagePackTokens? into = null, Utf8StringCache? strings = null)
    {
        // The serializer calls the formatter without a way to pass arguments; the target rides on the thread.
        CheckDeclaredLengths(value, file);
        into ??= new MessagePackTokens();
        into.Clear();
        t_target = (into, strings ?? Utf8StringCache.ForThisThread);
        try
        {
            return Lib.MessagePackSerializer.Deserialize<MessagePackTokens>(value, Options);
        }
        catch (Lib.MessagePackSerializationException e) when (e.InnerException is InvalidInputException inner)
        {
            throw new InvalidInputException($"in the LZ4-compressed value: {inner.Problem}", file);
        }
        catch (Lib.MessagePackSerializationException e)
        {
            throw new InvalidInputException($"the LZ4-compressed value cannot be decompressed ({e.InnerException?.Message ?? e.Message})", file);
        }
        finally
        {
            t_target = default;
        }
    }

    /// <summary>
    /// LZ4 expands a block at most about 255-fold (a match length byte of 255 per input byte), so an envelope whose
    /// declared uncompressed lengths exceed that is refused before the library allocates what it declares.
    /// </summary>
    private static void CheckDeclaredLengths(in ReadOnlySequence<byte> value, string? file)
    {
        const long MaxRatio = 255, Slack = 64;
        try
        {
            var reader = new Lib.MessagePackReader(value);
            if (reader.NextMessagePackType == Lib.MessagePackType.Extension)
            {
                var header = reader.ReadExtensionFormatHeader();
                var data = reader.ReadRaw(header.Length);
                var inner = new Lib.MessagePackReader(data);
                long declared = inner.ReadInt64();
                Check(declared, data.Length - inner.Consumed);
                return;
            }
            int count = reader.ReadArrayHeader();
            var lengths = reader.ReadRaw(reader.ReadExtensionFormatHeader().Length);
            var lengthReader = new Lib.MessagePackReader(lengths);
            for (int block = 1; block < count; block++)
            {
                long declared = lengthReader.ReadInt64();
                Check(declared, reader.ReadBytes()?.Length ?? 0);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or Lib.MessagePackSerializationException)
        {
            throw new InvalidInputException($"the LZ4 envelope is malformed ({e.Message})", file);
        }

        void Check(long declared, long compressed)
        {
            if (declared < 0 || declared > MaxRatio * compressed + Slack)
                throw new InvalidInputException($"an LZ4 block declares {declared:N0} bytes uncompressed from {compressed:N0} compressed; LZ4 expands at most {MaxRatio}-fold", file);
        }
    }

    [ThreadStatic]
    private static (MessagePackTokens Tokens, Utf8StringCache Strings) t_target;

    /// <summary>Writes <paramref name="tokens"/> as one compressed value (values under 64 bytes stay plain, as the library decides).</summary>
    public static void Write(IBufferWriter<byte> output, MessagePackTokens tokens) =>
        Lib.MessagePackSerializer.Serialize(output, tokens, Options);

    private sealed class TokensFormatter : IMessagePackFormatter<MessagePackTokens>
    {
        public static readonly TokensFormatter Instance = new();

        public void Serialize(ref Lib.MessagePackWriter writer, MessagePackTokens value, Lib.MessagePackSerializerOptions options) =>
            value.WriteTo(ref writer);

        public MessagePackTokens Deserialize(ref Lib.MessagePackReader reader, Lib.MessagePackSerializerOptions options)
        {
            var (tokens, strings) = t_target;
            tokens ??= new MessagePackTokens();
            MessagePackTokenizer.ReadValue(ref reader, tokens, strings);
            return tokens;
        }
    }
}
