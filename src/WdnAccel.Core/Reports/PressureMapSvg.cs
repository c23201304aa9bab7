using System.Globalization;
using System.Text;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Reports;

/// <summary>
/// A pressure map of a solved snapshot as a self-contained SVG: the network drawn from its coordinates (EPANET
/// [COORDINATES] and [VERTICES]), junctions as circles coloured from the lowest pressure (red) to the highest
/// (blue), fixed-head nodes as black squares, pumps dashed, and junctions below the required pressure ringed. Each
/// element carries a tooltip with its id and value.
/// </summary>
public static class PressureMapSvg
{
    private const double W = 800, H = 620, Margin = 40, LegendHeight = 60;

    public static string Render(string title, Network network, SnapshotResult result, double? minPressure)
    {
        var position = new Dictionary<string, Point2>(StringComparer.Ordinal);
        foreach (var j in network.Junctions) if (j.Coordinates is { } c) position[j.Id] = c;
        foreach (var r in network.Reservoirs) if (r.Coordinates is { } c) position[r.Id] = c;
        foreach (var t in network.Tanks) if (t.Coordinates is { } c) position[t.Id] = c;
        var missing = result.Nodes.FirstOrDefault(n => !position.ContainsKey(n.Id));
        if (missing is not null)
            throw new InvalidInputException($"node '{missing.Id}' has no coordinates; a pressure map needs every node's [COORDINATES]", field: "--plot");

        double xMin = position.Values.Min(p => p.X), xMax = position.Values.Max(p => p.X);
        double yMin = position.Values.Min(p => p.Y), yMax = position.Values.Max(p => p.Y);
        double scale = Math.Min((W - 2 * Margin) / Math.Max(xMax - xMin, 1e-9), (H - 2 * Margin - LegendHeight) / Math.Max(yMax - yMin, 1e-9));
        var inv = CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("0.##", inv);
        double X(Point2 p) => Margin + (p.X - xMin) * scale;
        double Y(Point2 p) => Margin + (yMax - p.Y) * scale; // y grows upward on a map

        var junctions = result.Nodes.Where(n => !n.FixedHead && double.IsFinite(n.Pressure)).ToList();
        double pMin = junctions.Count > 0 ? junctions.Min(n => n.Pressure) : 0, pMax = junctions.Count > 0 ? junctions.Max(n => n.Pressure) : 1;
        if (pMax <= pMin) pMax = pMin + 1;

        var sb = SvgText.Begin(W, H, title, W / 2);
        var links = network.Pipes.Select(p => (p.Id, p.Node1, p.Node2, p.Vertices, Pump: false))
            .Concat(network.Pumps.Select(p => (p.Id, p.Node1, p.Node2, p.Vertices, Pump: true)));
        var flow = result.Links.ToDictionary(l => l.Id, StringComparer.Ordinal);
        foreach (var (id, n1, n2, vertices, pump) in links)
        {
            var points = new List<Point2> { position[n1] };
            if (vertices is not null) points.AddRange(vertices);
            points.Add(position[n2]);
            string d = "M" + string.Join(" L", points.Select(p => $"{F(X(p))},{F(Y(p))}"));
            string tip = flow.TryGetValue(id, out var row) ? $"{(pump ? "pump" : "pipe")} {id}: {row.Flow * 1000:G4} L/s" : id;
            sb.Append($"<path class=\"link\" d=\"{d}\" fill=\"none\" stroke=\"#888\" stroke-width=\"1.5\"{(pump ? " stroke-dasharray=\"5,3\"" : "")}><title>{SvgText.Escape(tip)}</title></path>\n");
        }
        foreach (var node in result.Nodes)
        {
            var p = position[node.Id];
            string tip = SvgText.Escape(string.Format(inv, "{0}: head {1:G5} m, pressure {2:G4} m", node.Id, node.Head, node.Pressure));
            if (node.FixedHead)
            {
                sb.Append($"<rect class=\"fixed\" x=\"{F(X(p) - 6)}\" y=\"{F(Y(p) - 6)}\" width=\"12\" height=\"12\" fill=\"black\"><title>{tip}</title></rect>\n");
                continue;
            }
            bool below = minPressure is { } limit && node.Pressure < limit;
            sb.Append($"<circle class=\"junction{(below ? " below" : "")}\" cx=\"{F(X(p))}\" cy=\"{F(Y(p))}\" r=\"6\" fill=\"{Color((node.Pressure - pMin) / (pMax - pMin))}\"");
            sb.Append(below ? " stroke=\"red\" stroke-width=\"3\"" : " stroke=\"#333\" stroke-width=\"0.8\"");
            sb.Append($"><title>{tip}</title></circle>\n");
        }
        // Legend: the colour scale from the lowest to the highest junction pressure.
        double legendY = H - LegendHeight + 20, legendX = Margin, legendW = 300;
        for (int i = 0; i < 30; i++)
            sb.Append($"<rect x=\"{F(legendX + i * legendW / 30)}\" y=\"{F(legendY)}\" width=\"{F(legendW / 30 + 0.5)}\" height=\"12\" fill=\"{Color(i / 29.0)}\"/>\n");
        sb.Append($"<text x=\"{F(legendX)}\" y=\"{F(legendY + 28)}\">{pMin.ToString("G4", inv)} m</text>\n");
        sb.Append($"<text x=\"{F(legendX + legendW)}\" y=\"{F(legendY + 28)}\" text-anchor=\"end\">{pMax.ToString("G4", inv)} m</text>\n");
        string note = minPressure is { } m ? $"pressure at junctions; ringed red: below the required {m.ToString("G4", inv)} m" : "pressure at junctions";
        sb.Append($"<text x=\"{F(legendX + legendW + 16)}\" y=\"{F(legendY + 11)}\">{SvgText.Escape(note)}</text>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Red (0) through yellow to blue (1).</summary>
    private static string Color(double t)
    {
        t = Math.Clamp(double.IsFinite(t) ? t : 0, 0, 1);
        (double r, double g, double b) = t < 0.5
            ? (0.84, 0.15 + 1.5 * t, 0.16 + 0.2 * t)
            : (0.84 - 1.5 * (t - 0.5), 0.9 - 0.5 * (t - 0.5), 0.26 + 1.2 * (t - 0.5));
        return $"#{(int)(r * 255):x2}{(int)(g * 255):x2}{(int)(b * 255):x2}";
    }
}
