using System.Globalization;
using System.Text;
using System.Text.Json;
using WdnAccel.Core.Io;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Reports;

/// <summary>
/// One algorithm on one problem over several seeds, as `bench` reports it: best feasible cost, median and worst
/// over all seeds (a seed without a feasible design ranks as +∞, so those are blank once it is reached),
/// successes (best ≤ reference × (1 + tolerance)), hits of the reference cost (within 0.1 %), median evaluations to the target
/// (from each run's improvement history) and evaluations per second, with the hydraulic settings behind the costs.
/// </summary>
public sealed record SolverComparisonRow(
    string Problem, string Algorithm, long Budget, int Runs, int Feasible, double Best, double Median, double Worst,
    ComparisonReference? Reference, int Successes, int HitsOfReference, double? MedianEvaluationsToTarget, double EvaluationsPerSecond, double Seconds)
{
    /// <summary>Hydraulic settings that produced the costs: Hazen–Williams ω, GGA accuracy and trial limit.</summary>
    public double Omega { get; init; }
    public double Accuracy { get; init; }
    public int MaxTrials { get; init; }
    /// <summary>The unit of the costs (the design block's cost_unit, e.g. "$").</summary>
    public string CostUnit { get; init; } = "";

    /// <summary>One run of the row: its seed and what it found, for per-seed plots.</summary>
    public sealed record Run(ulong Seed, bool Feasible, double BestCost, long Evaluations, long EvaluationsToBest, long? EvaluationsToTarget, double Seconds)
    {
        /// <summary>Rows the run's evaluation cache answered (designs it had evaluated before; not counted in <see cref="Evaluations"/>).</summary>
        public long CacheHits { get; init; }

        /// <summary>The run's improvements of its best feasible cost, for convergence plots (not written to JSON or CSV).</summary>
        public IReadOnlyList<Optimizers.HistoryPoint> History { get; init; } = [];
    }

    public IReadOnlyList<Run> PerSeed { get; init; } = [];

    /// <summary>The algorithm's parameters as its runs used them (defaults, the scenario's solver block, --param).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>Those of <see cref="Parameters"/> that differ from the algorithm's defaults, as name=value.</summary>
    public IEnumerable<string> ChangedParameters()
    {
        var defaults = Optimizers.OptimizerCatalog.Canonical(Algorithm) is { } known
            ? Optimizers.OptimizerCatalog.Create(known).Parameters.ToDictionary(p => p.Name, p => p.Default) : [];
        return Parameters.Where(p => !defaults.TryGetValue(p.Key, out double d) || d != p.Value).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value.ToString("R", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Quartiles of evaluations to the target over the runs that reached it (NaN when none did).</summary>
    public double EvaluationsToTargetQ1 { get; init; } = double.NaN;
    public double EvaluationsToTargetQ3 { get; init; } = double.NaN;

    /// <summary>The published best-known cost, when there is one.</summary>
    public double? BestKnown => Reference is { IsPublished: true } r ? r.Cost : null;

    public static SolverComparisonRow From(string problem, string algorithm, long budget, ComparisonReference? reference, double tolerance, IReadOnlyList<PipeSizingOutcome> runs)
    {
        double? target = reference?.Cost * (1 + tolerance);
        // Evaluations to target from each run's improvement history: the first point at or below the target.
        var perSeed = runs.Select(r => new Run(r.Result.Settings.Seed, r.Result.FoundFeasible, r.Result.FoundFeasible ? r.Result.Best.Cost : double.NaN,
            r.Result.Evaluations, r.Result.EvaluationsToBest,
            target is { } t ? r.Result.History.FirstOrDefault(h => h.BestCost <= t) is { Evaluations: > 0 } hit ? hit.Evaluations : null : null,
            r.Result.WallTime.TotalSeconds) { CacheHits = r.Result.CacheHits, History = r.Result.History }).ToList();
        var costs = perSeed.Where(r => r.Feasible).Select(r => r.BestCost).Order().ToList();
        // Median and worst over every run, one without a feasible design counting as +∞, as the Mann–Whitney
        // comparisons rank it: over the feasible runs alone an algorithm that often fails would look better than it is.
        var ranked = perSeed.Select(r => r.Feasible ? r.BestCost : double.PositiveInfinity).Order().ToList();
        var toTarget = perSeed.Where(r => r.EvaluationsToTarget is not null).Select(r => (double)r.EvaluationsToTarget!.Value).Order().ToList();
        int hits = reference?.Cost is { } b ? costs.Count(c => Model.DesignSpec.ReachesBestKnown(c, b)) : 0;
        double seconds = perSeed.Sum(r => r.Seconds);
        long evaluations = perSeed.Sum(r => r.Evaluations);
        return new SolverComparisonRow(problem, algorithm, budget, runs.Count, costs.Count,
            costs.Count > 0 ? costs[0] : double.NaN, Finite(SampleQuantiles.Median(ranked)), ranked.Count > 0 ? Finite(ranked[^1]) : double.NaN,
            reference, toTarget.Count, hits, toTarget.Count > 0 ? SampleQuantiles.Median(toTarget) : null,
            seconds > 0 ? evaluations / seconds : 0, seconds)
        {
            PerSeed = perSeed,
            Parameters = runs.Count > 0 ? runs[0].Result.Settings.Parameters : new Dictionary<string, double>(),
            EvaluationsToTargetQ1 = SampleQuantiles.Quantile(toTarget, 0.25),
            EvaluationsToTargetQ3 = SampleQuantiles.Quantile(toTarget, 0.75),
        };
    }

    /// <summary>NaN for +∞ (a run without a feasible design), which the reports write as null or a blank.</summary>
    private static double Finite(double v) => double.IsFinite(v) ? v : double.NaN;

    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("problem", Problem);
        w.WriteString("algorithm", Algorithm);
        w.WriteNumber("evaluations_budget", Budget);
        w.WriteNumber("runs", Runs);
        w.WriteNumber("feasible_runs", Feasible);
        w.WriteNumberOrNull("best_cost", Best);
        w.WriteNumberOrNull("median_cost", Median);
        w.WriteNumberOrNull("worst_cost", Worst);
        w.WriteString("cost_unit", CostUnit);
        w.WriteNumberOrNull("best_known_cost", BestKnown ?? double.NaN);
        w.WriteNumber("successes", Successes);
        w.WriteNumber("success_rate", Runs > 0 ? (double)Successes / Runs : 0);
        w.WriteNumberOrNull("reference_cost", Reference?.Cost ?? double.NaN);
        if (Reference is { } reference) w.WriteString("reference", reference.Source);
        else w.WriteNull("reference");
        w.WriteNumber("hits_of_reference", HitsOfReference);
        if (Reference is { IsPublished: true }) w.WriteNumber("hits_of_best_known", HitsOfReference);
        else w.WriteNull("hits_of_best_known");
        w.WriteNumberOrNull("median_evaluations_to_target", MedianEvaluationsToTarget ?? double.NaN);
        w.WriteNumberOrNull("evaluations_to_target_q1", EvaluationsToTargetQ1);
        w.WriteNumberOrNull("evaluations_to_target_q3", EvaluationsToTargetQ3);
        w.WriteNumber("evaluations_per_second", EvaluationsPerSecond);
        w.WriteNumber("seconds", Seconds);
        w.WriteNumber("omega", Omega);
        w.WriteNumber("accuracy", Accuracy);
        w.WriteNumber("max_trials", MaxTrials);
        w.WriteStartObject("parameters");
        foreach (var (name, value) in Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(name, value);
        w.WriteEndObject();
        w.WriteStartArray("seeds");
        foreach (var run in PerSeed)
        {
            w.WriteStartObject();
            w.WriteNumber("seed", run.Seed);
            w.WriteBoolean("feasible", run.Feasible);
            w.WriteNumberOrNull("best_cost", run.BestCost);
            w.WriteNumber("evaluations", run.Evaluations);
            w.WriteNumber("evaluations_to_best", run.EvaluationsToBest);
            if (run.EvaluationsToTarget is { } e) w.WriteNumber("evaluations_to_target", e);
            else w.WriteNull("evaluations_to_target");
            w.WriteNumber("seconds", run.Seconds);
            w.WriteNumber("cache_hits", run.CacheHits);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static readonly string[] Header =
        ["problem", "algorithm", "budget", "runs", "feasible", "best", "median", "worst", "best_known", "reference", "reference_source", "success", "hit_reference", "median_evals_to_target", "evals_per_s", "seconds", "evals_to_target_q1", "evals_to_target_q3", "changed_parameters"];

    private string[] Cells(string format) =>
    [
        Problem, Algorithm, Budget.ToString(CultureInfo.InvariantCulture), Runs.ToString(CultureInfo.InvariantCulture),
        Feasible.ToString(CultureInfo.InvariantCulture), N(Best, format), N(Median, format), N(Worst, format), N(BestKnown ?? double.NaN, format),
        Reference is { } r ? N(r.Cost, format) : "", Reference is null ? "" : Reference.IsPublished ? "published" : "found here",
        $"{Successes}/{Runs}", $"{HitsOfReference}/{Runs}", N(MedianEvaluationsToTarget ?? double.NaN, format), N(EvaluationsPerSecond, format),
        Seconds.ToString("F1", CultureInfo.InvariantCulture), N(EvaluationsToTargetQ1, format), N(EvaluationsToTargetQ3, format),
        string.Join(";", ChangedParameters()),
    ];

    private static string N(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    /// <summary>The settings of a whole comparison, which every CSV row repeats so that the file says what made it.</summary>
    public sealed record CsvSettings(double Tolerance, ulong SeedStart, int Seeds, bool EvaluationCache, string Backend, string Version);

    /// <summary>
    /// The summary rows for plotting: the JSON answer's keys and numbers (`best_cost`, `successes` and `success_rate`,
    /// not the table's `best` and "3/10"), full precision, blank where JSON has null, the cost unit and the hydraulic
    /// settings per row, and the comparison's settings (tolerance, seeds, backend, version) repeated on every row.
    /// </summary>
    public static string Csv(IEnumerable<SolverComparisonRow> rows, CsvSettings settings)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] header =
        [
            "problem", "algorithm", "evaluations_budget", "runs", "feasible_runs", "best_cost", "median_cost", "worst_cost", "cost_unit",
            "best_known_cost", "successes", "success_rate", "reference_cost", "reference", "hits_of_reference", "hits_of_best_known",
            "median_evaluations_to_target", "evaluations_to_target_q1", "evaluations_to_target_q3", "evaluations_per_second", "seconds",
            "omega", "accuracy", "max_trials", "changed_parameters", "tolerance", "seed_start", "seeds", "evaluation_cache", "backend", "version",
        ];
        var sb = new StringBuilder(string.Join(",", header)).Append('\n');
        foreach (var r in rows)
        {
            string[] cells =
            [
                CsvField(r.Problem), r.Algorithm, r.Budget.ToString(inv), r.Runs.ToString(inv), r.Feasible.ToString(inv),
                N(r.Best, "R"), N(r.Median, "R"), N(r.Worst, "R"), CsvField(r.CostUnit),
                N(r.BestKnown ?? double.NaN, "R"), r.Successes.ToString(inv), N(r.Runs > 0 ? (double)r.Successes / r.Runs : 0, "R"),
                N(r.Reference?.Cost ?? double.NaN, "R"), CsvField(r.Reference?.Source ?? ""), r.HitsOfReference.ToString(inv),
                r.Reference is { IsPublished: true } ? r.HitsOfReference.ToString(inv) : "",
                N(r.MedianEvaluationsToTarget ?? double.NaN, "R"), N(r.EvaluationsToTargetQ1, "R"), N(r.EvaluationsToTargetQ3, "R"),
                N(r.EvaluationsPerSecond, "R"), N(r.Seconds, "R"), N(r.Omega, "R"), N(r.Accuracy, "R"), r.MaxTrials.ToString(inv),
                CsvField(string.Join(";", r.ChangedParameters())), N(settings.Tolerance, "R"), settings.SeedStart.ToString(inv),
                settings.Seeds.ToString(inv), settings.EvaluationCache ? "true" : "false", CsvField(settings.Backend), CsvField(settings.Version),
            ];
            sb.Append(string.Join(",", cells)).Append('\n');
        }
        return sb.ToString();
    }

    private static string CsvField(string s) => Io.CsvField.Of(s);

    public static string Table(IReadOnlyList<SolverComparisonRow> rows, double tolerance, string backend, bool evaluationCache = true)
    {
        var cells = rows.Select(r => r.Cells("N0")).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(c => cells.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"success: best feasible cost ≤ reference × {1 + tolerance}; hit: within 0.1 % of the reference; backend {backend}\n");
        if (rows.Any(r => r.Feasible < r.Runs))
            sb.Append("median, worst: over every seed, one without a feasible design counting as +∞ (blank where that is where they fall)\n");
        sb.Append(evaluationCache ? "evaluations: distinct designs (evaluation cache on; repeats are answered from it and not counted)\n"
            : "evaluations: every design sent to the solver, repeats included (evaluation cache off)\n");
        if (rows.Any(r => r.Reference is { IsPublished: false }))
            sb.Append("reference found here: no published best-known cost; the least cost any algorithm and seed found in this comparison\n");
        foreach (var p in rows.GroupBy(r => r.Problem).Select(g => g.First()))
            sb.Append(CultureInfo.InvariantCulture, $"{p.Problem}: ω = {p.Omega:G6}, GGA accuracy {p.Accuracy}, max trials {p.MaxTrials}\n");
        foreach (var r in cells) sb.Append(string.Join("  ", r.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])))).Append('\n');
        return sb.ToString();
    }
}
