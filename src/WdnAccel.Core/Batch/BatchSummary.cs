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
                bool optimize = Text(group.First()["kind"]) == "optimize";
                w.WriteStartObject();
                w.WriteString("variant", group.Key);
                w.WriteNumber("count", group.Count());
                w.WriteNumber("ok", group.Count(r => r.Status == "ok"));
                w.WriteNumber("infeasible", group.Count(r => r.Status == "infeasible"));
                w.WriteNumber("failed", group.Count(r => r.Status == "failed"));
                if (optimize) w.WriteNumber("feasible", group.Count(Feasible));
                w.WriteString("figure", figure);
                // Only ok jobs have an answer: an infeasible job's figure (the least-violating design's cost, written
                // by older versions) is not one, and would pull the median below what any feasible design costs.
                WriteQuartiles(w, figure, group.Where(r => r.Status == "ok").Select(r => Number(r[figure])), statedWhenEmpty: true);
                WriteQuartiles(w, "seconds", group.Select(r => Number(r["seconds"])));
                if (optimize)
                {
                    // Every replicate counts, an infeasible or failed one as a miss (a failed record carries no
                    // best-known cost of its own); null where the variant's scenario states none.
                    if (!group.Any(r => BestKnownCost(r) is not null)) w.WriteNull("hit_rate");
                    else w.WriteNumber("hit_rate", group.Count(IsHit) / (double)group.Count());
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
    /// What a job's figures are aggregated over. For jobs named by `batch plan` (segments joined by '|': scenario,
    /// algorithm, demand multiplier, seed) the kind with the name less its seed=… segment, so replicates group together.
    /// For other optimize jobs (a folder's files, a stream's own names) the kind, the job id (the scenario) and the
    /// algorithm that ran, <c>optimize:NAME|ALGORITHM</c>: one median never mixes the costs of two networks. A failed
    /// job names the algorithm where it is known (--algorithm), else only its id. Other kinds: the kind.
    /// </summary>
    public static string Variant(BatchRecord r)
    {
        string kind = Text(r["kind"]);
        if (r.Job.Contains('|', StringComparison.Ordinal))
            return $"{kind}:{string.Join("|", r.Job.Split('|').Where(p => !p.StartsWith(BatchPlan.SeedSegment, StringComparison.Ordinal)))}";
        if (kind != "optimize") return kind;
        return r["algorithm"] is { Type: MessagePackType.String } a ? $"{kind}:{r.Job}|{a.AsString()}" : $"{kind}:{r.Job}";
    }

    /// <summary>Whether an optimize record found a feasible design.</summary>
    private static bool Feasible(BatchRecord r) => r["feasible"] is { Type: MessagePackType.Boolean } f && f.AsBoolean();

    /// <summary>
    /// The best-known cost an optimize record is judged against: none for a planned variant with its demands scaled
    /// (its id's demand=M, M ≠ 1), whose network no published cost is for, even where an older version recorded one.
    /// </summary>
    internal static double? BestKnownCost(BatchRecord r) =>
        BatchPlan.DemandOf(r.Job) is { } m && m != 1.0 ? null : Number(r["best_known_cost"]);

    /// <summary>
    /// A hit: a feasible design that reaches the best-known cost within <see cref="Model.DesignSpec.BestKnownHitTolerance"/>
    /// (0.1 %), by the rule bench and optimize use (<see cref="Model.DesignSpec.ReachesBestKnown"/>); scaled variants
    /// have no best-known cost (<see cref="BestKnownCost"/>), so none of theirs is judged against the unscaled one.
    /// </summary>
    internal static bool IsHit(BatchRecord r) =>
        Feasible(r) && Number(r["best_cost"]) is { } cost && BestKnownCost(r) is { } known && Model.DesignSpec.ReachesBestKnown(cost, known);

    /// <summary>
    /// NAME_median, NAME_iqr and NAME_count over the finite values; with <paramref name="statedWhenEmpty"/>, a median
    /// and IQR of null (and a count of 0) where there are none, so that a script reads null rather than a missing key.
    /// </summary>
    private static void WriteQuartiles(Utf8JsonWriter w, string name, IEnumerable<double?> values, bool statedWhenEmpty = false)
    {
        var sorted = values.Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).Order().ToArray();
        if (statedWhenEmpty) w.WriteNumber($"{name}_count", sorted.Length);
        if (sorted.Length == 0)
        {
            if (!statedWhenEmpty) return;
            w.WriteNull($"{name}_median");
            w.WriteNull($"{name}_iqr");
            return;
        }
        w.WriteNumber($"{name}_median", SampleQuantiles.Quantile(sorted, 0.5));
        w.WriteNumber($"{name}_iqr", SampleQuantiles.Quantile(sorted, 0.75) - SampleQuantiles.Quantile(sorted, 0.25));
    }

    private static double? Number(MessagePackValue? v) => v is null ? null : v.Type switch
    {
        MessagePackType.Float or MessagePackType.Integer => v.AsDouble(),
        _ => null,
    };

    private static string Text(MessagePackValue? v) => v is { Type: MessagePackType.String } ? v.AsString() : "";

    private static string Csv(string s) => Io.CsvField.Of(s);
}
