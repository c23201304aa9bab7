using System.Text;

namespace WdnAccel.Core.Io.Scenarios.Schema;

/// <summary>
/// The field tables of docs/scenario-format.md, printed from <see cref="ScenarioSchema"/> so that the document says
/// exactly what the reader accepts and the writer writes (a test keeps the document equal to this text).
/// </summary>
internal static class ScenarioSchemaDoc
{
    public const string Begin = "<!-- fields: generated from ScenarioSchema; `WDNACCEL_UPDATE_DOCS=1 dotnet test --filter ScenarioFormatDocTests` rewrites them -->";
    public const string End = "<!-- end of generated fields -->";

    /// <summary>One section per map: heading, sentence, and a table of key, type, default ("required"/"optional") and notes.</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        foreach (var map in ScenarioSchema.All)
        {
            sb.Append("### ").Append(map.Name).Append("\n\n").Append(map.About).Append("\n\n");
            sb.Append("| key | type | default | notes |\n|---|---|---|---|\n");
            foreach (var (key, type, defaultText, notes) in map.Rows)
                sb.Append("| `").Append(key).Append("` | ").Append(type).Append(" | ").Append(defaultText).Append(" | ").Append(notes).Append(" |\n");
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
