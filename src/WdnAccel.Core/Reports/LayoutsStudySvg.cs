using System.Globalization;
using System.Text;

namespace WdnAccel.Core.Reports;

/// <summary>
/// A self-contained x–y SVG for the layouts study's study: per series, markers at the data points and an optional
/// smooth curve (a fitted model evaluated across the x range); axes with ticks and a legend.
/// </summary>
public static class LayoutsStudySvg
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

    public static string Render(string title, string xLabel, string yLabel,
        IReadOnlyList<(string Label, IReadOnlyList<(double X, double Y)> Points, Func<double, double>? Curve)> series)
    {
        const double W = 760, H = 460, L = 90, R = 190, T = 40, B = 60;
        var pts = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        double xMin = pts.Count > 0 ? pts.Min(p => p.X) : 0, xMax = pts.Count > 0 ? pts.Max(p => p.X) : 1;
        double yMin = pts.Count > 0 ? pts.Min(p => p.Y) : 0, yMax = pts.Count > 0 ? pts.Max(p => p.Y) : 1;
        if (xMax <= xMin) xMax = xMin + 1;
        if (yMax <= yMin) yMax = yMin + 1;
        double padY = (yMax - yMin) * 0.05, padX = (xMax - xMin) * 0.03;
        yMin -= padY; yMax += padY; xMin -= padX; xMax += padX;
        double X(double x) => L + (W - L - R) * (x - xMin) / (xMax - xMin);
        double Y(double y) => T + (H - T - B) * (1 - (y - yMin) / (yMax - yMin));
        var inv = CultureInfo.InvariantCulture;
        string F(double v) => v.ToString("0.##", inv);
        var sb = SvgText.Begin(W, H, title, (W - R + L) / 2);
        sb.Append($"<line x1=\"{L}\" y1=\"{H - B}\" x2=\"{W - R}\" y2=\"{H - B}\" stroke=\"black\"/><line x1=\"{L}\" y1=\"{T}\" x2=\"{L}\" y2=\"{H - B}\" stroke=\"black\"/>\n");
        for (int i = 0; i <= 5; i++)
        {
            double x = xMin + (xMax - xMin) * i / 5, y = yMin + (yMax - yMin) * i / 5;
            sb.Append($"<line x1=\"{F(X(x))}\" y1=\"{H - B}\" x2=\"{F(X(x))}\" y2=\"{H - B + 5}\" stroke=\"black\"/><text x=\"{F(X(x))}\" y=\"{H - B + 18}\" text-anchor=\"middle\">{x.ToString("G4", inv)}</text>\n");
            sb.Append($"<line x1=\"{L - 5}\" y1=\"{F(Y(y))}\" x2=\"{W - R}\" y2=\"{F(Y(y))}\" stroke=\"#ddd\"/><text x=\"{L - 8}\" y=\"{F(Y(y) + 4)}\" text-anchor=\"end\">{y.ToString("G4", inv)}</text>\n");
        }
        sb.Append($"<text x=\"{F((W - R + L) / 2)}\" y=\"{H - 15}\" text-anchor=\"middle\">{Escape(xLabel)}</text>\n");
        sb.Append($"<text x=\"20\" y=\"{F((H - B + T) / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 20 {F((H - B + T) / 2)})\">{Escape(yLabel)}</text>\n");
        for (int s = 0; s < series.Count; s++)
        {
            string color = Colors[s % Colors.Length];
            var (label, points, curve) = series[s];
            if (curve is not null && points.Count > 0)
            {
                double a = points.Min(p => p.X), b = points.Max(p => p.X);
                var path = new StringBuilder();
                for (int i = 0; i <= 60; i++)
                {
                    double x = a + (b - a) * i / 60, y = Math.Clamp(curve(x), yMin, yMax);
                    path.Append(i == 0 ? "M" : "L").Append(F(X(x))).Append(',').Append(F(Y(y))).Append(' ');
                }
                sb.Append($"<path d=\"{path.ToString().TrimEnd()}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\"/>\n");
            }
            foreach (var (x, y) in points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
            {
                sb.Append($"<circle cx=\"{F(X(x))}\" cy=\"{F(Y(y))}\" r=\"3\" fill=\"{color}\"/>\n");
            }
            double ly = T + 10 + 18 * s;
            sb.Append($"<circle cx=\"{W - R + 15}\" cy=\"{F(ly)}\" r=\"4\" fill=\"{color}\"/><text x=\"{W - R + 25}\" y=\"{F(ly + 4)}\">{Escape(label)}</text>\n");
        }
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    private static string Escape(string s) => SvgText.Escape(s);
}
