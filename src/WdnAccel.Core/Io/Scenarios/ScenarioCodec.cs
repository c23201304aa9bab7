using System.Text;
using WdnAccel.Core.Io.MessagePack;
using ScenarioModel = WdnAccel.Core.Model.Scenario;

namespace WdnAccel.Core.Io.Scenarios;

/// <summary>
/// Reads and writes one scenario as `.wdn` (a MessagePack map) or as JSON, both in the schema of
/// docs/scenario-format.md. Round trips are exact: doubles are float 64 in MessagePack and "R" text in JSON.
/// Problems in the input are <see cref="InvalidInputException"/>s naming the field path and the byte offset
/// (MessagePack) or line (JSON). For `.wdnb` batches see <see cref="ScenarioBatchReader"/>/<see cref="ScenarioBatchWriter"/>.
/// </summary>
public static class ScenarioCodec
{
    /// <summary>Reads a `.wdn` from the stream's current position; exactly one scenario map, nothing after it.</summary>
    public static ScenarioModel ReadWdn(Stream stream, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new MessagePackReader(stream, fileName, leaveOpen: true);
        return ReadSingle(reader, fileName);
    }

    /// <summary>Reads a `.wdn` held in memory.</summary>
    public static ScenarioModel ReadWdn(ReadOnlyMemory<byte> data, string? fileName = null) =>
        ReadSingle(new MessagePackReader(data, fileName), fileName);

    /// <summary>Writes <paramref name="scenario"/> as one MessagePack map; the stream is flushed, not closed.</summary>
    public static void WriteWdn(ScenarioModel scenario, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new MessagePackWriter(stream, leaveOpen: true);
        WriteWdn(scenario, writer);
    }

    /// <summary>The `.wdn` bytes of <paramref name="scenario"/>.</summary>
    public static byte[] WriteWdn(ScenarioModel scenario)
    {
        using var ms = new MemoryStream();
        WriteWdn(scenario, ms);
        return ms.ToArray();
    }

    /// <summary>Writes the scenario map through an existing writer (e.g. inside a larger MessagePack document).</summary>
    public static void WriteWdn(ScenarioModel scenario, MessagePackWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        new ScenarioSchemaWriter(new MessagePackTokenSink(writer)).Write(scenario);
    }

    /// <summary>Reads one scenario map at the reader's position (no end-of-data check), e.g. from a larger document.</summary>
    public static ScenarioModel ReadWdn(MessagePackReader reader, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new ScenarioSchemaReader(new MessagePackTokenSource(reader), fileName ?? reader.FileName).Read();
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

    private static ScenarioModel ReadSingle(MessagePackReader reader, string? fileName)
    {
        if (reader.IsAtEnd) throw new InvalidInputException("empty file: expected a scenario map", fileName);
        var scenario = ReadWdn(reader, fileName);
        if (!reader.IsAtEnd)
        {
            throw new InvalidInputException(
                $"byte offset {reader.Position}: unexpected data after the scenario map (a batch of scenarios is a .wdnb, read with ScenarioBatchReader)",
                fileName);
        }
        return scenario;
    }
}
