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
}
