using System.Globalization;
using System.Text.Json;
using CommandLine;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Problems;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `bench --hydraulics N`: hydraulic throughput instead of optimizers. Each problem's first N random catalog designs
/// (the designs `simulate --random-designs N --seed S` solves) on the backend's threads and on one thread, with
/// solves/s and the extra threads' speed-up, after an untimed warm-up; with --epanet, native EPANET on the same designs in the same run.
/// </summary>
public sealed partial class BenchVerb
{
    [Option("hydraulics", HelpText = "Measure hydraulic throughput instead of comparing optimizers: solve N random catalog designs of each problem (seed --seed-start, as `simulate --random-designs N` does) on all --threads and on one thread, and report solves/s and the speed-up of the extra threads. --algorithms, --seeds, --evaluations, --tolerance and --param do not apply.")]
    public int? Hydraulics { get; set; }

    [Option("batch", HelpText = "With --hydraulics: designs per batched solve (default 1024 per thread on the CPU, 16384 on a GPU).")]
    public int? Batch { get; set; }

    /// <summary>Untimed solving before each problem's timings.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(0.5);

    /// <summary>One problem's measurement.</summary>
    private sealed record HydraulicRow(string Problem, string File, string Method, RandomDesignThroughput.Outcome All, int Threads,
        RandomDesignThroughput.Outcome? One, EpanetComparison.Outcome? Epanet, EpanetSideBySide? Side)
    {
        public double Rate => RateOf(All);
        public double? ThreadSpeedup => One is null ? null : Rate / Math.Max(RateOf(One), 1e-300);
        public static double RateOf(RandomDesignThroughput.Outcome o) => o.Seconds > 0 ? o.Solves / o.Seconds : 0;
    }

    /// <summary>Every option of --hydraulics checked before any work.</summary>
    private void CheckHydraulicOptions()
    {
        CheckEpanetOptions(Hydraulics, "--hydraulics");
        if (Hydraulics is null)
        {
            if (Batch is not null) throw new InvalidInputException("--batch applies with --hydraulics N", field: "--batch");
            return;
        }
        if (Hydraulics < 1) throw new InvalidInputException($"--hydraulics must be at least 1 design, got {Hydraulics}", field: "--hydraulics");
        if (SeedStart > int.MaxValue) throw new InvalidInputException($"--seed-start must be at most {int.MaxValue} with --hydraulics (the seed of `simulate --random-designs`)", field: "--seed-start");
        if (Batch < 1) throw new InvalidInputException($"--batch must be >= 1, got {Batch}", field: "--batch");
    }

    private ExitCode RunHydraulics(CommandContext context)
    {
        int designs = Hydraulics!.Value, seed = (int)SeedStart;
        using var backend = CreateBackend(context, out _);
        int threads = ReportedThreads(backend);
        var problems = new List<(string Path, Scenario Scenario, CompiledNetwork Net, DesignSpec Design, int Batch, EpanetSideBySide? Epanet)>();
        try
        {
            // Every network compiled and every EPANET side opened before the first solve, so a wrong input fails at once.
            foreach (string name in Problems)
            {
                string path = ResolveProblem(name);
                var scenario = ScenarioFile.Load(path).Scenario;
                var design = scenario.Design ?? throw new InvalidInputException("--hydraulics draws random catalog designs; this scenario has no design block (catalog and decision pipes)", path, field: "design");
                var net = CompiledNetwork.Compile(scenario.Network, design, path);
                int batch = RandomDesignBatch.Designs(context, net, backend, Batch, designs, RequestedThreads, path);
                var epanet = PrepareEpanet(context, path, scenario, designs);
                problems.Add((path, scenario, net, design, batch, epanet));
            }
            var rows = new List<HydraulicRow>();
            foreach (var p in problems)
            {
                string label = p.Scenario.Name.Length > 0 ? p.Scenario.Name : Path.GetFileNameWithoutExtension(p.Path);
                // Untimed: a batch per thread, again until WarmUp has passed, so that neither timing pays for compiling
                // the solver (the runtime recompiles hot methods optimized on a background thread after their first calls).
                var warm = System.Diagnostics.Stopwatch.StartNew();
                do RandomDesignThroughput.Run(p.Net, p.Design, (int)Math.Min(designs, (long)p.Batch * Math.Max(1, backend.HostThreads)), seed, p.Batch, backend);
                while (warm.Elapsed < WarmUp);
                context.Error.WriteLine($"  {label}: {designs:N0} random designs on {threads} thread(s)");
                var all = RandomDesignThroughput.Run(p.Net, p.Design, designs, seed, p.Batch, backend);
                RandomDesignThroughput.Outcome? one = null;
                if (backend.HostThreads > 1)
                {
                    context.Error.WriteLine($"  {label}: the same designs on one thread");
                    var single = backend.OnOneThread();
                    try { one = RandomDesignThroughput.Run(p.Net, p.Design, designs, seed, p.Batch, single); }
                    finally { if (!ReferenceEquals(single, backend)) single.Dispose(); } // OnOneThread may hand back the backend itself
                }
                var compared = p.Epanet?.Run(context, p.Net, p.Design, seed, threads, backend, p.Batch);
                rows.Add(new HydraulicRow(label, p.Path, backend.HydraulicMethod(p.Net), all, threads, one, compared, p.Epanet));
            }
            Emit(context, w => WriteHydraulicsJson(w, rows, backend, designs, seed), o => WriteHydraulicsText(o, rows, backend, designs, seed));
            return ExitCode.Success;
        }
        finally
        {
            foreach (var p in problems) p.Epanet?.Dispose();
        }
    }

    private void WriteHydraulicsJson(Utf8JsonWriter w, List<HydraulicRow> rows, IComputeBackend backend, int designs, int seed)
    {
        w.WriteStartObject();
        w.WriteString("mode", "hydraulics");
        w.WriteString("backend", backend.Name);
        w.WriteString("backend_description", backend.Description);
        w.WriteNumber("designs", designs);
        w.WriteNumber("seed", seed);
        w.WriteString("version", ProductVersion.Text);
        w.WriteStartArray("results");
        foreach (var r in rows)
        {
            w.WriteStartObject();
            w.WriteString("problem", r.Problem);
            w.WriteString("file", r.File);
            w.WriteString("hydraulic_method", r.Method);
            w.WriteNumber("designs", r.All.Designs);
            w.WriteNumber("solves", r.All.Solves);
            w.WriteNumber("seconds", r.All.Seconds);
            w.WriteNumber("solves_per_second", r.Rate);
            w.WriteNumber("threads", r.Threads);
            w.WriteNumber("feasible", r.All.Feasible);
            w.WriteNumber("failed_designs", r.All.Failed);
            if (r.One is { } one)
            {
                w.WriteNumber("seconds_one_thread", one.Seconds);
                w.WriteNumber("solves_per_second_one_thread", HydraulicRow.RateOf(one));
                w.WriteNumber("thread_speedup", r.ThreadSpeedup!.Value);
            }
            if (r.Epanet is { } e) r.Side!.WriteJson(w, e, r.Rate, r.Threads);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteHydraulicsText(TextWriter o, List<HydraulicRow> rows, IComputeBackend backend, int designs, int seed)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Format(inv, "hydraulic throughput: {0:N0} random catalog designs per problem, seed {1}, {2}", designs, seed, backend.Description));
        foreach (var r in rows)
        {
            o.WriteLine(string.Format(inv, "{0}: {1:N0} solves in {2:F3} s = {3:N0} solves/s on {4} thread(s); feasible {5}, failed {6}; {7}",
                r.Problem, r.All.Solves, r.All.Seconds, r.Rate, r.Threads, r.All.Feasible, r.All.Failed, r.Method));
            if (r.One is { } one)
                o.WriteLine(string.Format(inv, "  one thread: {0:N0} solves/s; {1} threads give {2:F2}x", HydraulicRow.RateOf(one), r.Threads, r.ThreadSpeedup));
            if (r.Epanet is { } e) EpanetSideBySide.WriteText(o, e, r.Rate, r.Threads);
        }
    }
}
