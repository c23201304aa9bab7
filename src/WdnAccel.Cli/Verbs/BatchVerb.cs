using System.Globalization;
using CommandLine;
using WdnAccel.Core.Batch;
using WdnAccel.Core.Io;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel batch FOLDER --out DIR [--job KIND] [--seed S] [--shard i/N] [--resume]`: runs one job per scenario or
/// model file of FOLDER (job id = file name) into DIR (results.msgpack, summary.csv, summary.json);
/// `wdnaccel batch merge DIR1 DIR2 … --out DIR` joins the shards of one split. Progress on stderr: a live line on a
/// terminal, a plain line every few seconds otherwise (cluster logs are files). Exit 0 when every job is ok, 3 when
/// some are infeasible or failed (each recorded with its reason), 2 when the input itself is unusable.
/// </summary>
[Verb("batch", HelpText = "Run a job on every scenario file of a folder into --out DIR (results.msgpack, summary.csv, summary.json), resumable and sharded; `batch merge DIR... --out DIR` joins shards.")]
public sealed class BatchVerb : BackendOptions, ICommand
{
    [Value(0, MetaName = "INPUT", Required = true, HelpText = "A folder of scenario/model files, or `merge` followed by shard output folders.")]
    public IEnumerable<string> Inputs { get; set; } = [];

    [Option("job", Default = "simulate", HelpText = "What every file runs: simulate, optimize, allocate, lp, paths.")]
    public string Job { get; set; } = "simulate";

    [Option("seed", Default = 1L, HelpText = "Batch seed; each job's seed derives from it and the job id (never from order, threads or shard).")]
    public long Seed { get; set; } = 1;

    [Option("shard", HelpText = "Run part i of N disjoint parts (by a stable hash of the job id), e.g. 0/4. Default: SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT inside a Slurm job array, else the whole batch.")]
    public string? Shard { get; set; }

    [Option("resume", HelpText = "Continue the run whose results are in --out: skip the jobs it finished, drop a torn last record.")]
    public bool Resume { get; set; }

    [Option("algorithm", HelpText = "Optimize jobs: ga, de, cro, gacoasa (default: the scenario's, else de).")]
    public string? Algorithm { get; set; }

    [Option("evaluations", HelpText = "Optimize jobs: evaluation budget (default: the scenario's, else 20,000).")]
    public long? Evaluations { get; set; }

    /// <summary>Seconds between plain progress lines when stderr is not a terminal.</summary>
    internal static double PlainProgressSeconds { get; set; } = 5;

    public ExitCode Execute(CommandContext context)
    {
        var inputs = Inputs.ToList();
        if (Out is null) throw new InvalidInputException("--out DIR is required: the folder that receives results.msgpack and the summaries", field: "--out");
        if (inputs.Count > 0 && inputs[0] == "merge")
        {
            int merged = BatchMerge.Execute(inputs.Skip(1).ToList(), Out);
            context.Out.WriteLine(Json
                ? $"{{\"merged_jobs\": {merged}, \"out\": {System.Text.Json.JsonSerializer.Serialize(Out)}}}"
                : $"merged {merged} jobs from {inputs.Count - 1} shard folder(s) into {Out}");
            return ExitCode.Success;
        }
        if (inputs.Count != 1) throw new InvalidInputException($"expected one input folder, got {inputs.Count}: {string.Join(" ", inputs)}", field: "INPUT");
        if (!Enum.TryParse<BatchJobKind>(Job, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            throw new InvalidInputException($"--job must be simulate, optimize, allocate, lp or paths; got '{Job}'", field: "--job");
        if (Evaluations is <= 0) throw new InvalidInputException($"--evaluations must be positive, got {Evaluations}", field: "--evaluations");
        var shard = Shard is not null ? BatchShard.Parse(Shard) : BatchShard.FromSlurm(Environment.GetEnvironmentVariable) ?? BatchShard.All;
        var jobs = BatchInput.FromFolder(inputs[0], kind);

        using var backend = CreateBackend(context, out _);
        var progress = new ProgressLine(context, PlainProgressSeconds);
        var outcome = BatchRun.Execute(jobs, Out, new BatchSettings { Seed = Seed, Algorithm = Algorithm, Evaluations = Evaluations }, shard, Resume, backend, progress);
        progress.Finish();
        if (outcome.DroppedTornTail) context.Warn("the result stream ended in a torn record (a killed run); it was dropped and that job ran again");

        var inv = CultureInfo.InvariantCulture;
        context.Out.WriteLine(Json
            ? string.Format(inv, "{{\"jobs\": {0}, \"run\": {1}, \"skipped\": {2}, \"ok\": {3}, \"infeasible\": {4}, \"failed\": {5}, \"shard\": \"{6}\", \"backend\": \"{7}\", \"seed\": {8}}}",
                outcome.Jobs, outcome.Run, outcome.Skipped, outcome.Ok, outcome.Infeasible, outcome.Failed, shard, backend.Name, Seed)
            : string.Format(inv, "{0} {1} job(s) in shard {2}: {3} ok, {4} infeasible, {5} failed ({6} run now, {7} done before); results in {8}",
                outcome.Jobs, kind.ToString().ToLowerInvariant(), shard, outcome.Ok, outcome.Infeasible, outcome.Failed, outcome.Run, outcome.Skipped, Out));
        return outcome.Ok == outcome.Jobs ? ExitCode.Success : ExitCode.InfeasibleOrUnbounded;
    }

    /// <summary>Count, rate, time left and failures: redrawn on a terminal, a plain line every few seconds to a file or pipe.</summary>
    private sealed class ProgressLine(CommandContext context, double plainSeconds) : IProgress<BatchProgress>
    {
        private readonly StatusLine _line = new(context.Error, TimeSpan.FromSeconds(1));
        private TimeSpan _lastPlain = TimeSpan.Zero;

        public void Report(BatchProgress p)
        {
            if (context.Interactive)
            {
                _line.Draw(p.Elapsed, () => Text(p) + "   ");
                return;
            }
            if (p.Done == p.Total || p.Elapsed - _lastPlain >= TimeSpan.FromSeconds(plainSeconds))
            {
                _lastPlain = p.Elapsed;
                context.Error.WriteLine(Text(p));
            }
        }

        public void Finish() => _line.Finish();

        private static string Text(BatchProgress p) => string.Format(CultureInfo.InvariantCulture,
            "batch: {0}/{1} jobs ({2} done before), {3} failed, {4:F2} jobs/s, {5}",
            p.Done, p.Total, p.Skipped, p.Failed, p.Rate, p.Remaining is { } r ? $"about {r.TotalSeconds:F0} s left" : "time left unknown yet");
    }
}
