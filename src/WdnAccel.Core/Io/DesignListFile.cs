using System.Globalization;
using System.Text.Json;

namespace WdnAccel.Core.Io;

/// <summary>
/// Reads many pipe designs of one network from a file, with diameters in the network's own unit
/// (<see cref="DiameterUnit.Of"/>):
/// <list type="bullet">
/// <item><c>.csv</c>: a header row of pipe ids, optionally after a first column <c>id</c> (the designs' ids; without
/// it design k, counted from 1, is "k"), then one design per row; an empty cell keeps that pipe's diameter.</item>
/// <item><c>.json</c>: <c>{"designs": [{"id": "a", "diameters": {"pipe id": d, ...}}, ...]}</c>; an id is a string or
/// a number, and a design may name any subset of the pipes.</item>
/// </list>
/// Every problem names the file, the line (CSV) or the entry (JSON) and what was expected: an unknown pipe id, a
/// diameter that is not a number &gt; 0, a row with another number of fields than the header, a repeated id or pipe, an
/// empty file.
/// </summary>
public static class DesignListFile
{
    public const string CsvShape = "a header row of pipe ids (optionally after a first column 'id') and one design per row";
    public const string JsonShape = "{\"designs\": [{\"id\": ..., \"diameters\": {\"pipe id\": diameter, ...}}, ...]}";

    /// <summary>A diameter unit in words for messages: "inches" ("> 0 in in" read as a typo), else its symbol.</summary>
    private static string UnitWords(DiameterUnit unit) => unit.Name == "in" ? "inches" : unit.Name;

    /// <param name="pipeIds">The network's pipe ids.</param>
    public static DesignList Read(string path, IReadOnlyCollection<string> pipeIds, DiameterUnit unit)
    {
        InputFile.Require(path, "design file");
        var pipes = pipeIds as IReadOnlySet<string> ?? new HashSet<string>(pipeIds, StringComparer.Ordinal);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(path, pipes, unit),
            ".json" => ReadJson(path, pipes, unit),
            _ => throw new InvalidInputException($"unknown design file type; expected .csv ({CsvShape}) or .json ({JsonShape})", path),
        };
    }

    private static DesignList ReadCsv(string path, IReadOnlySet<string> pipes, DiameterUnit unit)
    {
        var records = CsvReader.Read(StrictText.ReadFile(path), path).ToList();
        if (records.Count == 0) throw new InvalidInputException($"the file is empty; expected {CsvShape}", path, line: 1);
        var header = records[0];
        string first = header.Fields[0].Trim();
        bool hasId = first.Equals("id", StringComparison.OrdinalIgnoreCase) && !pipes.Contains(first);
        int start = hasId ? 1 : 0;
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int c = start; c < header.Fields.Count; c++)
        {
            string id = header.Fields[c].Trim();
            string field = $"column {c + 1}";
            if (id.Length == 0) throw new InvalidInputException($"the header names no pipe in this column; expected {CsvShape}", path, header.Line, field);
            if (!pipes.Contains(id)) throw new InvalidInputException($"unknown pipe id '{id}' in the header (not a pipe of the network)", path, header.Line, field);
            if (!seen.Add(id)) throw new InvalidInputException($"pipe '{id}' has two columns", path, header.Line, field);
            columns.Add(id);
        }
        if (columns.Count == 0) throw new InvalidInputException($"the header names no pipe; expected {CsvShape}", path, header.Line);
        if (records.Count == 1) throw new InvalidInputException($"no designs: the header is followed by no row; expected {CsvShape}", path, header.Line + 1);
        var designs = new List<ListedDesign>(records.Count - 1);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in records.Skip(1))
        {
            if (row.Fields.Count != header.Fields.Count)
                throw new InvalidInputException($"{row.Fields.Count} field(s), expected {header.Fields.Count} as in the header on line {header.Line} ({(hasId ? "id and " : "")}{columns.Count} pipe(s))", path, row.Line);
            string id = hasId ? row.Fields[0].Trim() : (designs.Count + 1).ToString(CultureInfo.InvariantCulture);
            if (id.Length == 0) throw new InvalidInputException("the design id is empty; expected an id in the first column", path, row.Line, "id");
            if (!ids.TryAdd(id, row.Line)) throw new InvalidInputException($"design id '{id}' repeats line {ids[id]}", path, row.Line, "id");
            var diameters = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int c = 0; c < columns.Count; c++)
            {
                string text = row.Fields[start + c].Trim();
                if (text.Length == 0) continue; // the pipe keeps the network's diameter
                string pipe = columns[c];
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
                    throw new InvalidInputException($"diameter of pipe '{pipe}' is not a number: '{text}'; expected a diameter > 0 in {UnitWords(unit)}", path, row.Line, pipe);
                diameters[pipe] = Checked(d, pipe, unit, path, row.Line, pipe);
            }
            designs.Add(new ListedDesign(id, $"line {row.Line}", diameters));
        }
        return new DesignList(path, unit, columns, designs);
    }

    private static DesignList ReadJson(string path, IReadOnlySet<string> pipes, DiameterUnit unit)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(StrictText.ReadJsonFile(path)); }
        catch (JsonException e)
        {
            throw JsonSyntax.Invalid(e, path, expected: JsonShape);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("designs", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new InvalidInputException($"expected {JsonShape}", path, field: "designs");
            if (list.GetArrayLength() == 0) throw new InvalidInputException($"no designs: 'designs' is empty; expected {JsonShape}", path, field: "designs");
            var order = new List<string>();
            var named = new HashSet<string>(StringComparer.Ordinal);
            var designs = new List<ListedDesign>(list.GetArrayLength());
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            int k = 0;
            foreach (var entry in list.EnumerateArray())
            {
                string where = $"designs[{k}]";
                if (entry.ValueKind != JsonValueKind.Object) throw new InvalidInputException($"expected a design {{\"id\": ..., \"diameters\": {{...}}}}, got {entry.ValueKind}", path, field: where);
                string id = entry.TryGetProperty("id", out var idValue) ? idValue.ValueKind switch
                {
                    JsonValueKind.String => idValue.GetString()!.Trim(),
                    JsonValueKind.Number => idValue.GetRawText(),
                    _ => throw new InvalidInputException($"the design id must be a string or a number, got {idValue.GetRawText()}", path, field: where + ".id"),
                } : throw new InvalidInputException("the design has no 'id'", path, field: where);
                if (id.Length == 0) throw new InvalidInputException("the design id is empty", path, field: where + ".id");
                if (!ids.TryAdd(id, k)) throw new InvalidInputException($"design id '{id}' repeats designs[{ids[id]}]", path, field: where + ".id");
                if (!entry.TryGetProperty("diameters", out var values) || values.ValueKind != JsonValueKind.Object)
                    throw new InvalidInputException("expected 'diameters': {\"pipe id\": diameter, ...}", path, field: where + ".diameters");
                var diameters = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var p in values.EnumerateObject())
                {
                    string field = $"{where}.diameters.{p.Name}";
                    if (!pipes.Contains(p.Name)) throw new InvalidInputException($"unknown pipe id '{p.Name}' (not a pipe of the network)", path, field: field);
                    if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out double d))
                        throw new InvalidInputException($"diameter of pipe '{p.Name}' must be a number > 0 in {UnitWords(unit)}, got {p.Value.GetRawText()}", path, field: field);
                    if (!diameters.TryAdd(p.Name, Checked(d, p.Name, unit, path, null, field)))
                        throw new InvalidInputException($"pipe '{p.Name}' is listed twice", path, field: field);
                    if (named.Add(p.Name)) order.Add(p.Name);
                }
                designs.Add(new ListedDesign(id, where, diameters));
                k++;
            }
            return new DesignList(path, unit, order, designs);
        }
    }

    private static double Checked(double d, string pipe, DiameterUnit unit, string path, int? line, string field)
    {
        if (!double.IsFinite(d) || !(d > 0))
            throw new InvalidInputException($"diameter of pipe '{pipe}' must be a number > 0 in {UnitWords(unit)}, got {d.ToString(CultureInfo.InvariantCulture)}", path, line, field);
        return d * unit.Meters;
    }
}
