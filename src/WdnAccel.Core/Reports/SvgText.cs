namespace WdnAccel.Core.Reports;

/// <summary>Text for the SVG writers: XML-escaped.</summary>
internal static class SvgText
{
    public static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
