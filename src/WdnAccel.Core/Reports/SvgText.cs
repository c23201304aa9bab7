namespace WdnAccel.Core.Reports;

/// <summary>What the SVG writers share: escaped text and the document's opening (size, white page, title).</summary>
internal static class SvgText
{
    /// <summary>Starts a <paramref name="width"/>×<paramref name="height"/> document on a white page with <paramref name="title"/> centred at <paramref name="titleX"/>.</summary>
    public static System.Text.StringBuilder Begin(double width, double height, string title, double titleX)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        sb.Append(inv, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>\n");
        sb.Append(inv, $"<text x=\"{titleX:0.##}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>\n");
        return sb;
    }

    public static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
