using System.Globalization;
using System.Text;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Cli.Verbs;

[Verb("bench", HelpText = "Compare optimizers fairly: every algorithm × seed on every problem, with best/median/worst cost, success rate against the best-known cost, evaluations to reach it and evaluations/s.")]
public sealed class BenchVerb : BackendOptions, ICommand
{
    [Option("problems", Separator = ',', Default = new[] { "TLN", "HAN" }, HelpText = "Design scenarios: names under data/scenarios (TLN, HAN, NYT, GOY) or file paths.")]
    public IEnumerable<string> Problems { get; set; } = [];

    [Option("algorithms", Separator = ',', Default = new[] { "ga", "de", "cro", "gacoasa" }, HelpText = "Algorithms to compare.")]
    public IEnumerable<string> Algorithms { get; set; } = [];

    [Option("seeds", Default = 10, HelpText = "Runs per algorithm and problem (seeds 1..N).")]
    public int Seeds { get; set; }

    [Option("evaluations", HelpText = "Evaluation budget per run (default: each scenario's solver block, else 20000).")]
    public long? Evaluations { get; set; }

    [Option("tolerance", Default = 0.01, HelpText = "A run succeeds when its best feasible cost ≤ best known × (1 + tolerance).")]
    public double Tolerance { get; set; }

    [Option("csv", HelpText = "Also write the summary table as CSV to this file.")]
    public string? Csv { get; set; }

    public ExitCode Execute(CommandContext context)
    {
        if (Seeds < 1) throw new InvalidInputException("--seeds must be at least 1", field: "--seeds");
        if (!(Tolerance >= 0)) throw new InvalidInputException("--tolerance must be ≥ 0", field: "--tolerance");
        foreach (var a in Algorithms)
        {
            if (!OptimizerCatalog.Names.Contains(a.ToLowerInvariant()) && a.ToLowerInvariant() != "ga-coa-sa")
                throw new InvalidInputException($"unknown algorithm '{a}'; expected {string.Join(", ", OptimizerCatalog.Names)}", field: "--algorithms");
        }
        using var backend = CreateBackend(context, out var note);

        var rows = new List<BenchRow>();
        foreach (var problemName in Problems)
        {
            string path = ResolveProblem(problemName);
            var scenario = ScenarioFile.Load(path).Scenario;
            var network = PipeSizingRun.Compile(scenario, path);
            var design = scenario.Design!;
            long budget = Evaluations ?? scenario.Solver?.Evaluations ?? 20_000;
            double? target = design.BestKnownCost * (1 + Tolerance);
            foreach (var algorithm in Algorithms.Select(a => a.ToLowerInvariant()))
            {
                var runs = new List<PipeSizingOutcome>();
                for (ulong seed = 1; seed <= (ulong)Seeds; seed++)
                {
                    var settings = new OptimizerSettings { Seed = seed, MaxEvaluations = budget, Parameters = ParametersFor(scenario.Solver, algorithm) };
                    var outcome = PipeSizingRun.Execute(network, design, backend, algorithm, settings);
                    runs.Add(outcome);
                    if (!Json)
                    {
                        var r = outcome.Result;
                        context.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0} {1} seed {2}: {3} in {4:F1} s",
                            scenario.Name, algorithm, seed, r.FoundFeasible ? r.Best.Cost.ToString("N0", CultureInfo.InvariantCulture) : "no feasible design", r.WallTime.TotalSeconds));
                    }
                }
                rows.Add(BenchRow.From(scenario.Name, algorithm, budget, design.BestKnownCost, target, runs) with { Omega = scenario.Network.Options.Omega, Accuracy = scenario.Network.Options.Accuracy, MaxTrials = scenario.Network.Options.MaxTrials });
            }
        }

        string csv = BenchRow.Csv(rows);
        if (Csv is not null) File.WriteAllText(Csv, csv);
        Emit(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("backend", backend.Name);
            w.WriteString("backend_description", backend.Description);
            w.WriteNumber("seeds", Seeds);
            w.WriteNumber("tolerance", Tolerance);
            w.WriteString("version", typeof(BenchVerb).Assembly.GetName().Version?.ToString(3));
            w.WriteStartArray("results");
            foreach (var row in rows) row.WriteJson(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }, o => o.Write(BenchRow.Table(rows, Tolerance, backend.Description)));
        return ExitCode.Success;
    }

    /// <summary>The scenario's solver parameters apply only to the algorithm the scenario names; others take their defaults.</summary>
    private static IReadOnlyDictionary<string, double> ParametersFor(Core.Model.SolverSettings? solver, string algorithm) =>
        solver?.Algorithm?.ToLowerInvariant() == algorithm ? solver.Parameters : new Dictionary<string, double>();

    /// <summary>A file path as given, else data/scenarios/NAME.wdn from the current folder or above the executable.</summary>
    private static string ResolveProblem(string name)
    {
        if (File.Exists(name)) return name;
        string relative = Path.Combine("data", "scenarios", name + ".wdn");
        if (File.Exists(relative)) return relative;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidInputException($"problem '{name}' is neither a file nor a bundled scenario (data/scenarios/{name}.wdn)", field: "--problems");
    }

    private sealed record BenchRow(
        string Problem, string Algorithm, long Budget, int Runs, int Feasible, double Best, double Median, double Worst,
        double? BestKnown, int Successes, int HitsOfBestKnown, double? MedianEvaluationsToTarget, double EvaluationsPerSecond, double Seconds)
    {
        /// <summary>Hydraulic settings that produced the costs: Hazen–Williams ω, GGA accuracy and trial limit.</summary>
        public double Omega { get; init; }
        public double Accuracy { get; init; }
        public int MaxTrials { get; init; }

        public static BenchRow From(string problem, string algorithm, long budget, double? bestKnown, double? target, List<PipeSizingOutcome> runs)
        {
            var costs = runs.Where(r => r.Result.FoundFeasible).Select(r => r.Result.Best.Cost).Order().ToList();
            // Evaluations to target from each run's improvement history: the first point at or below the target.
            var toTarget = runs.Select(r => target is { } t ? r.Result.History.FirstOrDefault(h => h.BestCost <= t) : default)
                .Where(h => h.Evaluations > 0).Select(h => (double)h.Evaluations).Order().ToList();
            int hits = bestKnown is { } b ? costs.Count(c => c <= b * (1 + 1e-9)) : 0;
            double seconds = runs.Sum(r => r.Result.WallTime.TotalSeconds);
            long evaluations = runs.Sum(r => r.Result.Evaluations);
            return new BenchRow(problem, algorithm, budget, runs.Count, costs.Count,
                costs.Count > 0 ? costs[0] : double.NaN, MedianOf(costs), costs.Count > 0 ? costs[^1] : double.NaN,
                bestKnown, toTarget.Count, hits, toTarget.Count > 0 ? MedianOf(toTarget) : null,
                seconds > 0 ? evaluations / seconds : 0, seconds);
        }

        private static double MedianOf(List<double> sorted) =>
            sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

        public void WriteJson(System.Text.Json.Utf8JsonWriter w)
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
            w.WriteNumberOrNull("best_known_cost", BestKnown ?? double.NaN);
            w.WriteNumber("successes", Successes);
            w.WriteNumber("success_rate", Runs > 0 ? (double)Successes / Runs : 0);
            w.WriteNumber("hits_of_best_known", HitsOfBestKnown);
            w.WriteNumberOrNull("median_evaluations_to_target", MedianEvaluationsToTarget ?? double.NaN);
            w.WriteNumber("evaluations_per_second", EvaluationsPerSecond);
            w.WriteNumber("seconds", Seconds);
            w.WriteNumber("omega", Omega);
            w.WriteNumber("accuracy", Accuracy);
            w.WriteNumber("max_trials", MaxTrials);
            w.WriteEndObject();
        }

        private static readonly string[] Header =
            ["problem", "algorithm", "budget", "runs", "feasible", "best", "median", "worst", "best_known", "success", "hit_best_known", "median_evals_to_target", "evals_per_s", "seconds"];

        private string[] Cells(string format) =>
        [
            Problem, Algorithm, Budget.ToString(CultureInfo.InvariantCulture), Runs.ToString(CultureInfo.InvariantCulture),
            Feasible.ToString(CultureInfo.InvariantCulture), N(Best, format), N(Median, format), N(Worst, format), N(BestKnown ?? double.NaN, format),
            $"{Successes}/{Runs}", $"{HitsOfBestKnown}/{Runs}", N(MedianEvaluationsToTarget ?? double.NaN, format), N(EvaluationsPerSecond, format),
            Seconds.ToString("F1", CultureInfo.InvariantCulture),
        ];

        private static string N(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

        public static string Csv(IEnumerable<BenchRow> rows)
        {
            var sb = new StringBuilder(string.Join(",", Header)).Append('\n');
            foreach (var r in rows) sb.Append(string.Join(",", r.Cells("R"))).Append('\n');
            return sb.ToString();
        }

        public static string Table(IReadOnlyList<BenchRow> rows, double tolerance, string backend)
        {
            var cells = rows.Select(r => r.Cells("N0")).Prepend(Header).ToList();
            var widths = Enumerable.Range(0, Header.Length).Select(c => cells.Max(r => r[c].Length)).ToArray();
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"success: best feasible cost ≤ best known × {1 + tolerance}; backend {backend}\n");
            foreach (var p in rows.GroupBy(r => r.Problem).Select(g => g.First()))
                sb.Append(CultureInfo.InvariantCulture, $"{p.Problem}: ω = {p.Omega:G6}, GGA accuracy {p.Accuracy}, max trials {p.MaxTrials}\n");
            foreach (var r in cells) sb.Append(string.Join("  ", r.Select((c, i) => i < 2 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])))).Append('\n');
            return sb.ToString();
        }
    }
}
