using System.Globalization;
using CommandLine;
using WdnAccel.Core.Batch;
using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel batch INPUT --out DIR [--job KIND] [--seed S] [--shard i/N] [--resume]`: runs one job per scenario or
/// model file of a folder (job id = file name), or per scenario of a `.wdnb` stream (job id = its name), into DIR
/// (run.json, results.msgpack, summary.csv, summary.json); `wdnaccel batch merge DIR1 DIR2 … --out DIR` joins the shards of one
/// split; `wdnaccel batch plan --scenarios A.wdn,B.wdn --algorithms de,ga --replicates 10 --out sweep.wdnb` writes a
/// solver-variant study as a stream. Progress on stderr: a live line on a
/// terminal, a plain line every few seconds otherwise (cluster logs are files). Exit 0 when every job is ok, 3 when
/// some are infeasible or failed (each recorded with its reason), 2 when the input itself is unusable.
/// </summary>
[Example("Plan a solver-variant study: 2 algorithms × 3 replicates on two-loop", "wdnaccel batch plan --scenarios data/scenarios/TLN.wdn --algorithms de,ga --replicates 3 --evaluations 5000 --out sweep.wdnb")]
[Example("Run it (resumable; add --shard i/N on a cluster)", "wdnaccel batch sweep.wdnb --job optimize --out sweep-out")]
[Example("Shard 2 of 4 of the same run, as one Slurm array task would (then `batch merge`)", "wdnaccel batch sweep.wdnb --job optimize --shard 1/4 --out shard-1")]
[Verb("batch", HelpText = "Run a job on every scenario of a folder, .wdnb stream or manifest into --out DIR (run.json, results.msgpack, summary.csv, summary.json), resumable and sharded; `batch merge DIR... --out DIR` joins shards; `batch plan ... --out sweep.wdnb` writes a solver-variant study.")]
public sealed class BatchVerb : BackendOptions, ICommand
{
    /// <summary>--out names a folder (checked when the work starts), except for `batch plan`, whose --out is the .wdnb stream it writes.</summary>
    public override bool OutIsFile => Inputs.FirstOrDefault() == "plan";

    /// <summary>plan's stream must be named .wdnb: batch reads a .json or .csv input as a manifest, not as a stream.</summary>
    public override void CheckOutName()
    {
        if (Out is not null && OutIsFile) OutputFile.CheckExtension(Out, "--out", "a MessagePack scenario stream", ".wdnb");
    }

    /// <summary>The files a run or a merge writes into --out, each named on stderr when written.</summary>
    private static readonly string[] OutputFolderFiles = [BatchRunSettings.FileName, BatchResultFile.FileName, BatchSummary.CsvName, BatchSummary.JsonName];

    [Value(0, MetaName = "INPUT", Required = true, HelpText = "A folder of scenario/model files, a .wdnb stream, or a manifest (JSON crossing or CSV with a row per job); or `merge` followed by shard output folders; or `plan`.")]
    public IEnumerable<string> Inputs { get; set; } = [];

    [Option("job", HelpText = "What every job runs: simulate (default), optimize, allocate, lp, paths; a manifest may name it.")]
    public string? Job { get; set; }

    // No parser default: `batch plan` must tell a --seed given (refused) from none.
    [Option("seed", HelpText = "Batch seed, a whole number ≥ 0 (default 1); each job's seed derives from it and the job id (never from order, threads or shard).")]
    public ulong? Seed { get; set; }

    [Option("shard", HelpText = "Run part i of N disjoint parts (by a stable hash of the job id), e.g. 0/4. Default: SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT inside a Slurm job array, else the whole batch.")]
    public string? Shard { get; set; }

    [Option("resume", HelpText = "Continue the run whose results are in --out: skip the jobs it finished, drop a torn last record. Refused unless --job, --seed, --algorithm, --evaluations, the backend, --newton-steps and --shard are the run's (run.json); --threads may change.")]
    public bool Resume { get; set; }

    [Option("algorithm", HelpText = $"Optimize jobs: {OptimizerCatalog.NameList} (default: the scenario's, else de; not {OptimizerCatalog.FrontAlgorithm}, whose fronts `front` gives). Refused when the input's job ids name another (a manifest, a planned stream).")]
    public string? Algorithm { get; set; }

    [Option("evaluations", HelpText = "Optimize jobs: evaluation budget (default: the scenario's, else 20,000; refused when a manifest sets another); with plan, written into every variant.")]
    public long? Evaluations { get; set; }

    [Option("scenarios", Separator = ',', HelpText = "plan: the scenario files to vary, comma-separated.")]
    public IEnumerable<string> Scenarios { get; set; } = [];

    [Option("algorithms", Separator = ',', HelpText = $"plan: optimizers to compare, comma-separated: {OptimizerCatalog.NameList} (default: each scenario's).")]
    public IEnumerable<string> Algorithms { get; set; } = [];

    [Option("replicates", Default = 1, HelpText = "plan: runs per variant, each with its own seed.")]
    public int Replicates { get; set; } = 1;

    [Option("demand-multipliers", Separator = ',', HelpText = "plan: demand multipliers to cross with, comma-separated (default 1).")]
    public IEnumerable<double> DemandMultipliers { get; set; } = [];

    [Option("compress", HelpText = "plan: LZ4-compress each scenario in the .wdnb (MessagePack-CSharp's Lz4BlockArray; smaller files, readable by any MessagePack library with LZ4).")]
    public bool Compress { get; set; }

    public ExitCode Execute(CommandContext context)
    {
        var inputs = Inputs.ToList();
        bool plan = inputs.Count > 0 && inputs[0] == "plan";
        if (Out is null)
        {
            throw new InvalidInputException(plan ? "--out FILE.wdnb is required: the scenario stream plan writes"
                : "--out DIR is required: the folder that receives results.msgpack and the summaries", field: "--out");
        }
        if (inputs.Count > 0 && inputs[0] == "merge")
        {
            int merged = BatchMerge.Execute(inputs.Skip(1).ToList(), Out);
            foreach (string file in OutputFolderFiles) context.Wrote(Path.Combine(Out, file));
            context.Out.WriteLine(Json
                ? context.Json(w => { w.WriteStartObject(); w.WriteNumber("merged_jobs", merged); w.WriteString("out", Out); w.WriteEndObject(); })
                : $"merged {merged} jobs from {inputs.Count - 1} shard folder(s) into {Out}");
            return ExitCode.Success;
        }
        if (plan)
        {
            RefuseRunOptions();
            if (inputs.Count > 1) throw new InvalidInputException($"plan takes no input files ({string.Join(" ", inputs.Skip(1))}); name the scenarios with --scenarios", field: "INPUT");
            int written = BatchPlan.Write(new BatchPlan.Options(Scenarios.ToList(), Algorithms.ToList(), Replicates, DemandMultipliers.ToList(), Evaluations, Compress), Out);
            context.Wrote(Out);
            context.Out.WriteLine(Json
                ? context.Json(w => { w.WriteStartObject(); w.WriteNumber("scenarios", written); w.WriteString("out", Out); w.WriteEndObject(); })
                : $"wrote {written} scenarios to {Out}");
            return ExitCode.Success;
        }
        if (inputs.Count != 1) throw new InvalidInputException($"expected one input (a folder or a .wdnb stream), got {inputs.Count}: {string.Join(" ", inputs)}", field: "INPUT");
        // plan's own options on a run would be dropped: the variants are the input's.
        string? planOnly = Scenarios.Any() ? "--scenarios" : Algorithms.Any() ? "--algorithms" : Replicates != 1 ? "--replicates"
            : DemandMultipliers.Any() ? "--demand-multipliers" : Compress ? "--compress" : null;
        if (planOnly is not null)
            throw new InvalidInputException($"{planOnly} shapes the variants `batch plan` writes; a run takes them from its input (plan a stream with them, then run it)", field: planOnly);
        BatchJobKind kind;
        if (Job is null) kind = BatchInput.ManifestJob(inputs[0]) ?? BatchJobKind.Simulate;
        else if (!Enum.TryParse(Job, ignoreCase: true, out kind) || !Enum.IsDefined(kind))
            throw new InvalidInputException($"--job must be simulate, optimize, allocate, lp or paths; got '{Job}'", field: "--job");
        ArgumentChecks.AtLeast(Evaluations, 1, "--evaluations");
        var settings = new BatchSettings
        {
            Seed = Seed ?? 1,
            Algorithm = Algorithm is null ? null : BatchAlgorithms.Check(Algorithm, field: "--algorithm"),
            Evaluations = Evaluations,
            NewtonSteps = NewtonSteps,
        };
        var shard = Shard is not null ? BatchShard.Parse(Shard) : BatchShard.FromSlurm(Environment.GetEnvironmentVariable) ?? BatchShard.All;
        var jobs = BatchInput.Open(inputs[0], kind, settings);

        using var backend = CreateBackend(context, out _);
        var progress = new ProgressLine(context);
        BatchOutcome outcome;
        using (Interruption.Keeping($"the jobs finished so far are in {Path.Combine(Out, BatchResultFile.FileName)}; the same command with --resume runs the rest"))
            outcome = BatchRun.Execute(jobs, Out, settings, shard, Resume, backend, progress);
        progress.Finish();
        foreach (string file in OutputFolderFiles) context.Wrote(Path.Combine(Out, file));
        if (outcome.DroppedTornTail) context.Warn("the result stream ended in a torn record (a killed run); it was dropped and that job ran again", "torn_tail", Path.Combine(Out, BatchResultFile.FileName));

        var inv = CultureInfo.InvariantCulture;
        context.Out.WriteLine(Json
            ? context.Json(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("jobs", outcome.Jobs);
                w.WriteNumber("run", outcome.Run);
                w.WriteNumber("skipped", outcome.Skipped);
                w.WriteNumber("ok", outcome.Ok);
                w.WriteNumber("infeasible", outcome.Infeasible);
                w.WriteNumber("failed", outcome.Failed);
                w.WriteString("shard", shard.ToString());
                w.WriteString("backend", backend.Name);
                w.WriteNumber("seed", settings.Seed);
                if (settings.Algorithm is null) w.WriteNull("algorithm"); else w.WriteString("algorithm", settings.Algorithm);
                if (Evaluations is { } e) w.WriteNumber("evaluations", e); else w.WriteNull("evaluations");
                w.WriteString("version", ProductVersion.Text); // as run.json and every record state it
                w.WriteString("out", Out);
                w.WriteEndObject();
            })
            : string.Format(inv, "{0} {1} job(s) in shard {2}: {3} ok, {4} infeasible, {5} failed ({6} run now, {7} done before); results in {8}",
                outcome.Jobs, kind.ToString().ToLowerInvariant(), shard, outcome.Ok, outcome.Infeasible, outcome.Failed, outcome.Run, outcome.Skipped, Out));
        return outcome.Ok == outcome.Jobs ? ExitCode.Success : ExitCode.InfeasibleOrUnbounded;
    }

    /// <summary>
    /// Refuses, for `batch plan`, the options only a run of the planned stream uses: plan writes scenarios, and a seed,
    /// job kind or backend given to it would be silently lost. The options with a parser default (--backend,
    /// --newton-steps, --threads) are refused when they differ from it.
    /// </summary>
    private void RefuseRunOptions()
    {
        var given = new List<string>();
        if (Job is not null) given.Add($"--job {Job}");
        if (Seed is { } seed) given.Add($"--seed {seed}");
        if (Backend != "auto") given.Add($"--backend {Backend}");
        if (NewtonSteps != "auto") given.Add($"--newton-steps {NewtonSteps}");
        if (Threads != 0) given.Add($"--threads {Threads}");
        if (Shard is not null) given.Add($"--shard {Shard}");
        if (Resume) given.Add("--resume");
        if (given.Count > 0)
        {
            throw new InvalidInputException($"{string.Join(", ", given)}: plan only writes the scenarios; these belong to a run of the planned stream (`wdnaccel batch {Out} {string.Join(" ", given)} --out DIR`)",
                field: given[0].Split(' ')[0]);
        }
        if (Algorithm is not null)
            throw new InvalidInputException($"plan takes --algorithms (the optimizers to compare), not --algorithm: --algorithms {Algorithm}", field: "--algorithm");
    }

    /// <summary>Count, rate, time left and failures: redrawn on a terminal, a plain line every few seconds to a file or pipe.</summary>
    private sealed class ProgressLine(CommandContext context) : IProgress<BatchProgress>
    {
        private readonly StatusLine _line = new(context.Error, context.Interactive, TimeSpan.FromSeconds(1));

        public void Report(BatchProgress p) => _line.Draw(p.Elapsed, () => Text(p) + "   ", final: p.Done == p.Total);

        public void Finish() => _line.Finish();

        private static string Text(BatchProgress p) => string.Format(CultureInfo.InvariantCulture,
            "batch: {0}/{1} jobs ({2} done before), {3} failed, {4:F2} jobs/s, {5}",
            p.Done, p.Total, p.Skipped, p.Failed, p.Rate, p.Remaining is { } r ? $"about {r.TotalSeconds:F0} s left" : "time left unknown yet");
    }
}
