using System.Text.Json;
using WdnAccel.Cli.Tests.Support;
using WdnAccel.Core.Io;

namespace WdnAccel.Cli.Tests;

/// <summary>Every --json answer carries the warnings a person sees on stderr (a placeholder network's −10³⁵ m heads came with converged: true and no word).</summary>
public sealed class JsonWarningsTests
{
    [Fact]
    public void A_placeholder_networks_snapshot_says_why_its_heads_are_meaningless()
    {
        var r = CliRunner.Run("simulate", CliRunner.Data("networks", "HAN.inp"), "--json", "--backend", "scalar");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Out);
        var messages = doc.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("1 mm or less"));
        Assert.Contains(messages, m => m.Contains("negative pressures"));
        // Codes to filter on, and what each concerns: the tiny pipes, the lowest node.
        var byCode = doc.RootElement.GetProperty("warnings").EnumerateArray().ToDictionary(w => w.GetProperty("code").GetString()!);
        Assert.Equal(34, byCode["small_diameter"].GetProperty("where").GetString()!.Split(',').Length);
        string lowest = doc.RootElement.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("type").GetString() == "junction")
            .MinBy(n => n.GetProperty("pressure").GetDouble()).GetProperty("id").GetString()!;
        Assert.Equal(lowest, byCode["negative_pressure"].GetProperty("where").GetString());
    }

    [Fact]
    public void A_clean_answer_has_an_empty_warnings_list()
    {
        var r = CliRunner.Run("info", CliRunner.Data("networks", "TLN.inp"), "--json");
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(0, doc.RootElement.GetProperty("warnings").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("junctions").GetInt32() > 0);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("validate")]
    public void Load_warnings_appear_once_as_messages(string verb)
    {
        // GoYang's old-format .inp loads with interpretation warnings.
        var r = CliRunner.Run(verb, CliRunner.Data("networks", "GOY.inp"), "--json");
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(r.Out, "\"warnings\""));
        using var doc = JsonDocument.Parse(r.Out);
        var messages = doc.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("message").GetString()!).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Contains("GOY.inp", m));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\n  \"a\": 1\n}\n")]
    [InlineData("{\"a\": {\"b\": [1, 2]}}")]
    public void Warnings_are_added_as_the_last_member_with_escaping(string document)
    {
        string withWarnings = JsonOutput.WithWarnings(document, [new("input", "quote \" and\nnewline", "a.inp"), new("negative_pressure", "ω ≥ 0")]);
        using var doc = JsonDocument.Parse(withWarnings);
        var members = doc.RootElement.EnumerateObject().ToList();
        Assert.Equal("warnings", members[^1].Name);
        Assert.Equal(["quote \" and\nnewline", "ω ≥ 0"], members[^1].Value.EnumerateArray().Select(w => w.GetProperty("message").GetString()));
        Assert.Equal(["input", "negative_pressure"], members[^1].Value.EnumerateArray().Select(w => w.GetProperty("code").GetString()));
        Assert.Equal(["a.inp", null], members[^1].Value.EnumerateArray().Select(w => w.GetProperty("where").GetString()));
        Assert.Equal(JsonDocument.Parse(document).RootElement.EnumerateObject().Count() + 1, members.Count);
    }
    public static TheoryData<string> StreamedDocuments => ["empty", "small", "array", "brace-in-string", "large"];

    private static void WriteDocument(Utf8JsonWriter w, string kind)
    {
        switch (kind)
        {
            case "empty": w.WriteStartObject(); w.WriteEndObject(); break;
            case "small": w.WriteStartObject(); w.WriteNumber("a", 1); w.WriteEndObject(); break;
            case "array": w.WriteStartArray(); w.WriteNumberValue(1); w.WriteEndArray(); break;
            case "brace-in-string": w.WriteStartObject(); w.WriteString("text", "ends with }   "); w.WriteEndObject(); break;
            default:
                // Far more than the writer's and the stream's buffers: bytes cross every boundary.
                w.WriteStartObject();
                w.WriteStartArray("nodes");
                for (int i = 0; i < 20_000; i++) { w.WriteStartObject(); w.WriteString("id", $"J-{i} ω"); w.WriteNumber("head", i * 0.125); w.WriteEndObject(); }
                w.WriteEndArray();
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>The reference form, built with string operations: an object gets "warnings" as its last member, indented.</summary>
    private static string Inserted(string document, IReadOnlyList<JsonWarning> warnings)
    {
        int end = document.TrimEnd().Length - 1;
        if (end < 1 || document[end] != '}' || document.TrimStart()[0] != '{') return document;
        string list = JsonOutput.Build(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("warnings");
            JsonOutput.WriteWarnings(w, warnings);
            w.WriteEndObject();
        });
        string member = list.Trim()[1..^1].Trim();
        bool empty = document[..end].TrimEnd().EndsWith('{');
        return document[..end].TrimEnd() + (empty ? "\n  " : ",\n  ") + member + "\n}";
    }

    [Theory]
    [MemberData(nameof(StreamedDocuments))]
    public void A_streamed_answer_has_the_same_bytes_as_the_built_one(string kind)
    {
        foreach (JsonWarning[] warnings in new[] { Array.Empty<JsonWarning>(), [new("input", "quote \" and }\n", "a.inp")] })
        {
            string built = Inserted(JsonOutput.Build(w => WriteDocument(w, kind)), warnings);
            Assert.Equal(built, JsonOutput.WithWarnings(JsonOutput.Build(w => WriteDocument(w, kind)), warnings));
            using var bytes = new MemoryStream();
            JsonOutput.WriteTo(bytes, w => WriteDocument(w, kind), warnings);
            Assert.Equal(built, System.Text.Encoding.UTF8.GetString(bytes.ToArray()));
        }
    }

    [Fact]
    public void Json_on_stdout_and_out_file_are_the_same_answer()
    {
        string file = Path.Combine(Path.GetTempPath(), $"wdnaccel-json-{Guid.NewGuid():N}.json");
        try
        {
            var r = CliRunner.Run("simulate", CliRunner.Data("networks", "HAN.inp"), "--json", "--backend", "scalar", "--out", file);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal(File.ReadAllText(file) + Environment.NewLine, r.Out);
            using var doc = JsonDocument.Parse(r.Out);
            Assert.Contains(doc.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "negative_pressure");
        }
        finally
        {
            File.Delete(file);
        }
    }
    [Fact]
    public void A_large_answer_reaches_its_stream_while_it_is_written()
    {
        // A Utf8JsonWriter on a Stream keeps the whole document until it is flushed (1.2 GB for a 300 x 300 grid's --json).
        var stream = new LargestWriteStream();
        JsonOutput.WriteTo(stream, w => WriteDocument(w, "large"), []);
        Assert.True(stream.Total > 1_000_000, $"{stream.Total} bytes");
        Assert.True(stream.Largest <= 1 << 17, $"a write of {stream.Largest} bytes");
    }

    private sealed class LargestWriteStream : MemoryStream
    {
        public long Largest, Total;

        public override void Write(ReadOnlySpan<byte> buffer) { Largest = Math.Max(Largest, buffer.Length); Total += buffer.Length; }
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
    }
}
