using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests.Verbs;

public class FrontVerbTests
{
    private static readonly string TwoLoop = CliRunner.Data("scenarios", "TLN.wdn");

    // Two-loop's catalog: inches and $/m; every pipe is 1000 m.
    private static readonly double[] Inches = [1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24];
    private static readonly double[] Price = [2, 5, 8, 11, 16, 23, 32, 50, 60, 90, 130, 170, 300, 550];

    private static double CatalogCost(JsonElement design) =>
        design.EnumerateObject().Sum(p => 1000 * Price[Array.FindIndex(Inches, i => Math.Abs(i * 0.0254 - p.Value.GetDouble()) < 1e-12)]);

    [Fact]
    public void Json_front_is_priced_by_the_catalog_mutually_non_dominated_and_its_hypervolume_adds_up()
    {
        var r = CliRunner.Run("front", TwoLoop, "--evaluations", "3000", "--population", "40", "--seed", "3", "--backend", "simd", "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("resilience", doc.GetProperty("objective").GetString());
        Assert.Equal(3000, doc.GetProperty("evaluations").GetInt64());
        Assert.Equal(3UL, doc.GetProperty("seed").GetUInt64());
        Assert.Equal("simd", doc.GetProperty("backend").GetString());
        Assert.Equal("GGA steps in loop-flow form (2 loops)", doc.GetProperty("hydraulic_method").GetString()); // a setting of the front
        Assert.Equal(10.667, doc.GetProperty("omega").GetDouble(), 3);
        Assert.Equal(0.001, doc.GetProperty("accuracy").GetDouble());
        Assert.False(string.IsNullOrEmpty(doc.GetProperty("version").GetString()));
        Assert.Equal(JsonValueKind.Array, doc.GetProperty("warnings").ValueKind);

        var front = doc.GetProperty("front").EnumerateArray().Select(p => (
            Cost: p.GetProperty("cost").GetDouble(),
            Resilience: p.GetProperty("resilience").GetDouble(),
            Margin: p.GetProperty("min_pressure_margin").GetDouble(),
            Design: p.GetProperty("design"))).ToList();
        Assert.Equal(doc.GetProperty("front_size").GetInt32(), front.Count);
        Assert.InRange(front.Count, 5, 40);
        foreach (var p in front)
        {
            Assert.Equal(8, p.Design.EnumerateObject().Count());
            Assert.Equal(CatalogCost(p.Design), p.Cost, 1e-6);
            Assert.True(p.Margin >= 0, $"design at {p.Cost} misses a limit by {-p.Margin} m");
            Assert.InRange(p.Resilience, 0, 1);
        }
        // No design is both no dearer and no less resilient than another, and better in one.
        foreach (var a in front)
        {
            foreach (var b in front)
            {
                bool dominates = a.Cost <= b.Cost && a.Resilience >= b.Resilience && (a.Cost < b.Cost || a.Resilience > b.Resilience);
                Assert.False(dominates, $"({a.Cost}, {a.Resilience}) dominates ({b.Cost}, {b.Resilience})");
            }
        }

        // The reference point is the dearest design (8 pipes × 1000 m × 550 $/m) and index 0; the hypervolume is the
        // area of the union of the boxes [cost, r_cost] × [0, resilience], here summed strip by strip over resilience.
        var reference = doc.GetProperty("reference_point");
        Assert.Equal(4_400_000, reference.GetProperty("cost").GetDouble(), 6);
        Assert.Equal(0, reference.GetProperty("resilience").GetDouble());
        var byResilience = front.OrderBy(p => p.Resilience).ToList();
        double area = 0, below = 0;
        for (int i = 0; i < byResilience.Count; i++)
        {
            // Between the previous resilience level and this one, the cheapest design still reaching it sets the width.
            double width = 4_400_000 - byResilience.Skip(i).Min(p => p.Cost);
            area += width * (byResilience[i].Resilience - below);
            below = byResilience[i].Resilience;
        }
        Assert.Equal(area, doc.GetProperty("hypervolume").GetDouble(), 1e-6 * area);
    }

    [Fact]
    public void Csv_has_a_row_per_front_design_and_the_svg_a_marker_per_design()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "front.csv"), svg = Path.Combine(dir, "front.svg"), json = Path.Combine(dir, "front.json");
        var r = CliRunner.Run("front", TwoLoop, "--evaluations", "3000", "--population", "40", "--seed", "5", "--backend", "simd",
            "--csv", csv, "--plot", svg, "--out", json);
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var front = doc.GetProperty("front").EnumerateArray().ToList();
        Assert.NotEmpty(front);

        // Human output: the table has one line per design, and the hypervolume names its reference point.
        Assert.Contains("hypervolume", r.Out);
        Assert.Contains("reference point (cost 4,400,000 $", r.Out);
        foreach (var p in front) Assert.Contains(p.GetProperty("cost").GetDouble().ToString("N0", CultureInfo.InvariantCulture), r.Out);

        var lines = File.ReadAllLines(csv);
        Assert.Equal(front.Count + 1, lines.Length);
        Assert.Equal("cost,resilience,min_pressure_margin,d_1,d_2,d_3,d_4,d_5,d_6,d_7,d_8,"
            + "cost_unit,seed,evaluations,population,omega,accuracy,max_trials,backend,hydraulic_method,version", lines[0]);
        var header = lines[0].Split(',');
        for (int i = 0; i < front.Count; i++)
        {
            var row = lines[i + 1].Split(',');
            Assert.Equal(header.Length, row.Length);
            var cells = row.Take(11).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            // The settings columns repeat the JSON answer's, so the CSV alone says what made it.
            foreach (var key in new[] { "cost_unit", "backend", "hydraulic_method", "version" })
                Assert.Equal(doc.GetProperty(key).GetString(), row[Array.IndexOf(header, key)]);
            foreach (var key in new[] { "seed", "evaluations", "population", "omega", "accuracy", "max_trials" })
                Assert.Equal(doc.GetProperty(key).GetDouble(), double.Parse(row[Array.IndexOf(header, key)], CultureInfo.InvariantCulture));
            Assert.Equal(front[i].GetProperty("cost").GetDouble(), cells[0]);
            Assert.Equal(front[i].GetProperty("resilience").GetDouble(), cells[1]);
            Assert.Equal(front[i].GetProperty("design").GetProperty("4").GetDouble(), cells[6]);
        }

        var xml = XDocument.Parse(File.ReadAllText(svg)); // well-formed, or this throws
        XNamespace ns = "http://www.w3.org/2000/svg";
        var markers = xml.Descendants(ns + "circle").Where(c => (string?)c.Attribute("class") == "front-point").ToList();
        Assert.Equal(front.Count, markers.Count);
        var texts = xml.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("cost ($)", texts);
        Assert.Contains("resilience index", texts);
        // Cheaper designs sit further left, more resilient ones higher (SVG y grows downwards).
        var cx = markers.Select(m => double.Parse(m.Attribute("cx")!.Value, CultureInfo.InvariantCulture)).ToList();
        var cy = markers.Select(m => double.Parse(m.Attribute("cy")!.Value, CultureInfo.InvariantCulture)).ToList();
        for (int i = 1; i < markers.Count; i++)
        {
            Assert.True(cx[i] >= cx[i - 1]);
            Assert.True(cy[i] <= cy[i - 1]);
        }
    }

    [Fact]
    public void Surplus_front_reports_the_smallest_pressure_surplus_which_is_two_loops_margin()
    {
        var r = CliRunner.Run("front", TwoLoop, "--objective", "surplus", "--evaluations", "2000", "--population", "40", "--backend", "simd", "--json");
        Assert.Equal(0, r.ExitCode);
        var doc = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal("surplus", doc.GetProperty("objective").GetString());
        Assert.Equal(0, doc.GetProperty("reference_point").GetProperty("min_pressure_surplus").GetDouble());
        var front = doc.GetProperty("front").EnumerateArray().ToList();
        Assert.NotEmpty(front);
        foreach (var p in front)
        {
            Assert.False(p.TryGetProperty("resilience", out _));
            // Two-loop has only a 30 m minimum pressure, so the surplus (from the batched generation) is the margin
            // the verb re-solves each design alone for.
            double surplus = p.GetProperty("min_pressure_surplus").GetDouble();
            Assert.True(surplus >= 0);
            Assert.Equal(p.GetProperty("min_pressure_margin").GetDouble(), surplus, 1e-6);
        }
    }

    [Fact]
    public void Bad_options_exit_2_naming_the_option_before_any_work()
    {
        var r = CliRunner.Run("front", TwoLoop, "--objective", "pressure");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--objective", r.Error);
        Assert.Contains("resilience or surplus", r.Error);
        Assert.Empty(r.Out);

        r = CliRunner.Run("front", TwoLoop, "--csv", Path.Combine(CliRunner.TempDir(), "missing", "f.csv"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--csv", r.Error);

        r = CliRunner.Run("front", TwoLoop, "--population", "3");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--population", r.Error);

        r = CliRunner.Run("front", CliRunner.Data("networks", "TLN.inp"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("design block", r.Error);
    }

    [Fact]
    public void The_plot_must_be_an_svg_file_and_the_text_names_backend_and_newton_steps()
    {
        var png = CliRunner.Run("front", TwoLoop, "--evaluations", "200", "--plot", Path.Combine(CliRunner.TempDir(), "front.png"));
        Assert.Equal(2, png.ExitCode);
        Assert.Contains("field '--plot': --plot writes an SVG image; expected a .svg file name, got '.png'", png.Error);
        var text = CliRunner.Run("front", TwoLoop, "--evaluations", "200", "--backend", "simd", "--newton-steps", "junctions");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("backend simd (", text.Out);
        Assert.Contains("GGA over the junctions", text.Out);
    }
}
