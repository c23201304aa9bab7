using System.Globalization;
using System.Text;

namespace WdnAccel.Core.Reports;

/// <summary>
/// A self-contained SVG of a two-objective front: cost on x, the second objective on y, one circle (class
/// <c>front-point</c>, with a tooltip) per design, joined by the front's staircase, with axes, ticks and labels, and
/// the hypervolume's reference point stated under the title when given.
/// </summary>
public static class FrontSvg
{
    public static string Render(string title, IReadOnlyList<(double X, double Y, string Tooltip)> points, string xLabel, string yLabel, string? note = null)
    {
        const double W = 760, H = 460, L = 100, R = 24, T = 56, B = 60;
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).OrderBy(p => p.X).ThenByDescending(p => p.Y).ToList();
        double xMin = finite.Count > 0 ? finite.Min(p => p.X) : 0, xMax = finite.Count > 0 ? finite.Max(p => p.X) : 1;
        double yMin = finite.Count > 0 ? finite.Min(p => p.Y) : 0, yMax = finite.Count > 0 ? finite.Max(p => p.Y) : 1;
        (xMin, xMax) = Pad(xMin, xMax);
        (yMin, yMax) = Pad(yMin, yMax);
        double X(double v) => L + (W - L - R) * (v - xMin) / (xMax - xMin);
        double Y(double v) => T + (H - T - B) * (1 - (v - yMin) / (yMax - yMin));
        var inv = CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("0.##", inv);
        var sb = SvgText.Begin(W, H, title, W / 2);
        if (note is not null) sb.Append($"<text x=\"{W / 2}\" y=\"40\" text-anchor=\"middle\" fill=\"gray\">{SvgText.Escape(note)}</text>\n");
        sb.Append($"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\" stroke=\"black\"/><line x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\" stroke=\"black\"/>\n");
        double xStep = ConvergenceSvg.NiceStep(xMax - xMin);
        for (double v = Math.Ceiling(xMin / xStep) * xStep; v <= xMax; v += xStep)
        {
            sb.Append($"<line x1=\"{F(X(v))}\" y1=\"{H - B}\" x2=\"{F(X(v))}\" y2=\"{H - B + 5}\" stroke=\"black\"/><text x=\"{F(X(v))}\" y=\"{H - B + 18}\" text-anchor=\"middle\">{ConvergenceSvg.Compact(v)}</text>\n");
        }
        double yStep = ConvergenceSvg.NiceStep(yMax - yMin);
        for (double v = Math.Ceiling(yMin / yStep) * yStep; v <= yMax; v += yStep)
        {
            sb.Append($"<line x1=\"{L - 5}\" y1=\"{F(Y(v))}\" x2=\"{W - R}\" y2=\"{F(Y(v))}\" stroke=\"#ddd\"/><text x=\"{L - 8}\" y=\"{F(Y(v) + 4)}\" text-anchor=\"end\">{ConvergenceSvg.Compact(v)}</text>\n");
        }
        sb.Append($"<text x=\"{(L + W - R) / 2}\" y=\"{H - 18}\" text-anchor=\"middle\">{SvgText.Escape(xLabel)}</text>\n");
        sb.Append($"<text x=\"18\" y=\"{(T + H - B) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {(T + H - B) / 2})\">{SvgText.Escape(yLabel)}</text>\n");
        if (finite.Count > 1)
        {
            // The attainment staircase of a front maximizing y at least cost: from each design across to the next cost, then up.
            var path = new StringBuilder($"M{F(X(finite[0].X))},{F(Y(finite[0].Y))}");
            for (int i = 1; i < finite.Count; i++) path.Append($" H{F(X(finite[i].X))} V{F(Y(finite[i].Y))}");
            sb.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"#9ecae1\" stroke-width=\"1.2\"/>\n");
        }
        foreach (var p in finite)
        {
            sb.Append($"<circle class=\"front-point\" cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Y))}\" r=\"4\" fill=\"#1f77b4\"><title>{SvgText.Escape(p.Tooltip)}</title></circle>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static (double Lo, double Hi) Pad(double lo, double hi)
    {
        if (!(hi > lo)) { double half = Math.Max(Math.Abs(lo) * 0.01, 1e-3); lo -= half; hi += half; }
        double pad = (hi - lo) * 0.05;
        return (lo - pad, hi + pad);
    }
}
