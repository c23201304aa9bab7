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
        ModelAssert.Equivalent(original, again);
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
}
