using WdnAccel.Core.Reports;
using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;

namespace WdnAccel.Core.Batch;

/// <summary>
/// summary.csv (one row per job: job, kind, status, seconds, the job's main figure, error) and summary.json (the
/// same rows, plus per-variant aggregates: count, ok, failed, infeasible, median and interquartile range of the main
/// figure and of the seconds, and the hit rate to the best-known cost where the scenarios state one) by
/// <see cref="Variant"/>, and the settings that made them. Both written whole via temporary file + rename.
/// </summary>
public static class BatchSummary
{
    public const string CsvName = "summary.csv", JsonName = "summary.json";

    /// <summary>The figure a job is judged by: by kind, and for allocate by model (the Lishui model's annual cost, else the LP objective).</summary>
    public static string MainFigure(BatchRecord record) => Text(record["kind"]) switch
    {
        "optimize" => "best_cost",
        "simulate" => "min_pressure",
        "paths" => "reachable_pairs",
        "allocate" when record["annual_cost"] is not null => "annual_cost",
        _ => "objective_value",
    };

    /// <param name="shard">The shard these records are, and <paramref name="jobsInShard"/> its job count: `batch merge` checks them.</param>
    /// <param name="settings">The settings that made the records, stated as "settings" (run.json's object).</param>
    public static void Write(string folder, IReadOnlyList<BatchRecord> records, BatchShard? shard = null, int? jobsInShard = null, BatchRunSettings? settings = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var csv = new StringBuilder("job,kind,variant,status,seconds,figure,value,error\n");
        foreach (var r in records)
        {
            string kind = Text(r["kind"]);
            string figure = MainFigure(r);
            csv.Append(Csv(r.Job)).Append(',').Append(kind).Append(',').Append(Csv(Variant(r))).Append(',').Append(r.Status).Append(',')
               .Append(Number(r["seconds"])?.ToString("R", inv)).Append(',').Append(figure).Append(',')
               .Append(Number(r[figure])?.ToString("R", inv)).Append(',').Append(Csv(Text(r["error"]))).Append('\n');
        }
        AtomicFile.WriteAllText(Path.Combine(folder, CsvName), csv.ToString());

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("jobs", records.Count);
            w.WriteString("shard", (shard ?? BatchShard.All).ToString());
            w.WriteNumber("jobs_in_shard", jobsInShard ?? records.Count);
            if (settings is not null)
            {
                w.WritePropertyName("settings");
                settings.WriteTo(w);
            }
            w.WriteStartArray("variants");
            foreach (var group in records.GroupBy(Variant).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                string figure = MainFigure(group.First());
                w.WriteStartObject();
                w.WriteString("variant", group.Key);
                w.WriteNumber("count", group.Count());
                w.WriteNumber("ok", group.Count(r => r.Status == "ok"));
                w.WriteNumber("infeasible", group.Count(r => r.Status == "infeasible"));
                w.WriteNumber("failed", group.Count(r => r.Status == "failed"));
                w.WriteString("figure", figure);
                WriteQuartiles(w, figure, group.Select(r => Number(r[figure])));
                WriteQuartiles(w, "seconds", group.Select(r => Number(r["seconds"])));
                var hits = group.Where(r => Number(r["best_known_cost"]) is not null).ToList();
                if (hits.Count > 0)
                {
                    // A hit: a feasible design within DesignSpec.BestKnownHitTolerance (0.1 %) of the scenario's best-known cost.
                    w.WriteNumber("hit_rate", hits.Count(r => r["feasible"]?.Type == MessagePackType.Boolean && r["feasible"]!.AsBoolean()
                        && Number(r["best_cost"]) is { } c && Model.DesignSpec.ReachesBestKnown(c, Number(r["best_known_cost"])!.Value)) / (double)hits.Count);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var r in records)
            {
                w.WriteStartObject();
                w.WriteString("job", r.Job);
                w.WriteString("kind", Text(r["kind"]));
                w.WriteString("variant", Variant(r));
                w.WriteString("status", r.Status);
                if (Number(r["seconds"]) is { } s) w.WriteNumber("seconds", s);
                string figure = MainFigure(r);
                if (Number(r[figure]) is { } v) w.WriteNumber(figure, v);
                if (r["error"] is { Type: MessagePackType.String } e) w.WriteString("error", e.AsString());
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        AtomicFile.WriteAllBytes(Path.Combine(folder, JsonName), buffer.ToArray());
    }

    /// <summary>
    /// What a job's figures are aggregated over: its kind with the algorithm for optimize jobs; for jobs named by
    /// `batch plan` (segments joined by '|': scenario, algorithm, demand multiplier, seed) the kind with the name less
    /// its seed=… segment, so replicates group together.
    /// </summary>
    public static string Variant(BatchRecord r)
    {
        string kind = Text(r["kind"]);
        if (r.Job.Contains('|', StringComparison.Ordinal))
            return $"{kind}:{string.Join("|", r.Job.Split('|').Where(p => !p.StartsWith(BatchPlan.SeedSegment, StringComparison.Ordinal)))}";
        return kind == "optimize" && r["algorithm"] is { Type: MessagePackType.String } a ? $"{kind}:{a.AsString()}" : kind;
    }

    private static void WriteQuartiles(Utf8JsonWriter w, string name, IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).Order().ToArray();
        if (sorted.Length == 0) return;
        w.WriteNumber($"{name}_median", SampleQuantiles.Quantile(sorted, 0.5));
        w.WriteNumber($"{name}_iqr", SampleQuantiles.Quantile(sorted, 0.75) - SampleQuantiles.Quantile(sorted, 0.25));
    }

    private static double? Number(MessagePackValue? v) => v is null ? null : v.Type switch
    {
        MessagePackType.Float or MessagePackType.Integer => v.AsDouble(),
        _ => null,
    };

    private static string Text(MessagePackValue? v) => v is { Type: MessagePackType.String } ? v.AsString() : "";

    /// <summary>RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.</summary>
    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
