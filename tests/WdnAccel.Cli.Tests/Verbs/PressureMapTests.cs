using System.Text.Json;
using System.Xml.Linq;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

/// <summary>`simulate --plot map.svg`: a pressure map drawn from the network's coordinates, checked by its structure.</summary>
public sealed class PressureMapTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_map_has_an_element_per_node_and_link_and_rings_the_junctions_below_the_limit()
    {
        string dir = CliRunner.TempDir(), map = Path.Combine(dir, "map.svg"), design = Path.Combine(dir, "design.json");
        // Two-loop with every pipe at 0.4 m: one junction falls below the design block's 30 m.
        File.WriteAllText(design, "{" + string.Join(", ", Enumerable.Range(1, 8).Select(i => $"\"{i}\": 0.4")) + "}");
        var r = CliRunner.Run("simulate", CliRunner.Data("scenarios", "TLN.wdn"), "--design", design, "--backend", "scalar", "--plot", map, "--json");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"wrote {map}", r.Error); // the side file is named where the user reads, JSON stays on stdout
        using var answer = JsonDocument.Parse(r.Out);
        var nodes = answer.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        var svg = XDocument.Load(map).Root!;
        var circles = svg.Elements(Svg + "circle").ToList();
        Assert.Equal(nodes.Count(n => n.GetProperty("type").GetString() == "junction"), circles.Count);
        Assert.Equal(nodes.Count(n => n.GetProperty("type").GetString() != "junction"), svg.Elements(Svg + "rect").Count(e => (string?)e.Attribute("class") == "fixed"));
        Assert.Equal(8, svg.Elements(Svg + "path").Count(e => (string?)e.Attribute("class") == "link"));
        int below = nodes.Count(n => n.GetProperty("type").GetString() == "junction" && n.GetProperty("pressure").GetDouble() < 30);
        Assert.InRange(below, 1, circles.Count - 1); // the case means something
        Assert.Equal(below, circles.Count(c => ((string?)c.Attribute("class"))!.Contains("below")));
        // The lowest and highest pressures get the two ends of the colour scale.
        var byPressure = nodes.Where(n => n.GetProperty("type").GetString() == "junction").OrderBy(n => n.GetProperty("pressure").GetDouble()).ToList();
        string Fill(JsonElement n) => (string)circles.Single(c => c.Element(Svg + "title")!.Value.StartsWith(n.GetProperty("id").GetString() + ":")).Attribute("fill")!;
        Assert.NotEqual(Fill(byPressure[0]), Fill(byPressure[^1]));
    }

    [Fact]
    public void A_network_without_coordinates_is_refused_naming_the_option()
    {
        string dir = CliRunner.TempDir(), scenario = Path.Combine(dir, "s.json");
        File.WriteAllText(scenario, """
            {"format": "wdnaccel-scenario", "version": 1, "network": {
              "junctions": [{"id": "J1", "elevation": 10, "demands": [{"base_demand": 0.01}]}],
              "reservoirs": [{"id": "R1", "head": 60}],
              "pipes": [{"id": "P1", "node1": "R1", "node2": "J1", "length": 100, "diameter": 0.2, "roughness": 130}]}}
            """);
        var r = CliRunner.Run("simulate", scenario, "--backend", "scalar", "--plot", Path.Combine(dir, "map.svg"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--plot'", r.Error);
        Assert.Contains("no coordinates", r.Error);
    }
}
