using System.Text.Json;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Problems;

/// <summary>
/// A design as a file: a JSON object {"pipe id": diameter in m} (0 closes a pipe), or the result `optimize --out`
/// writes, whose "design" object is read as is, so an optimized design can be simulated again.
/// </summary>
public static class DesignFile
{
    /// <summary>Reads a {pipe id: diameter (m)} JSON file into lane 0 of <paramref name="batch"/>.</summary>
    public static void Apply(CompiledNetwork net, HydraulicBatch batch, string path)
    {
        InputFile.Require(path, "design file");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(StrictText.ReadJsonFile(path));
        }
        catch (JsonException e)
        {
            throw JsonSyntax.Invalid(e, path);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException("expected an object {\"pipe id\": diameter in m, ...} or an `optimize --out` result", path);
            // An `optimize --json/--out` result carries the design under "design": re-import it as is.
            if (root.TryGetProperty("design", out var nested) && root.TryGetProperty("algorithm", out _))
            {
                if (nested.ValueKind != JsonValueKind.Object) throw new InvalidInputException("'design' must be an object {\"pipe id\": diameter in m}", path, field: "design");
                root = nested;
            }
            foreach (var p in root.EnumerateObject())
            {
                int link = net.LinkIndex(p.Name);
                if (link < 0 || link >= net.PipeCount) throw new InvalidInputException($"unknown pipe '{p.Name}'", path, field: p.Name);
                if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out var d) || !double.IsFinite(d))
                    throw new InvalidInputException($"diameter of pipe '{p.Name}' must be a number (m), got {p.Value.GetRawText()}", path, field: p.Name);
                if (d < 0) throw new InvalidInputException($"diameter of pipe '{p.Name}' must be >= 0 m (0 closes it), got {d}", path, field: p.Name);
                batch.SetPipe(0, link, d);
            }
        }
    }
}
