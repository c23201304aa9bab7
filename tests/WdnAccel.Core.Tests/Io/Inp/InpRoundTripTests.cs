using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Support;

namespace WdnAccel.Core.Tests.Io.Inp;

public class InpRoundTripTests
{
    public static TheoryData<string> Networks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.Data("networks"), "*.inp").Order()) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Export_then_import_gives_the_same_model(string file)
    {
        var original = InpReader.ReadFile(RepoPaths.Data("networks", file)).Scenario;
        string text = InpWriter.Write(original, out var warnings);
        Assert.Empty(warnings);
        var again = InpReader.ReadText(text, file).Scenario;
        ModelAssert.Equivalent(WithTitle(original), again, relativeTolerance: 0); // bit for bit, conversions included
        // A second export is byte-identical: nothing drifts.
        Assert.Equal(text, InpWriter.Write(again, out _));
    }

    [Fact]
    public void Comparer_detects_a_changed_diameter()
    {
        var original = InpReader.ReadFile(RepoPaths.Data("networks", "TLN.inp")).Scenario;
        var pipes = original.Network.Pipes.ToArray();
        pipes[3] = pipes[3] with { Diameter = pipes[3].Diameter * (1 + 1e-9) };
        var changed = original with { Network = original.Network with { Pipes = pipes } };
        var e = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ModelAssert.Equivalent(original, changed));
        Assert.Contains("Network.Pipes[3].Diameter", e.Message);
    }

    [Fact]
    public void Export_warns_about_what_inp_cannot_hold()
    {
        var s = InpReader.ReadFile(RepoPaths.Data("networks", "TLN.inp")).Scenario;
        s = s with { Design = new DesignSpec { Catalog = [new CatalogEntry(0.1, 5)], DecisionPipes = ["1"] } };
        InpWriter.Write(s, out var warnings);
        Assert.Contains(warnings, w => w.Contains("design block"));
    }

    /// <summary>An export never leaves [TITLE] empty: it writes the scenario's name there.</summary>
    internal static Scenario WithTitle(Scenario s) =>
        s.Network.Title.Length > 0 ? s : s with { Network = s.Network with { Title = s.Name } };

    [Fact]
    public void Export_writes_the_shortest_numbers_that_read_back_exactly()
    {
        // New York Tunnels is in US units: 180-inch pipes, lengths in feet; SI round trips once left noise such as 0.30479999.
        var nyt = InpReader.ReadFile(RepoPaths.Data("networks", "NYT.inp")).Scenario;
        string text = InpWriter.Write(nyt, out _);
        var pipes = text[text.IndexOf("[PIPES]", StringComparison.Ordinal)..].Split('\n').Skip(2).TakeWhile(l => l.Trim().Length > 0).ToList();
        Assert.Contains(pipes, l => l.Split('\t')[4] == "180");
        Assert.Contains(pipes, l => l.Split('\t')[3] == "11600");
        Assert.DoesNotContain(pipes, l => l.Contains("E+", StringComparison.Ordinal) || l.Contains("99999", StringComparison.Ordinal) || l.Contains("00000000", StringComparison.Ordinal));
    }
}
