using System.Globalization;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Batch;

/// <summary>
/// A solver-variant study as a `.wdnb` stream: every scenario × algorithm × replicate × demand multiplier becomes one
/// scenario, named <c>NAME|ALGORITHM|demand=M|seed=R</c> (the job id; summaries group replicates by the name without
/// its seed segment), with the algorithm and budget in its solver block and the multiplier applied to the network's
/// demand multiplier. Written whole via temporary file + rename.
/// </summary>
public static class BatchPlan
{
    public const string SeedSegment = "seed=", DemandSegment = "demand=";

    /// <param name="Manifest">The JSON manifest these options come from, if any: problems then name it and its keys
    /// (<c>replicates</c>, <c>scenarios[1]</c>) instead of `batch plan`'s options.</param>
    public sealed record Options(IReadOnlyList<string> Scenarios, IReadOnlyList<string> Algorithms, int Replicates,
        IReadOnlyList<double> DemandMultipliers, long? Evaluations, bool Compress = false, string? Manifest = null);

    /// <returns>Scenarios written.</returns>
    public static int Write(Options options, string path)
    {
        int count = 0;
        var variants = Variants(options); // loads and checks the scenarios before the output is touched
        AtomicFile.Write(path, temp =>
        {
            using var writer = ScenarioBatchWriter.Create(temp, options.Compress);
            foreach (var variant in variants)
            {
                writer.Write(variant);
                count++;
            }
        });
        return count;
    }

    /// <summary>
    /// The study's scenarios in order (scenario, algorithm, demand multiplier, replicate), built one at a time from the
    /// base scenarios, which are loaded and checked when this is called.
    /// </summary>
    public static IEnumerable<Scenario> Variants(Options options)
    {
        string? manifest = options.Manifest;
        // A manifest's problems name its key (and the manifest); plan's name its option.
        string Field(string key, int? index = null) => manifest is null
            ? "--" + key.Replace('_', '-')
            : index is { } i ? $"{key}[{i}]" : key;
        if (options.Scenarios.Count == 0) throw new InvalidInputException("name at least one scenario", manifest, field: Field("scenarios"));
        if (options.Replicates < 1) throw new InvalidInputException($"{Field("replicates")} must be >= 1, got {options.Replicates}", manifest, field: Field("replicates"));
        for (int i = 0; i < options.DemandMultipliers.Count; i++)
        {
            double m = options.DemandMultipliers[i];
            if (!(m > 0) || !double.IsFinite(m))
                throw new InvalidInputException($"demand multipliers must be positive numbers, got {m.ToString("R", CultureInfo.InvariantCulture)}", manifest, field: Field("demand_multipliers", i));
            int first = options.DemandMultipliers.Take(i).ToList().IndexOf(m);
            if (first >= 0)
                throw new InvalidInputException($"names demand multiplier {m.ToString("R", CultureInfo.InvariantCulture)} twice (values {first + 1} and {i + 1}; 1 and 1.0 are one multiplier): its variants would be the same jobs", manifest, field: Field("demand_multipliers", i));
        }
        if (options.Evaluations is <= 0) throw new InvalidInputException($"{Field("evaluations")} must be positive, got {options.Evaluations}", manifest, field: Field("evaluations"));
        var algorithms = CheckAlgorithms(options.Algorithms, manifest, Field("algorithms"));
        for (int i = 0; i < options.Scenarios.Count; i++)
        {
            string full = Path.GetFullPath(options.Scenarios[i]);
            int first = options.Scenarios.Take(i).Select(Path.GetFullPath).ToList().IndexOf(full);
            if (first >= 0)
                throw new InvalidInputException($"names scenario {options.Scenarios[i]} twice (values {first + 1} and {i + 1}): its variants would be the same jobs", manifest, field: Field("scenarios", i));
        }
        var bases = options.Scenarios.Select(f => (File: f, Scenario: ScenarioFile.Load(f).Scenario)).ToList();
        for (int i = 0; i < bases.Count; i++)
        {
            string name = BaseName(bases[i].File, bases[i].Scenario);
            int first = bases.FindIndex(0, i, b => BaseName(b.File, b.Scenario) == name);
            if (first >= 0)
                throw new InvalidInputException($"scenarios {bases[first].File} and {bases[i].File} are both named '{name}', the first segment of their job ids, which would repeat: rename one (its \"name\")", manifest, field: Field("scenarios", i));
        }
        // Every algorithm is checked before the first variant is built: each scenario's own when --algorithms is empty.
        var perScenario = bases.Select(b => algorithms.Count > 0 ? algorithms : [DefaultAlgorithm(b.File, b.Scenario)]).ToList();
        return Expand(bases, perScenario, options);
    }

    /// <summary>
    /// <paramref name="names"/> in canonical form (<see cref="BatchAlgorithms.Check"/>), each once; bad input names
    /// <paramref name="file"/> (when given) and <paramref name="field"/>.
    /// </summary>
    public static List<string> CheckAlgorithms(IReadOnlyList<string> names, string? file, string field)
    {
        var canonical = new List<string>();
        for (int i = 0; i < names.Count; i++)
        {
            string at = file is null ? field : $"{field}[{i}]";
            string name = BatchAlgorithms.Check(names[i], file, field: at);
            if (canonical.Contains(name)) throw new InvalidInputException($"names algorithm {name} twice (its variants would be the same jobs)", file, field: at);
            canonical.Add(name);
        }
        return canonical;
    }

    /// <summary>The algorithm a variant of <paramref name="scenario"/> runs when none is named: its solver block's (checked), else de.</summary>
    public static string DefaultAlgorithm(string file, Scenario scenario) =>
        scenario.Solver?.Algorithm is { } a ? BatchAlgorithms.Check(a, file, field: "solver.algorithm") : "de";

    /// <summary>The algorithm a planned job id (<c>NAME|ALGORITHM|demand=M|seed=R</c>) names, or null for any other id.</summary>
    public static string? AlgorithmOf(string jobId)
    {
        var parts = jobId.Split('|');
        return parts.Length >= 4 && parts[^1].StartsWith(SeedSegment, StringComparison.Ordinal)
            && parts[^2].StartsWith(DemandSegment, StringComparison.Ordinal) ? parts[^3] : null;
    }

    /// <summary>The demand multiplier a planned job id (<c>NAME|ALGORITHM|demand=M|seed=R</c>) names, or null for any other id.</summary>
    public static double? DemandOf(string jobId)
    {
        if (AlgorithmOf(jobId) is null) return null;
        string segment = jobId.Split('|')[^2][DemandSegment.Length..];
        return double.TryParse(segment, NumberStyles.Float, CultureInfo.InvariantCulture, out double m) ? m : null;
    }

    private static IEnumerable<Scenario> Expand(List<(string File, Scenario Scenario)> bases, List<List<string>> algorithmsOf, Options options)
    {
        for (int b = 0; b < bases.Count; b++)
        {
            var (file, scenario) = bases[b];
            foreach (string algorithm in algorithmsOf[b])
            {
                foreach (double m in options.DemandMultipliers.DefaultIfEmpty(1.0))
                {
                    for (int r = 1; r <= options.Replicates; r++) yield return Variant(file, scenario, algorithm, m, r, options.Evaluations);
                }
            }
        }
    }

    /// <summary>
    /// One variant of <paramref name="scenario"/> (loaded from <paramref name="file"/>): its name is the job id
    /// <c>NAME|ALGORITHM|demand=M|seed=R</c>, the solver block runs <paramref name="algorithm"/> (keeping the
    /// scenario's parameters only when it is the scenario's own algorithm), and demands are scaled by
    /// <paramref name="demandMultiplier"/>. A scaled variant states no best-known cost: the published one is for the
    /// scenario's own demands, and a scaled network's designs would be judged against it.
    /// </summary>
    public static Scenario Variant(string file, Scenario scenario, string algorithm, double demandMultiplier, int replicate, long? evaluations)
    {
        return scenario with
        {
            Design = demandMultiplier == 1.0 || scenario.Design is null ? scenario.Design
                : scenario.Design with { BestKnownCost = null, BestKnownSource = null },
            Name = VariantName(file, scenario, algorithm, demandMultiplier, replicate),
            Network = scenario.Network with { Options = scenario.Network.Options with { DemandMultiplier = scenario.Network.Options.DemandMultiplier * demandMultiplier } },
            Solver = new SolverSettings
            {
                Algorithm = algorithm,
                Evaluations = evaluations ?? scenario.Solver?.Evaluations,
                Parameters = scenario.Solver?.ParametersFor(algorithm) ?? new Dictionary<string, double>(),
            },
        };
    }

    /// <summary>The scenario segment of a variant's job id: the scenario's name, else its file name less the extension.</summary>
    private static string BaseName(string file, Scenario scenario) =>
        string.IsNullOrEmpty(scenario.Name) ? Path.GetFileNameWithoutExtension(file) : scenario.Name;

    /// <summary>The job id of <see cref="Variant"/>: <c>NAME|ALGORITHM|demand=M|seed=R</c>.</summary>
    public static string VariantName(string file, Scenario scenario, string algorithm, double demandMultiplier, int replicate)
    {
        return string.Join("|", BaseName(file, scenario), algorithm, $"{DemandSegment}{demandMultiplier.ToString("R", CultureInfo.InvariantCulture)}", $"{SeedSegment}{replicate}");
    }
}
