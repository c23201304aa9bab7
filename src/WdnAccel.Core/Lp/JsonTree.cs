using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Lp;

/// <summary>
/// A minimal JSON tree that keeps each value's line and, for numbers, the raw text, so readers can parse
/// numbers exactly and name the line of a bad value (System.Text.Json's DOM keeps neither line nor position). A key
/// repeated in an object is an input error naming it: RFC 8259 (section 4) leaves its meaning to each reader (the first
/// or the last value, or both), so a file that relies on one of them is read as something its writer did not mean.
/// </summary>
internal sealed class JsonTree
{
    public JsonValueKind Kind { get; private init; }
    public int Line { get; private init; }
    /// <summary>String value, or the raw text of a number.</summary>
    public string? Text { get; private init; }
    public bool Bool { get; private init; }
    public List<KeyValuePair<string, JsonTree>>? Members { get; private init; }
    public List<JsonTree>? Items { get; private init; }

    public JsonTree? this[string key] =>
        Members?.FirstOrDefault(kv => kv.Key == key).Value;

    public static JsonTree Parse(byte[] utf8, string? file)
    {
        StrictText.CheckJson(utf8, file);
        var lineStarts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++) if (utf8[i] == (byte)'\n') lineStarts.Add(i + 1);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read()) throw new InvalidInputException("empty JSON document", file, 1);
            var root = ReadValue(ref reader, lineStarts, file);
            if (reader.Read()) throw new InvalidInputException("unexpected content after the JSON document", file, LineOf(lineStarts, reader.TokenStartIndex));
            return root;
        }
        catch (JsonException e)
        {
            throw JsonSyntax.Invalid(e, file, lead: "malformed JSON");
        }
    }

    private static int LineOf(List<int> starts, long offset)
    {
        int idx = starts.BinarySearch((int)offset);
        return (idx >= 0 ? idx : ~idx - 1) + 1;
    }

    private static JsonTree ReadValue(ref Utf8JsonReader reader, List<int> starts, string? file)
    {
        int line = LineOf(starts, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var members = new List<KeyValuePair<string, JsonTree>>();
                var keyLines = new Dictionary<string, int>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string key = reader.GetString()!;
                    int keyLine = LineOf(starts, reader.TokenStartIndex);
                    if (!keyLines.TryAdd(key, keyLine))
                        throw new InvalidInputException($"duplicate key '{key}' (first given on line {keyLines[key]}); give each key once", file, keyLine);
                    reader.Read();
                    members.Add(new(key, ReadValue(ref reader, starts, file)));
                }
                return new JsonTree { Kind = JsonValueKind.Object, Line = line, Members = members };
            }
            case JsonTokenType.StartArray:
            {
                var items = new List<JsonTree>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(ReadValue(ref reader, starts, file));
                return new JsonTree { Kind = JsonValueKind.Array, Line = line, Items = items };
            }
            case JsonTokenType.Number:
                return new JsonTree { Kind = JsonValueKind.Number, Line = line, Text = Encoding.UTF8.GetString(reader.ValueSpan) };
            case JsonTokenType.String:
                return new JsonTree { Kind = JsonValueKind.String, Line = line, Text = reader.GetString() };
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new JsonTree { Kind = reader.TokenType == JsonTokenType.True ? JsonValueKind.True : JsonValueKind.False, Line = line, Bool = reader.TokenType == JsonTokenType.True };
            default:
                return new JsonTree { Kind = JsonValueKind.Null, Line = line };
        }
    }
}
