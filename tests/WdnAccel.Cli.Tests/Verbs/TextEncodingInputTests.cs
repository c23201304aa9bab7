using System.Text;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>
/// Every text reader refuses bytes that are not UTF-8 and JSON escapes of lone UTF-16 surrogates with exit 2 and a
/// message naming the file and line (these were internal errors, exit 1, or silently replaced by U+FFFD).
/// </summary>
public sealed class TextEncodingInputTests
{
    private const string Scenario = "{\"format\": \"wdnaccel-scenario\", \"version\": 1,\n \"name\": \"NAME\"}";

    [Theory]
    [InlineData("validate", "s.json", "surrogate")]
    [InlineData("validate", "s.json", "utf8")]
    [InlineData("lp", "m.json", "surrogate")]
    [InlineData("lp", "m.json", "utf8")]
    [InlineData("lp", "m.lp", "utf8")]
    [InlineData("lp", "m.mps", "utf8")]
    [InlineData("paths", "g.json", "surrogate")]
    [InlineData("paths", "g.json", "utf8")]
    public void Bad_text_is_an_input_error_naming_file_and_line(string verb, string name, string defect)
    {
        string dir = CliRunner.TempDir(), path = Path.Combine(dir, name);
        string text = name switch
        {
            "s.json" => Scenario,
            "m.json" => "{\"objective\": {\"sense\": \"min\",\n \"terms\": {\"NAME\": 1}}}",
            "m.lp" => "Minimize\n obj: x\nSubject To\n NAME: x >= 1\nEnd\n",
            "m.mps" => "NAME t\nROWS\n N obj\n L NAME\nCOLUMNS\n x obj 1\nENDATA\n",
            _ => "{\"nodes\": [\"a\",\n \"NAME\"], \"edges\": []}",
        };
        byte[] bytes = defect == "surrogate"
            ? Encoding.UTF8.GetBytes(text.Replace("NAME", "b\\ud800", StringComparison.Ordinal))
            : ReplaceWithInvalid(text);
        File.WriteAllBytes(path, bytes);
        var r = CliRunner.Run(verb, path);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(name, r.Error);
        Assert.Contains(name.EndsWith(".mps", StringComparison.Ordinal) ? "line 1" : name.EndsWith(".lp", StringComparison.Ordinal) ? "line 4" : "line 2", r.Error);
        Assert.Contains(defect == "surrogate" ? "surrogate" : "not valid UTF-8", r.Error);
        Assert.DoesNotContain("internal error", r.Error);
    }

    private static byte[] ReplaceWithInvalid(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        int at = Encoding.UTF8.GetBytes(text[..text.IndexOf("NAME", StringComparison.Ordinal)]).Length;
        bytes[at + 1] = 0xFF; // "N\xFFME"
        return [.. bytes];
    }
}
