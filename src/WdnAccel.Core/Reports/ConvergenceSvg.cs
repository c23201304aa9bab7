using System.Globalization;
using System.Text;

namespace WdnAccel.Core.Reports;

/// <summary>
/// A self-contained SVG of best cost against evaluations (step lines, one series per run), with axes, ticks and
/// a legend; readable in any browser and embeddable in reports.
/// </summary>
public static class ConvergenceSvg
{
    public sealed record Series(string Label, IReadOnlyList<(double Evaluations, double Cost)> Points);

    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>Axis titles and the x range's start; the defaults are a convergence plot's (from 0 evaluations).</summary>
    public sealed record Axes(string X = "evaluations", string Y = "best feasible cost", double XMin = 0, double? YMin = null, double? YMax = null);

    /// <summary>
    /// The plot as SVG text, with <paramref name="reference"/> (if any) as a dashed line labelled
    /// <paramref name="referenceLabel"/>. The x axis runs from <see cref="Axes.XMin"/> to <paramref name="xAxisMax"/>
    /// (a run's budget, or a performance profile's largest τ), else to the last point.
    /// </summary>
    public static string Render(string title, IReadOnlyList<Series> series, double? reference = null, string? referenceLabel = null, double? xAxisMax = null, Axes? axes = null)
    {
        axes ??= new Axes();
        const double W = 760, H = 440, L = 100, R = 24, T = 40, B = 60;
        var pts = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Cost)).ToList();
        double xMin = axes.XMin;
        double xMax = Math.Max(xMin + 1, xAxisMax ?? (pts.Count > 0 ? pts.Max(p => p.Evaluations) : 1));
        double yMin = axes.YMin ?? (pts.Count > 0 ? pts.Min(p => p.Cost) : 0), yMax = axes.YMax ?? (pts.Count > 0 ? pts.Max(p => p.Cost) : 1);
        if (reference is { } r) { yMin = Math.Min(yMin, r); yMax = Math.Max(yMax, r); }
        if (yMax <= yMin) { yMax = yMin + Math.Max(1, Math.Abs(yMin) * 0.01); }
        double pad = (yMax - yMin) * 0.05;
        yMin -= pad; yMax += pad;
        double X(double e) => L + (W - L - R) * (e - xMin) / (xMax - xMin);
        double Y(double c) => T + (H - T - B) * (1 - (c - yMin) / (yMax - yMin));
        var inv = CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("0.##", inv);
        var sb = SvgText.Begin(W, H, title, W / 2);
        sb.Append($"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\" stroke=\"black\"/><line x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\" stroke=\"black\"/>\n");
        double xStep = NiceStep(xMax - xMin);
        for (double e = Math.Ceiling(xMin / xStep) * xStep; e <= xMax * (1 + 1e-9); e += xStep)
        {
            sb.Append($"<line x1=\"{F(X(e))}\" y1=\"{H - B}\" x2=\"{F(X(e))}\" y2=\"{H - B + 5}\" stroke=\"black\"/><text x=\"{F(X(e))}\" y=\"{H - B + 18}\" text-anchor=\"middle\">{Compact(e)}</text>\n");
        }
        double yStep = NiceStep(yMax - yMin);
        for (double c = Math.Ceiling(yMin / yStep) * yStep; c <= yMax; c += yStep)
        {
            sb.Append($"<line x1=\"{L - 5}\" y1=\"{F(Y(c))}\" x2=\"{W - R}\" y2=\"{F(Y(c))}\" stroke=\"#ddd\"/><text x=\"{L - 8}\" y=\"{F(Y(c) + 4)}\" text-anchor=\"end\">{Compact(c)}</text>\n");
        }
        sb.Append($"<text x=\"{(L + W - R) / 2}\" y=\"{H - 18}\" text-anchor=\"middle\">{Escape(axes.X)}</text>\n");
        sb.Append($"<text x=\"18\" y=\"{(T + H - B) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {(T + H - B) / 2})\">{Escape(axes.Y)}</text>\n");
        if (reference is { } refCost)
        {
            sb.Append($"<line x1=\"{L}\" y1=\"{F(Y(refCost))}\" x2=\"{W - R}\" y2=\"{F(Y(refCost))}\" stroke=\"gray\" stroke-dasharray=\"6 4\"/>");
            sb.Append($"<text x=\"{W - R - 4}\" y=\"{F(Y(refCost) - 5)}\" text-anchor=\"end\" fill=\"gray\">{Escape(referenceLabel ?? "reference")}</text>\n");
        }
        for (int s = 0; s < series.Count; s++)
        {
            var points = series[s].Points.Where(p => double.IsFinite(p.Cost)).ToList();
            if (points.Count == 0) continue;
            var path = new StringBuilder($"M{F(X(points[0].Evaluations))},{F(Y(points[0].Cost))}");
            for (int i = 1; i < points.Count; i++) path.Append($" H{F(X(points[i].Evaluations))} V{F(Y(points[i].Cost))}");
            path.Append($" H{F(X(xMax))}");
            string color = Colors[s % Colors.Length];
            sb.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\"/>\n");
            sb.Append($"<text x=\"{W - R - 4}\" y=\"{T + 14 + 14 * s}\" text-anchor=\"end\" fill=\"{color}\">{Escape(series[s].Label)}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>A 1, 2 or 5 × 10^k step giving four to ten ticks over <paramref name="range"/>.</summary>
    internal static double NiceStep(double range)
    {
        double raw = range / 5, magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double unit = raw / magnitude;
        return magnitude * (unit < 1.5 ? 1 : unit < 3.5 ? 2 : unit < 7.5 ? 5 : 10);
    }

    /// <summary>6.42M, 420k, 1.5k, 12: short tick labels.</summary>
    internal static string Compact(double v)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Math.Abs(v) < 1e-9) v = 0; // a tick stepped to -1e-17 or -0 reads "0"
        double a = Math.Abs(v);
        return a >= 1e6 ? (v / 1e6).ToString("0.###", inv) + "M" : a >= 1e3 ? (v / 1e3).ToString("0.###", inv) + "k" : v.ToString("0.###", inv);
    }

    private static string Escape(string s) => SvgText.Escape(s);
}
