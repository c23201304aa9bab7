using System.Globalization;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Batch;

/// <summary>
/// A batch listed row by row in a spreadsheet: a CSV file whose header names the columns and whose every row is one
/// job, a variant of a scenario file exactly as `batch plan` builds it (<see cref="BatchPlan.Variant"/>).
/// <code>
/// scenario,algorithm,demand_multiplier,replicate,evaluations
/// networks/hanoi.wdn,de,1.0,1,20000
/// networks/hanoi.wdn,ga,1.2,1,20000
/// </code>
/// Only <c>scenario</c> is required (a path relative to the manifest's folder); the others default to the scenario's
/// algorithm (else de), 1, 1 and the scenario's budget. The job id is the variant's name
/// (<c>NAME|ALGORITHM|demand=M|seed=R</c>). Unknown columns and algorithms are errors (typo protection), and every
/// problem names the line and column; two rows making one job name both lines.
/// </summary>
public static class BatchCsvManifest
{
    public static readonly string[] Columns = ["scenario", "algorithm", "demand_multiplier", "replicate", "evaluations"];

    private sealed record Row(int Line, string File, string? Algorithm, double DemandMultiplier, int Replicate, long? Evaluations);

    /// <summary>True for a `.csv` file (the only CSV a batch reads is a manifest).</summary>
    public static bool Is(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && File.Exists(path);

    /// <summary>
    /// The study's scenarios in row order. Rows and the scenario files they name are read and checked when this is
    /// called (each distinct file once): cells, algorithms, two rows that make one job (both lines named), and, given
    /// the run's <paramref name="settings"/>, an --algorithm or --evaluations that would override a row's own; the
    /// variants are built one at a time as the enumeration reaches them.
    /// </summary>
    public static IEnumerable<Scenario> Variants(string path, BatchSettings? settings = null, BatchJobKind? kind = null)
    {
        var rows = ReadRows(path);
        // An algorithm or a budget in a row sets a search: jobs that run none would ignore them, silently.
        if (kind is { } k && !BatchInput.Searches(k) && rows.FirstOrDefault(r => r.Algorithm is not null || r.Evaluations is not null) is { } used)
        {
            string what = used.Algorithm is not null ? $"algorithm '{used.Algorithm}'" : $"evaluations {used.Evaluations}";
            throw new InvalidInputException(
                $"this row gives {what}, which only optimize and allocate jobs use, but these jobs are {k.ToString().ToLowerInvariant()} (--job; simulate by default): run with --job optimize (or allocate), or leave the cell empty",
                path, used.Line, used.Algorithm is not null ? "algorithm" : "evaluations");
        }
        var bases = new Dictionary<string, Scenario>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (bases.ContainsKey(row.File)) continue;
            if (!File.Exists(row.File)) throw new InvalidInputException($"no such scenario file: {row.File}", path, row.Line, "scenario");
            bases[row.File] = ScenarioFile.Load(row.File).Scenario;
        }
        var algorithms = rows.Select(r => r.Algorithm ?? BatchPlan.DefaultAlgorithm(r.File, bases[r.File])).ToList();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            string id = BatchPlan.VariantName(row.File, bases[row.File], algorithms[i], row.DemandMultiplier, row.Replicate);
            if (!lineOf.TryAdd(id, row.Line))
                throw new InvalidInputException($"lines {lineOf[id]} and {row.Line} make the same job '{id}' (job ids must be unique: give one of them another replicate)", path, row.Line);
            if (settings?.Algorithm is { } a && a != algorithms[i])
                throw BatchInput.AlgorithmConflict(a, id, algorithms[i], path, row.Line, "algorithm");
            if (settings?.Evaluations is { } e && row.Evaluations is { } own && own != e)
                throw new InvalidInputException($"--evaluations {e} conflicts with this row's evaluations ({own}): the manifest sets the job's budget, so leave out --evaluations or change the row", path, row.Line, "evaluations");
        }
        return rows.Select((r, i) => BatchPlan.Variant(r.File, bases[r.File], algorithms[i], r.DemandMultiplier, r.Replicate, r.Evaluations));
    }

    private static List<Row> ReadRows(string path)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        using var records = CsvReader.Read(StrictText.ReadFile(path), path).GetEnumerator();
        if (!records.MoveNext()) throw new InvalidInputException($"the manifest is empty; its first line names the columns ({string.Join(",", Columns)})", path, 1);
        var header = records.Current;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < header.Fields.Count; c++)
        {
            string name = header.Fields[c].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
                throw new InvalidInputException($"unknown column '{header.Fields[c]}' (expected: {string.Join(", ", Columns)})", path, header.Line);
            if (!index.TryAdd(name, c)) throw new InvalidInputException($"column '{name}' appears twice", path, header.Line);
        }
        if (!index.ContainsKey("scenario")) throw new InvalidInputException("the header has no 'scenario' column", path, header.Line);
        var rows = new List<Row>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.Count != header.Fields.Count)
                throw new InvalidInputException($"expected {header.Fields.Count} fields like the header, got {record.Fields.Count}", path, record.Line);
            string? Cell(string column) => index.TryGetValue(column, out int c) && record.Fields[c].Trim().Length > 0 ? record.Fields[c].Trim() : null;
            InvalidInputException Bad(string column, string expected) =>
                new($"expected {expected}, got '{Cell(column)}'", path, record.Line, column);

            string file = Cell("scenario") ?? throw new InvalidInputException("expected a scenario file path, got an empty cell", path, record.Line, "scenario");
            double multiplier = 1.0;
            if (Cell("demand_multiplier") is { } m
                && !(double.TryParse(m, NumberStyles.Float, CultureInfo.InvariantCulture, out multiplier) && double.IsFinite(multiplier) && multiplier > 0))
                throw Bad("demand_multiplier", "a positive number");
            int replicate = 1;
            if (Cell("replicate") is { } r && !(int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out replicate) && replicate >= 1))
                throw Bad("replicate", "a whole number ≥ 1");
            long? evaluations = null;
            if (Cell("evaluations") is { } e)
            {
                evaluations = long.TryParse(e, NumberStyles.None, CultureInfo.InvariantCulture, out long v) && v > 0 ? v : throw Bad("evaluations", "a positive whole number");
            }
            string? algorithm = Cell("algorithm") is { } named ? BatchAlgorithms.Check(named, path, record.Line, "algorithm") : null;
            rows.Add(new Row(record.Line, Path.IsPathRooted(file) ? file : Path.Combine(folder, file), algorithm, multiplier, replicate, evaluations));
        }
        if (rows.Count == 0) throw new InvalidInputException("the manifest has a header but no rows", path, header.Line);
        return rows;
    }
}
