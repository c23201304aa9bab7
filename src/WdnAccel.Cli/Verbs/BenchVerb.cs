using System.Globalization;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Reports;

namespace WdnAccel.Cli.Verbs;

[Example("Compare every optimizer on two-loop and Hanoi, 10 seeds each", "wdnaccel bench --problems TLN,HAN --seeds 10 --csv bench.csv")]
[Example("One algorithm, a larger budget, JSON with per-seed rows", "wdnaccel bench --problems HAN --algorithms de --evaluations 50000 --json")]
[Example("Hydraulic throughput on Hanoi, side by side with native EPANET", "wdnaccel bench --problems HAN --hydraulics 200000 --epanet /path/to/libepanet2.so")]
[Verb("bench", HelpText = "Compare optimizers fairly: every algorithm × seed on every problem, with best/median/worst cost, success rate against the best-known cost, evaluations to reach it (median and quartiles), evaluations/s, and a Mann–Whitney U test between every two algorithms.")]
public sealed partial class BenchVerb : EpanetOptions, ICommand
{
    [Option("problems", Separator = ',', Default = new[] { "TLN", "HAN" }, HelpText = "Design scenarios: names under data/scenarios (TLN, HAN, NYT, GOY) or file paths.")]
    public IEnumerable<string> Problems { get; set; } = [];

    [Option("algorithms", Separator = ',', HelpText = $"Algorithms to compare, comma-separated: any of {OptimizerCatalog.NameList} (default: all of them).")]
    public IEnumerable<string> Algorithms { get => _algorithms.Any() ? _algorithms : OptimizerCatalog.Names; set => _algorithms = value; }

    private IEnumerable<string> _algorithms = [];

    [Option("seeds", Default = 10, HelpText = "Runs per algorithm and problem (seeds S..S+N-1, S = --seed-start).")]
    public int Seeds { get; set; }

    [Option("seed-start", Default = 1UL, HelpText = "First seed S (e.g. tune on seeds 101..130 with --seed-start 101 --seeds 30, report on 1..20).")]
    public ulong SeedStart { get; set; }

    [Option("evaluations", HelpText = "Evaluation budget per run (default: each scenario's solver block, else 20000).")]
    public long? Evaluations { get; set; }

    [Option("tolerance", Default = 0.01, HelpText = "A run succeeds when its best feasible cost ≤ the reference × (1 + tolerance): the published best-known cost, else the least cost found in this comparison.")]
    public double Tolerance { get; set; }

    [Option("param", Separator = ',', HelpText = "Algorithm parameters as algorithm.name=value (name=value when one algorithm is compared), comma-separated; they override each scenario's solver block (see docs/optimizers.md).")]
    public IEnumerable<string> Parameters { get; set; } = [];

    [Option("cache", Default = "on", HelpText = "on | off: the per-run evaluation cache, the same for every compared algorithm (a design the run evaluated before is answered from it, not evaluated or counted again: evaluations count distinct designs; a run also stops after as many repeated designs as its budget). off counts every row asked for, as versions before the cache did. See docs/optimizers.md.")]
    public string EvalCache { get; set; } = "on";

    [Option("plot", MetaValue = "DIR", HelpText = "Also write SVG plots into this folder (created if missing): convergence-PROBLEM.svg (each algorithm's median best feasible cost over its seeds against evaluations) and performance-profile.svg (the share of (problem, seed) runs each algorithm brings to the target within τ times the fewest evaluations any algorithm needed; Dolan & Moré).")]
    public string? Plot { get; set; }

    [Option("csv", HelpText = "Also write the summary table as CSV to this file.")]
    public string? Csv { get; set; }

    /// <summary>--out and --csv, checked (and compared with the inputs) by <see cref="Program"/> before the work.</summary>
    public override IEnumerable<(string Path, string Field)> OutputFiles => base.OutputFiles.Concat(Csv is null ? [] : [(Csv, "--csv")]);

    public override void CheckOutName()
    {
        base.CheckOutName();
        if (Csv is not null) OutputFile.CheckExtension(Csv, "--csv", "CSV", ".csv");
    }

    /// <summary>--param entries by algorithm: "shade.p_max=0.5", or "p_max=0.5" when one algorithm is compared.</summary>
    private Dictionary<string, IReadOnlyDictionary<string, double>> ParseParameters()
    {
        var algorithms = Algorithms.Select(a => a.ToLowerInvariant()).ToList();
        var byAlgorithm = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            int eq = p.IndexOf('=');
            if (eq <= 0 || !double.TryParse(p[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                throw new InvalidInputException($"'{p}': expected algorithm.name=number", field: "--param");
            string key = p[..eq].Trim();
            int dot = key.IndexOf('.');
            string algorithm = dot > 0 ? key[..dot].ToLowerInvariant() : algorithms.Count == 1 ? algorithms[0]
                : throw new InvalidInputException($"'{p}': {algorithms.Count} algorithms are compared; name the one it is for, e.g. {algorithms[0]}.{key}={p[(eq + 1)..]}", field: "--param");
            if (!algorithms.Contains(algorithm))
                throw new InvalidInputException($"'{p}': '{algorithm}' is not among the compared algorithms ({string.Join(", ", algorithms)})", field: "--param");
            if (!byAlgorithm.TryGetValue(algorithm, out var values)) byAlgorithm[algorithm] = values = new Dictionary<string, double>(StringComparer.Ordinal);
            string name = dot > 0 ? key[(dot + 1)..] : key;
            if (OptimizerCatalog.ParameterProblem(algorithm, name, value) is { } problem)
                throw new InvalidInputException($"'{p}': {problem}", field: "--param");
            values[name] = value;
        }
        return byAlgorithm.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, double>)kv.Value, StringComparer.Ordinal);
    }

    public ExitCode Execute(CommandContext context)
    {
        CheckHydraulicOptions();
        if (Hydraulics is not null) return RunHydraulics(context);
        if (Seeds < 1) throw new InvalidInputException("--seeds must be at least 1", field: "--seeds");
        if (SeedStart < 1 || SeedStart > ulong.MaxValue - (ulong)Seeds) throw new InvalidInputException("--seed-start must be at least 1", field: "--seed-start");
        if (Plot is not null) OutputFolder.Prepare(Plot, "--plot");
        if (!(Tolerance >= 0)) throw new InvalidInputException("--tolerance must be ≥ 0", field: "--tolerance");
        ArgumentChecks.AtLeast(Evaluations, 1, "--evaluations");
        foreach (var a in Algorithms)
        {
            if (OptimizerCatalog.Canonical(a) is null) throw new InvalidInputException(OptimizerCatalog.UnknownAlgorithm(a), field: "--algorithms");
        }
        // A name given twice would run the same comparison twice and compare it with itself.
        if (Algorithms.GroupBy(OptimizerCatalog.Canonical).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new InvalidInputException($"'{twice.Key}' is given twice; name each algorithm once", field: "--algorithms");
        // By the content of the file each name resolves to, so that TLN and a path to its file (or a copy) count as one.
        if (Problems.GroupBy(p => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(ResolveProblem(p.Trim())))), StringComparer.Ordinal)
                .FirstOrDefault(g => g.Count() > 1) is { } again)
            throw new InvalidInputException($"{string.Join(" and ", again.Select(p => $"'{p}'"))} name the same problem; name each problem once", field: "--problems");
        bool evaluationCache = ArgumentChecks.OnOff(EvalCache, "--cache");
        var parameters = ParseParameters();
        using var backend = CreateBackend(context, out var note);

        var problems = Problems.Select(name => ResolveProblem(name)).Select(path => (path, ScenarioFile.Load(path).Scenario)).ToList();
        CheckScenarioParameters(problems, parameters);
        var rows = SolverComparison.Run(problems, Algorithms.ToList(), Seeds, Evaluations, Tolerance, backend, parameters: parameters, firstSeed: SeedStart, evaluationCache: evaluationCache, onRun: (scenario, algorithm, seed, outcome) =>
        {
            if (Json) return;
            var r = outcome.Result;
            context.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0} {1} seed {2}: {3} in {4:F1} s",
                scenario.Name, algorithm, seed, r.FoundFeasible ? r.Best.Cost.ToString("N0", CultureInfo.InvariantCulture) : "no feasible design", r.WallTime.TotalSeconds));
        });

        var comparisons = VariantComparison.Pairwise(rows);
        string csv = SolverComparisonRow.Csv(rows, new SolverComparisonRow.CsvSettings(Tolerance, SeedStart, Seeds, evaluationCache, backend.Name, ProductVersion.Text));
        if (Csv is not null) context.WriteSideFile(Csv, csv, "--csv");
        var plots = new List<string>();
        if (Plot is not null)
        {
            foreach (var (name, svg) in BenchPlots.Render(rows, Tolerance))
            {
                string path = Path.Combine(Plot, name);
                context.WriteSideFile(path, svg, "--plot");
                plots.Add(path);
            }
        }
        Emit(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("backend", backend.Name);
            w.WriteString("backend_description", backend.Description);
            w.WriteNumber("seeds", Seeds);
            w.WriteNumber("seed_start", SeedStart);
            w.WriteNumber("tolerance", Tolerance);
            w.WriteBoolean("evaluation_cache", evaluationCache);
            w.WriteString("version", ProductVersion.Text);
            w.WriteStartArray("results");
            foreach (var row in rows) row.WriteJson(w);
            w.WriteEndArray();
            w.WriteStartArray("comparisons");
            foreach (var c in comparisons) c.WriteJson(w);
            w.WriteEndArray();
            w.WriteStartArray("plots");
            foreach (var p in plots) w.WriteStringValue(p);
            w.WriteEndArray();
            w.WriteEndObject();
        }, o =>
        {
            o.Write(SolverComparisonRow.Table(rows, Tolerance, $"{backend.Name} ({backend.Description}); wdnaccel {ProductVersion.Text}", evaluationCache));
            o.Write(VariantComparison.Table(comparisons));
            if (plots.Count > 0) o.WriteLine($"plots: {string.Join(", ", plots)}");
        });
        return ExitCode.Success;
    }

    /// <summary>
    /// A scenario's solver.parameters, for the algorithm it names when that one is compared and where --param does not
    /// replace them, refused before any run and named after the file and the field (the runs would refuse them only
    /// as settings as a whole, without the file).
    /// </summary>
    private void CheckScenarioParameters(IEnumerable<(string File, Core.Model.Scenario Scenario)> problems, Dictionary<string, IReadOnlyDictionary<string, double>> given)
    {
        foreach (var (file, scenario) in problems)
        {
            foreach (string algorithm in Algorithms.Select(a => a.ToLowerInvariant()).Distinct())
                OptimizerCatalog.CheckScenarioParameters(scenario.Solver, algorithm, file, name => given.GetValueOrDefault(algorithm)?.ContainsKey(name) == true);
        }
    }

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
}
