using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Tests.Support;

namespace WdnAccel.Core.Tests.Io.Inp;

public class InpReaderTests
{
    [Theory]
    // Counts taken from the files' data lines ([TANKS] lines with one value are reservoirs, as in EPANET).
    [InlineData("TLN.inp", 6, 1, 0, 8, 0)]
    [InlineData("HAN.inp", 31, 1, 0, 34, 0)]
    [InlineData("NYT.inp", 19, 1, 0, 42, 0)]
    [InlineData("GOY.inp", 22, 1, 0, 30, 1)]
    [InlineData("BAK.inp", 35, 1, 0, 58, 0)]
    [InlineData("BLA.inp", 30, 1, 0, 35, 0)]
    [InlineData("FOS.inp", 36, 1, 0, 58, 0)]
    [InlineData("TRN.inp", 10, 2, 0, 17, 0)]
    public void Every_benchmark_network_loads_with_its_element_counts(string file, int junctions, int reservoirs, int tanks, int pipes, int pumps)
    {
        var net = InpReader.ReadFile(RepoPaths.Data("networks", file)).Scenario.Network;
        Assert.Equal(junctions, net.Junctions.Count);
        Assert.Equal(reservoirs, net.Reservoirs.Count);
        Assert.Equal(tanks, net.Tanks.Count);
        Assert.Equal(pipes, net.Pipes.Count);
        Assert.Equal(pumps, net.Pumps.Count);
    }

    [Fact]
    public void Two_loop_values_are_converted_to_SI_with_EPANET_factors()
    {
        var net = InpReader.ReadFile(RepoPaths.Data("networks", "TLN.inp")).Scenario.Network;
        Assert.Equal(FlowUnits.CMH, net.Options.FlowUnits);
        var j2 = net.Junctions.Single(j => j.Id == "2");
        Assert.Equal(150.0, j2.Elevation);
        // 100 m³/h: EPANET divides by CMHperCFS = 101.94 to get cfs; 1 cfs = 0.3048³ m³/s.
        Assert.Equal(100.0 / 101.94 * 0.028316846592, j2.BaseDemand, 15);
        Assert.Equal(210.0, net.Reservoirs[0].Head);
        var p1 = net.Pipes[0];
        Assert.Equal(("1", "1", "2", 1000.0, 130.0), (p1.Id, p1.Node1, p1.Node2, p1.Length, p1.Roughness));
        Assert.Equal(1e-7, p1.Diameter, 1e-20); // mm -> m
    }

    [Fact]
    public void New_York_tunnels_use_US_units_feet_and_inches()
    {
        var net = InpReader.ReadFile(RepoPaths.Data("networks", "NYT.inp")).Scenario.Network;
        Assert.Equal(FlowUnits.CFS, net.Options.FlowUnits);
        var p1 = net.Pipes.Single(p => p.Id == "1");
        Assert.Equal(11600 * 0.3048, p1.Length, 9);
        Assert.Equal(180 * 0.0254, p1.Diameter, 12);
        Assert.Equal(300 * 0.3048, net.Reservoirs[0].Head, 9);
    }

    [Fact]
    public void GoYang_old_format_is_read_with_explicit_warnings()
    {
        var result = InpReader.ReadFile(RepoPaths.Data("networks", "GOY.inp"));
        var net = result.Scenario.Network;
        Assert.Equal(FlowUnits.LPS, net.Options.FlowUnits);
        Assert.Equal(71.0, net.Reservoirs.Single(r => r.Id == "30").Head);
        var pump = net.Pumps.Single();
        Assert.Equal(4.52, pump.Power); // kW in SI files
        Assert.Contains(result.Warnings, w => w.Contains("Units SI"));
        Assert.Contains(result.Warnings, w => w.Contains("tank 30") && w.Contains("reservoir"));
        Assert.Contains(result.Warnings, w => w.Contains("pump 70"));
    }

    [Fact]
    public void Fossolo_initial_quality_is_read_per_node()
    {
        var net = InpReader.ReadFile(RepoPaths.Data("networks", "FOS.inp")).Scenario.Network;
        Assert.Equal(1.0, net.Quality.InitialQuality["37"]);
        Assert.DoesNotContain(net.ExtraSections, s => s.Name == "QUALITY"); // typed now, not carried
    }

    private const string Small = """
        [TITLE]
        small test network
        [JUNCTIONS]
        ;ID Elev Demand Pattern
         A 10 5 P1 ;
         B 12 3
        [RESERVOIRS]
         R 50
        [PIPES]
         1 R A 100 200 100
         2 A B 150 150 120 0.5 CV
        [PATTERNS]
         P1 1.5 1.0
        [OPTIONS]
         Units LPS
         Headloss H-W
        """;

    [Fact]
    public void Messy_text_loads_CRLF_tabs_Latin1_NUL_padding_and_no_END()
    {
        string text = Small.Replace(" A ", "\tÄ\t").Replace("R A", "R\tÄ").Replace("2 A B", "2 Ä B").Replace("\n", "\r\n") + "; trailing comment\r\n";
        var bytes = System.Text.Encoding.Latin1.GetBytes(text).Concat(new byte[16]).ToArray();
        var read = InpReader.Read(bytes, "messy.inp");
        var net = read.Scenario.Network;
        Assert.Equal(["Ä", "B"], net.Junctions.Select(j => j.Id));
        // Loaded, but not silently: both oddities are warned about.
        Assert.Contains(read.Warnings, w => w.Contains("not UTF-8; read as Latin-1"));
        Assert.Contains(read.Warnings, w => w.Contains("no [END] line"));
        var clean = InpReader.Read(System.Text.Encoding.UTF8.GetBytes(Small + "\n[END]\n"), "clean.inp");
        Assert.DoesNotContain(clean.Warnings, w => w.Contains("UTF-8") || w.Contains("[END]"));
        Assert.Equal(5 * 0.028316846592 / 28.317, net.Junctions[0].BaseDemand, 15);
        Assert.Equal(LinkStatus.CheckValve, net.Pipes[1].Status);
        Assert.Equal(0.5, net.Pipes[1].MinorLoss);
        // Snapshot demand uses the first multiplier of the junction's pattern (EPANET at time zero).
        Assert.Equal(1.5 * net.Junctions[0].BaseDemand, net.SnapshotDemand(net.Junctions[0]), 15);
    }

    [Fact]
    public void Every_bad_line_is_reported_not_only_the_first()
    {
        string text = Small.Replace(" B 12 3", " B twelve 3").Replace(" 2 A B 150 150 120 0.5 CV", " 2 A B 150 -150 120 0.5 CV")
            .Replace(" Headloss H-W", " Headloss H-W\n Trials 2.5");
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "bad.inp"));
        Assert.Equal(3, e.All.Count);
        Assert.Equal(e.All.Select(p => p.Line).Order(), e.All.Select(p => p.Line)); // in line order
        Assert.Contains("elevation of junction B", e.All[0].Message);
        Assert.Contains("diameter of pipe 2", e.All[1].Message);
        Assert.Equal("Trials", e.All[2].Field);
        Assert.Contains("(and 2 more problem(s)", e.Message);
        Assert.Equal(e.All[0].Line, e.Line);
    }

    [Fact]
    public void Demands_section_replaces_the_junction_demand_and_keeps_categories()
    {
        string text = Small + "\n[DEMANDS]\n A 2 P1 ;domestic\n A 4 ;industry\n";
        var j = InpReader.ReadText(text, "d.inp").Scenario.Network.Junctions[0];
        Assert.Equal(2, j.Demands.Count);
        Assert.Equal("domestic", j.Demands[0].Category);
        Assert.Equal("P1", j.Demands[0].PatternId);
        Assert.Equal(6 * 0.028316846592 / 28.317, j.BaseDemand, 15);
    }

    [Theory]
    [InlineData(" 1 R A 100 200 100", " 1 R X 100 200 100", "unknown node 'X'", 10)]
    [InlineData(" 1 R A 100 200 100", " 1 R A -100 200 100", "length of pipe 1", 10)]
    [InlineData(" 1 R A 100 200 100", " 1 R A abc 200 100", "got 'abc'", 10)]
    [InlineData(" 1 R A 100 200 100", " 1 R A NaN 200 100", "got 'NaN'", 10)]
    [InlineData(" 1 R A 100 200 100", " 1 R A 100 0 100", "diameter of pipe 1", 10)]
    [InlineData(" 1 R A 100 200 100", " 1 R A 100", "needs Node1 Node2 Length", 10)]
    [InlineData(" B 12 3", " A 12 3", "duplicate node id 'A'", 6)]
    [InlineData(" Units LPS", " Units BARRELS", "unknown flow units", 15)]
    [InlineData(" A 10 5 P1 ;", " A 10 5 NOPAT ;", "undefined pattern 'NOPAT'", 5)]
    public void Broken_input_names_the_line_and_the_problem(string good, string bad, string expected, int line)
    {
        Assert.Contains(good, Small);
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(Small.Replace(good, bad), "bad.inp"));
        Assert.Contains(expected, e.Message);
        Assert.Equal(line, e.Line);
        Assert.StartsWith("bad.inp, line", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    public void Empty_file_is_a_clear_error(string text)
    {
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "empty.inp"));
        Assert.Contains("empty file", e.Message);
    }

    [Fact]
    public void Truncated_file_fails_on_the_cut_line()
    {
        int cut = Small.IndexOf("150 150", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(Small[..cut], "cut.inp"));
        Assert.Equal(11, e.Line);
    }

    [Fact]
    public void Unsupported_sections_are_an_error_or_with_the_flag_a_warning()
    {
        string text = Small + "\n[LEAKAGE]\n;Pipe C1 C2\n 1 0.5 1.0\n[VALVES]\n";
        var e = Assert.Throws<InvalidInputException>(() => InpReader.ReadText(text, "v.inp"));
        Assert.Contains("[LEAKAGE]", e.Message);
        Assert.Contains("--ignore-unsupported", e.Message);
        var result = InpReader.ReadText(text, "v.inp", ignoreUnsupported: true);
        Assert.Contains(result.Warnings, w => w.Contains("dropped section [LEAKAGE]") && w.Contains("1 data line"));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("VALVES")); // empty: nothing to say
    }

    [Fact]
    public void Unknown_section_is_named_in_a_warning_and_kept_for_export()
    {
        var result = InpReader.ReadText(Small + "\n[GIZMOS]\n x 1\n", "u.inp");
        Assert.Contains(result.Warnings, w => w.Contains("[GIZMOS]") && w.Contains("kept verbatim"));
        Assert.Equal(["x 1"], result.Scenario.Network.ExtraSections.Single(s => s.Name == "GIZMOS").Lines);
        Assert.Contains("[GIZMOS]\nx 1\n", InpWriter.Write(result.Scenario, out _));
    }

    [Fact]
    public void Source_lines_locate_nodes_and_links()
    {
        var lines = InpReader.ReadText(Small, "s.inp").SourceLines;
        Assert.Equal(5, lines["node:A"]);
        Assert.Equal(11, lines["link:2"]);
    }
}
