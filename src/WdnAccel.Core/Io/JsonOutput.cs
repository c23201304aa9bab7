using System.Text.Encodings.Web;
using System.Text.Json;

namespace WdnAccel.Core.Io;

/// <summary>Machine output: indented UTF-8 JSON, SI units, invariant numbers, written with one helper.</summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> against a JSON writer and returns the text.</summary>
    public static string Build(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// <paramref name="document"/> (an object written by <see cref="Build"/>) with a last key "warnings": [{"code", "message", "where"}],
    /// so that machine output carries what a person sees on stderr. Inserted as text, by the same
    /// <see cref="JsonWarningsWriter"/> that streams answers: documents can be large (all-pairs matrices) and need not
    /// be parsed again. A document that is not an object comes back as it is.
    /// </summary>
    public static string WithWarnings(string document, IReadOnlyList<JsonWarning> warnings)
    {
        using var bytes = new MemoryStream();
        var tail = new JsonWarningsWriter(bytes);
        byte[] text = System.Text.Encoding.UTF8.GetBytes(document);
        text.CopyTo(tail.GetSpan(text.Length));
        tail.Advance(text.Length);
        tail.Complete(warnings);
        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// Writes the document <paramref name="write"/> produces to <paramref name="stream"/> as it is produced, with the
    /// warnings member before the closing brace of an outer object, without the document in memory.
    /// </summary>
    public static void WriteTo(Stream stream, Action<Utf8JsonWriter> write, IReadOnlyList<JsonWarning> warnings)
    {
        var tail = new JsonWarningsWriter(stream);
        using (var writer = new Utf8JsonWriter(tail, Options))
        {
            write(writer);
        }
        tail.Complete(warnings);
        stream.Flush();
    }

    /// <summary>The warnings as a JSON array of {code, message, where}: the shape every answer's "warnings" has.</summary>
    public static void WriteWarnings(Utf8JsonWriter w, IReadOnlyList<JsonWarning> warnings)
    {
        w.WriteStartArray();
        foreach (var warning in warnings)
        {
            w.WriteStartObject();
            w.WriteString("code", warning.Code);
            w.WriteString("message", warning.Message);
            if (warning.Where is null) w.WriteNull("where");
            else w.WriteString("where", warning.Where);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The text <c>"warnings": [...]</c>, indented as a member of an outer object.</summary>
    internal static string WarningsMember(IReadOnlyList<JsonWarning> warnings)
    {
        string list = Build(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("warnings");
            WriteWarnings(w, warnings);
            w.WriteEndObject();
        });
        // "{\n  \"warnings\": [...]\n}" → the member, indented as a member of the outer object.
        return list.Trim()[1..^1].Trim();
    }

    /// <summary>Writes an array element: a double, or null where it is not finite.</summary>
    public static void WriteNumberValueOrNull(this Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    /// <summary>Writes a double, or null where it is not finite (JSON has no NaN or infinity).</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumber(name, value);
        else writer.WriteNull(name);
    }

    /// <summary>Writes a double, or null where there is none or it is not finite.</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value) =>
        writer.WriteNumberOrNull(name, value ?? double.NaN);
}
