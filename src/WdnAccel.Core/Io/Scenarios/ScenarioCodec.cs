using System.Buffers;
using System.Text;
using WdnAccel.Core.Io.Msgpack;
using Lib = global::MessagePack;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Reads and writes one scenario as `.wdn` (a MessagePack map, optionally LZ4-compressed) or as JSON, both in the
/// schema of docs/scenario-format.md. The bytes are read and written by MessagePack-CSharp; the schema mapping is
/// ours. Round trips are exact: doubles are float 64 in MessagePack and "R" text in JSON. Problems in the input are
/// <see cref="InvalidInputException"/>s naming the field path and the byte offset (MessagePack) or line (JSON).
/// For `.wdnb` batches see <see cref="ScenarioBatchReader"/>/<see cref="ScenarioBatchWriter"/>.
/// </summary>
public static class ScenarioCodec
{
    /// <summary>Reads a `.wdn` from the stream's current position; exactly one scenario map, nothing after it.</summary>
    public static ScenarioModel ReadWdn(Stream stream, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return ReadWdn(copy.GetBuffer().AsMemory(0, (int)copy.Length), fileName);
    }

    /// <summary>Reads a `.wdn` held in memory (plain or LZ4-compressed).</summary>
    public static ScenarioModel ReadWdn(ReadOnlyMemory<byte> data, string? fileName = null)
    {
        if (data.IsEmpty) throw new InvalidInputException("empty file: expected a scenario map", fileName);
        var sequence = new ReadOnlySequence<byte>(data);
        MessagePackTokens tokens;
        long end;
        Func<long, string> where;
        if (Lz4Envelope.IsCompressed(sequence))
        {
            tokens = Lz4Envelope.Decompress(sequence, fileName);
            end = EndOfValue(data, fileName);
            where = o => $"byte offset {o} of the decompressed scenario";
        }
        else
        {
            tokens = new MessagePackTokens();
            var reader = new Lib.MessagePackReader(data);
            if (!MessagePackTokenizer.TryReadValue(ref reader, tokens, Utf8StringCache.ForThisThread, file: fileName)) return Read(tokens, fileName, null, o => $"byte offset {o}");
            end = reader.Consumed;
            where = o => $"byte offset {o}";
        }
        if (end != data.Length)
        {
            throw new InvalidInputException(
                $"byte offset {end}: unexpected data after the scenario map (a batch of scenarios is a .wdnb, read with ScenarioBatchReader)",
                fileName);
        }
        return Read(tokens, fileName, null, where);
    }

    /// <summary>Writes <paramref name="scenario"/> as one MessagePack map (LZ4-compressed when asked); the stream is flushed, not closed.</summary>
    public static void WriteWdn(ScenarioModel scenario, Stream stream, bool compress = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new StreamBufferWriter(stream);
        Write(scenario, buffer, new MessagePackTokens(), compress);
        buffer.Flush();
    }

    /// <summary>The `.wdn` bytes of <paramref name="scenario"/>.</summary>
    public static byte[] WriteWdn(ScenarioModel scenario, bool compress = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(scenario, buffer, new MessagePackTokens(), compress);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the JSON form (comments and trailing commas allowed).</summary>
    public static ScenarioModel ReadJson(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var source = new JsonTokenSource(text, fileName);
        var scenario = new ScenarioSchemaReader(source, fileName).Read();
        if (!source.IsAtEnd) throw new InvalidInputException("unexpected data after the scenario object", fileName, (int)source.Mark());
        return scenario;
    }

    /// <summary>The JSON form, indented, UTF-8 without BOM when saved with <see cref="File.WriteAllText(string, string?)"/>.</summary>
    public static string WriteJson(ScenarioModel scenario)
    {
        var text = new StringBuilder();
        new ScenarioSchemaWriter(new JsonTokenSink(text)).Write(scenario);
        return text.Append('\n').ToString();
    }

    /// <summary>One scenario from decoded tokens; <paramref name="rootPath"/> prefixes field paths (`scenario[7]`).</summary>
    internal static ScenarioModel Read(MessagePackTokens tokens, string? fileName, string? rootPath, Func<long, string> where)
    {
        var scenario = new ScenarioSchemaReader(new MessagePackTokenSource(tokens, where), fileName, rootPath).Read();
        return scenario;
    }

    /// <summary>Appends the scenario map to <paramref name="output"/>; <paramref name="tokens"/> is scratch space.</summary>
    internal static void Write(ScenarioModel scenario, IBufferWriter<byte> output, MessagePackTokens tokens, bool compress)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        tokens.Clear();
        new ScenarioSchemaWriter(new MessagePackTokenSink(tokens)).Write(scenario);
        if (compress)
        {
            Lz4Envelope.Write(output, tokens);
            return;
        }
        var writer = new Lib.MessagePackWriter(output);
        tokens.WriteTo(ref writer);
        writer.Flush();
    }

    private static long EndOfValue(ReadOnlyMemory<byte> data, string? fileName)
    {
        var reader = new Lib.MessagePackReader(data);
        try
        {
            reader.Skip();
        }
        catch (EndOfStreamException)
        {
            throw new InvalidInputException("unexpected end of data: the compressed scenario is cut short", fileName);
        }
        return reader.Consumed;
    }
}
