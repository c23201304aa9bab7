using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Io.Scenarios;
using WdnAccel.Core.Tests.Support;

namespace WdnAccel.Core.Tests.Io.Inp;

/// <summary>
/// read → write → read gives the same model, bit for bit, for every extended-period element, in .inp, JSON and .wdn;
/// carried sections are written once, under their typed section.
/// </summary>
public class InpExtendedPeriodRoundTripTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string> { RepoPaths.Data("networks", "Net1.inp"), RepoPaths.Data("networks", "Net2.inp") };
        // The element networks of the EPANET reference runs: one group of elements each (valves, controls, rules, PDA, ...).
        foreach (var f in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tools", "epanet-reference", "networks", "eps"), "*.inp").Order()) data.Add(f);
        return data;
    }

    public static TheoryData<string> Snippets() => new() { nameof(InpSnippets.EveryElementUs), nameof(InpSnippets.KpaSi) };

    private static string Snippet(string name) => name == nameof(InpSnippets.KpaSi) ? InpSnippets.KpaSi : InpSnippets.EveryElementUs;

    [Theory]
    [MemberData(nameof(Files))]
    public void Extended_period_networks_round_trip_through_inp_json_and_wdn(string path)
    {
        var original = InpReader.ReadFile(path).Scenario;
        AssertRoundTrips(original, Path.GetFileName(path));
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Every_element_round_trips(string snippet)
    {
        var read = InpReader.ReadText(Snippet(snippet), snippet + ".inp");
        Assert.DoesNotContain(read.Warnings, w => !w.Contains("[END]"));
        AssertRoundTrips(read.Scenario, snippet + ".inp");
    }

    private static void AssertRoundTrips(Scenario original, string file)
    {
        string text = InpWriter.Write(original, out var warnings);
        Assert.Empty(warnings);
        var again = InpReader.ReadText(text, file).Scenario;
        ModelAssert.Equivalent(InpRoundTripTests.WithTitle(original), again, relativeTolerance: 0);
        Assert.Equal(text, InpWriter.Write(again, out _)); // nothing drifts
        foreach (var header in text.Split('\n').Where(l => l.StartsWith('[')))
        {
            Assert.Equal(1, text.Split('\n').Count(l => l == header)); // every section once
        }
        ModelAssert.Equivalent(original, ScenarioCodec.ReadWdn(ScenarioCodec.WriteWdn(original), "x.wdn"), relativeTolerance: 0);
        ModelAssert.Equivalent(original, ScenarioCodec.ReadJson(ScenarioCodec.WriteJson(original), "x.json"), relativeTolerance: 0);
    }

    [Fact]
    public void Net1_keeps_what_EPANET_needs_and_nothing_twice()
    {
        var net1 = InpReader.ReadFile(RepoPaths.Data("networks", "Net1.inp")).Scenario;
        string text = InpWriter.Write(net1, out _);
        Assert.Contains(" LINK 9 OPEN IF NODE 2 BELOW 110\n", text);
        Assert.Contains(" Duration\t24:00:00\n", text);
        Assert.Contains(" Quality\tChlorine mg/L\n", text);
        Assert.Contains("Statistic          \tNone\n", text); // the unmodelled [TIMES] line, kept as it was
        Assert.Contains("[REPORT]", text);
        Assert.Contains(" Global Wall\t-1\n", text); // ft/day again, not noise
    }

    [Fact]
    public void The_full_scenario_round_trips_through_json_and_wdn()
    {
        var full = TestScenarios.Full();
        Assert.NotEmpty(full.Network.Valves);
        Assert.NotEmpty(full.Network.Rules);
        ScenarioComparer.AssertSame(full, ScenarioCodec.ReadWdn(ScenarioCodec.WriteWdn(full), "full.wdn"));
        ScenarioComparer.AssertSame(full, ScenarioCodec.ReadJson(ScenarioCodec.WriteJson(full), "full.json"));
    }

    [Theory]
    [InlineData(FlowUnits.CFS)]
    [InlineData(FlowUnits.MGD)]
    [InlineData(FlowUnits.LPS)]
    [InlineData(FlowUnits.CMH)]
    public void Every_element_exports_in_other_units_and_back_exactly(FlowUnits units)
    {
        // Values read in gpm and psi, written in other units (pressures through another specific gravity): where a decimal
        // in the new units reads back to the same double the writer finds it; where none does (a conversion can skip
        // doubles), the nearest one is written, within an ulp or two.
        var s = InpReader.ReadText(InpSnippets.EveryElementUs, "us.inp").Scenario;
        s = s with { Network = s.Network with { Options = s.Network.Options with { FlowUnits = units, SpecificGravity = 0.98 } } };
        string text = InpWriter.Write(s, out var warnings);
        Assert.Empty(warnings);
        ModelAssert.Equivalent(s.Network, InpReader.ReadText(text, "si.inp").Scenario.Network, relativeTolerance: 1e-15);
    }

    [Fact]
    public void Sections_carried_by_an_older_file_are_written_under_the_typed_section_once()
    {
        // Before [TIMES] was modelled, a scenario carried it verbatim; now both may be present.
        var s = InpReader.ReadFile(RepoPaths.Data("networks", "TLN.inp")).Scenario;
        s = s with
        {
            Network = s.Network with
            {
                Times = s.Network.Times with { ReportStep = 1800 },
                ExtraSections = [.. s.Network.ExtraSections, new InpSection("TIMES", ["Duration 24:00"]), new InpSection("ENERGY", ["Global Price 0.3"])],
            },
        };
        string text = InpWriter.Write(s, out _);
        Assert.Equal(1, text.Split('\n').Count(l => l == "[TIMES]"));
        Assert.Equal(1, text.Split('\n').Count(l => l == "[ENERGY]"));
        var back = InpReader.ReadText(text, "tln.inp").Scenario.Network;
        Assert.Equal(86400, back.Times.Duration); // the carried line is read now
        Assert.Equal(1800, back.Times.ReportStep);
        Assert.Equal(0.3, back.Energy.GlobalPrice);
    }

    [Fact]
    public void Defaults_write_no_empty_sections()
    {
        var tln = InpReader.ReadFile(RepoPaths.Data("networks", "TLN.inp")).Scenario;
        string text = InpWriter.Write(tln, out _);
        foreach (var section in new[] { "[VALVES]", "[CONTROLS]", "[RULES]", "[EMITTERS]", "[SOURCES]", "[MIXING]", "[REACTIONS]", "[ENERGY]", "[QUALITY]" })
        {
            Assert.DoesNotContain(section, text);
        }
        Assert.Contains("[TIMES]", text); // TLN's Hydraulic Timestep 1:00 and Statistic line
    }
}
