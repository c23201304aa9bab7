using System.Text.Json;
using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Io;

/// <summary>
/// Errors about files in the project's words: the file the user named (not our temporary one), "file not found" or
/// "is a folder", and JSON positions as 1-based line and byte without .NET's 0-based suffix.
/// </summary>
public sealed class FileErrorWordingTests
{
    [Fact]
    public void A_failed_whole_file_write_names_the_target_not_the_temporary_file()
    {
        string target = Path.Combine(Path.GetTempPath(), $"wdnaccel-missing-{Guid.NewGuid():N}", "s.wdnb");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(target, "x"));
        Assert.Contains(target, e.Message);
        Assert.DoesNotContain(".tmp-", e.Message);
    }

    [Fact]
    public void An_input_path_that_is_missing_or_a_folder_is_said_so()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"wdnaccel-input-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        Assert.Equal($"{folder}: is a folder; expected a design file", Assert.Throws<InvalidInputException>(() => InputFile.Require(folder, "design file")).Message);
        string missing = Path.Combine(folder, "nope.wdn");
        Assert.Equal($"{missing}: file not found", Assert.Throws<InvalidInputException>(() => InputFile.Require(missing)).Message);
        Assert.Equal($"{folder}: is a folder; expected a file", Assert.Throws<InvalidInputException>(() => ScenarioFile.Load(folder)).Message);
    }

    [Fact]
    public void A_json_syntax_error_has_one_based_line_and_byte_and_no_dotnet_suffix()
    {
        var parse = Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse("{\"a\": 1,\n \"b\": tru }"));
        Assert.Contains("LineNumber: 1 | BytePositionInLine:", parse.Message); // what .NET says, 0-based
        var e = JsonSyntax.Invalid(parse, "d.json", field: "b");
        Assert.Equal(2, e.Line);
        Assert.Equal((int)parse.BytePositionInLine!.Value + 1, e.ByteInLine);
        Assert.StartsWith($"d.json, line 2, byte {e.ByteInLine}, field 'b': not valid JSON: 'tru }}' is an invalid JSON literal.", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
        Assert.DoesNotContain("BytePositionInLine", e.Message);
        // Kept through the copies readers make of an exception.
        Assert.Equal(e.ByteInLine, JsonSyntax.Invalid(parse).InFile("other.json").ByteInLine);
    }

    [Fact]
    public void A_json_error_a_reader_threw_itself_is_placed_where_the_reader_stopped()
    {
        var bytes = "{\"nodes\": 3,\n \"edges\": [[0, 1"u8.ToArray();
        var e = JsonSyntax.Invalid(new JsonException("the input ends early"), bytes, bytes.Length, "g.json", "edges[0]");
        Assert.Equal("g.json, line 2, byte 17, field 'edges[0]': not valid JSON: the input ends early", e.Message);
    }

    [Fact]
    public void A_misspelled_algorithm_is_refused_with_the_nearest_name()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerCatalog.Create("shad"));
        Assert.Contains("expected one of ga, de, cro, gacoasa, shade (did you mean shade?)", e.Message);
        Assert.Equal("gacoasa", OptimizerCatalog.Canonical(" GA-COA-SA "));
    }
}
