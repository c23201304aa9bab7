using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Msgpack;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Batch;

/// <summary>
/// The jobs of a batch input, enumerated lazily so that memory is bounded by the largest job, not the batch:
/// <list type="bullet">
/// <item>a folder: every scenario or model file in it runs the job kind, job id = file name, in ordinal order of the
/// ids;</item>
/// <item>a `.wdnb` stream (e.g. from `batch plan`): every scenario in it, job id = the scenario's name (unique,
/// non-empty), in stream order, decoded one at a time;</item>
/// <item>a manifest, JSON (<see cref="BatchManifest"/>, a crossing) or CSV (<see cref="BatchCsvManifest"/>, a row per
/// job): the study it describes, built one scenario at a time.</item>
/// </list>
/// <see cref="Ids"/> lists the ids first (a stream is read twice), so that shards and progress know the count.
/// Given the run's settings, <see cref="Open"/> refuses an override of what the input sets per job: an --algorithm
/// other than the one a planned job id names (<c>NAME|ALGORITHM|demand=M|seed=R</c>: the record would run one
/// algorithm under another's id and summary variant), or an --evaluations other than a manifest's own budget.
/// </summary>
public sealed class BatchInput
{
    private readonly List<string>? _files;
    private readonly Func<IEnumerable<Scenario>>? _variants;

    private BatchInput(string path, BatchJobKind kind, List<string>? files, List<string> ids, Func<IEnumerable<Scenario>>? variants = null)
    {
        Source = path;
        Kind = kind;
        _files = files;
        _variants = variants;
        Ids = ids;
    }

    /// <summary>The job kind a manifest asks for, when it names one (the CLI's --job overrides it).</summary>
    public static BatchJobKind? ManifestJob(string path) => BatchManifest.Is(path) ? BatchManifest.Read(path).Job : null;

    /// <summary>Whether jobs of <paramref name="kind"/> run a metaheuristic, so that a variant's algorithm and budget
    /// mean something to them: optimize jobs, and allocate jobs on a graph_allocation block.</summary>
    internal static bool Searches(BatchJobKind kind) => kind is BatchJobKind.Optimize or BatchJobKind.Allocate;

    /// <summary>Every job id, in input order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The folder, stream or manifest the jobs come from, as given.</summary>
    public string Source { get; }

    /// <summary>What every job runs.</summary>
    public BatchJobKind Kind { get; }

    /// <summary>File endings each job kind reads from a folder.</summary>
    public static string[] Extensions(BatchJobKind kind) => kind switch
    {
        BatchJobKind.Lp => [".json", ".mps", ".lp"],
        BatchJobKind.Paths => [".json", ".wdn", ".inp", ".msgpack"],
        _ => ScenarioFile.Extensions,
    };

    /// <param name="settings">The run's settings, checked against what the input sets per job (none: not checked).</param>
    public static BatchInput Open(string path, BatchJobKind kind, BatchSettings? settings = null)
    {
        if (Directory.Exists(path))
        {
            var extensions = Extensions(kind);
            var files = Directory.EnumerateFiles(path)
                .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .OrderBy(Path.GetFileName, StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
                throw new InvalidInputException($"no {string.Join("/", extensions)} files for {kind.ToString().ToLowerInvariant()} jobs", path, field: "INPUT");
            return new BatchInput(path, kind, files, files.Select(f => Path.GetFileName(f)!).ToList());
        }
        if (!File.Exists(path)) throw new InvalidInputException("no such folder or .wdnb file", path, field: "INPUT");
        if (BatchManifest.Is(path))
        {
            var (plan, _) = BatchManifest.Read(path);
            // As for a CSV manifest: algorithms and a budget only mean something to jobs that search.
            if (!Searches(kind) && (plan.Algorithms.Count > 0 || plan.Evaluations is not null))
                throw new InvalidInputException(
                    $"the manifest gives {(plan.Algorithms.Count > 0 ? "algorithms" : "evaluations")}, which only optimize and allocate jobs use, but these jobs are {kind.ToString().ToLowerInvariant()} (\"job\" or --job; simulate by default): make them optimize (or allocate) jobs, or leave the key out",
                    path, field: plan.Algorithms.Count > 0 ? "algorithms" : "evaluations");
            if (settings?.Evaluations is { } e && plan.Evaluations is { } own && own != e)
                throw new InvalidInputException($"--evaluations {e} conflicts with the manifest's evaluations ({own}), which sets every job's budget: leave out --evaluations or change the manifest", path, field: "evaluations");
            var manifest = FromVariants(path, kind, () => BatchPlan.Variants(plan), "a scenario listed twice?", "scenarios");
            CheckAlgorithm(manifest.Ids, settings, path, _ => "algorithms");
            return manifest;
        }
        if (BatchCsvManifest.Is(path))
        {
            return FromVariants(path, kind, () => BatchCsvManifest.Variants(path, settings, kind), "two rows alike?", "scenario");
        }
        if (BatchManifest.SyntaxError(path) is { } syntax) throw syntax; // a manifest cut short, say: name where
        if (!path.EndsWith(".wdnb", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException("a batch input is a folder of scenario files, a .wdnb scenario stream, a JSON manifest (\"manifest\": \"wdnaccel-batch\") or a CSV manifest (.csv)", path, field: "INPUT");
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = ScenarioBatchReader.Open(path))
        {
            foreach (var scenario in reader)
            {
                int index = ids.Count;
                if (string.IsNullOrEmpty(scenario.Name))
                    throw new InvalidInputException($"scenario {index} has no name; in a batch stream the name is the job id", path, field: $"scenario[{index}].name");
                if (!seen.Add(scenario.Name))
                    throw new InvalidInputException($"scenario {index} is named '{scenario.Name}' like an earlier one; job ids must be unique", path, field: $"scenario[{index}].name");
                ids.Add(scenario.Name);
            }
        }
        if (ids.Count == 0) throw new InvalidInputException("the stream holds no scenario", path, field: "INPUT");
        CheckAlgorithm(ids, settings, path, i => $"scenario[{i}].name");
        return new BatchInput(path, kind, null, ids);
    }

    /// <summary>Refuses an --algorithm other than the one a planned job id names (<see cref="BatchPlan.AlgorithmOf"/>).</summary>
    private static void CheckAlgorithm(IReadOnlyList<string> ids, BatchSettings? settings, string path, Func<int, string> field)
    {
        if (settings?.Algorithm is not { } algorithm) return;
        for (int i = 0; i < ids.Count; i++)
        {
            if (BatchPlan.AlgorithmOf(ids[i]) is { } named && (OptimizerCatalog.Canonical(named) ?? named) != algorithm)
                throw AlgorithmConflict(algorithm, ids[i], named, path, null, field(i));
        }
    }

    /// <summary>--algorithm <paramref name="algorithm"/> against job <paramref name="id"/>, whose id names <paramref name="named"/>.</summary>
    internal static InvalidInputException AlgorithmConflict(string algorithm, string id, string named, string path, int? line, string field) =>
        new($"--algorithm {algorithm} conflicts with job '{id}', whose id (and summary variant) names algorithm {named}: this input sets each job's algorithm, so leave out --algorithm, or choose the algorithms in the manifest (or with `batch plan --algorithms`)", path, line, field);

    private static BatchInput FromVariants(string path, BatchJobKind kind, Func<IEnumerable<Scenario>> variants, string hint, string field)
    {
        var names = variants().Select(v => v.Name).ToList();
        var dup = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new InvalidInputException($"the manifest makes job '{dup.Key}' twice ({hint})", path, field: field);
        return new BatchInput(path, kind, null, names, variants);
    }

    /// <summary>The jobs, in input order; a stream's scenarios are decoded as the enumeration reaches them.</summary>
    public IEnumerable<BatchJob> Jobs()
    {
        if (_files is not null)
        {
            for (int i = 0; i < _files.Count; i++) yield return new BatchJob(Ids[i], Kind, _files[i], i);
            yield break;
        }
        if (_variants is not null)
        {
            int i = 0;
            foreach (var scenario in _variants()) yield return new BatchJob(scenario.Name, Kind, Source, i++) { Scenario = scenario };
            yield break;
        }
        using var reader = ScenarioBatchReader.Open(Source);
        int index = 0;
        foreach (var scenario in reader)
        {
            yield return new BatchJob(scenario.Name, Kind, Source, index) { Scenario = scenario };
            index++;
        }
    }
}
