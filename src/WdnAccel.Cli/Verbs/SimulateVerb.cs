using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CommandLine;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Hydraulics.Eps;
using WdnAccel.Core.Reports;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Cli.Verbs;

[Example("Heads, pressures and flows of the branched 11-node layout", "wdnaccel simulate data/scenarios/layouts-branched.wdn")]
[Example("Two-loop with the pipe sizes an `optimize --out tln.json` run chose", "wdnaccel simulate data/scenarios/TLN.wdn --design tln.json")]
[Example("Pressure map of the looped 11-node layout as SVG", "wdnaccel simulate data/networks/layouts-looped.inp --plot layout-pressure.svg")]
[Example("Throughput: 100,000 random catalog designs of Hanoi", "wdnaccel simulate data/scenarios/HAN.wdn --random-designs 100000 --seed 1")]
[Example("The same designs also through native EPANET (an EPANET 2.2+ toolkit library you have, loaded at run time): both rates, their ratio, the largest head difference", "wdnaccel simulate data/scenarios/HAN.wdn --random-designs 100000 --seed 1 --epanet ./libepanet2.so")]
[Example("EPANET's Net1 over 24 hours: tank level, pump switching, chlorine at every hour", "wdnaccel simulate data/networks/Net1.inp --json")]
[Example("1,000 random hourly pump schedules of Net1 in one call, with energy cost per schedule", "wdnaccel simulate data/networks/Net1.inp --pump-schedules 1000 --seed 1 --energy-price 0.12")]
[Example("1,000 demand scenarios of Net3 (every junction demand × one factor per scenario in [0.8, 1.2]) as SIMD lanes through 24 hours: lowest pressure, tank levels, energy cost per scenario", "wdnaccel simulate data/networks/Net3.inp --demand-scenarios 1000 --seed 1 --energy-price 0.12")]
[Example("Seven pipe-size variants of Net1 from a CSV file (a header row of pipe ids, one design per row, diameters in the network's inches) as lanes through 24 hours: lowest pressure, tank level and energy cost per design", "wdnaccel simulate data/networks/Net1.inp --eps-designs data/designs/Net1-pipe-sizes.csv --energy-price 0.12 --min-pressure 40")]
[Example("Five hand-written pump schedules of Net3 from a CSV file (schedule id, pump id, 24 hourly speeds) as lanes through 24 hours: energy cost, lowest pressure and tank balance per schedule", "wdnaccel simulate data/networks/Net3.inp --pump-schedules data/schedules/Net3-pump-schedules.csv --energy-price 0.12")]
[Verb("simulate", HelpText = "Hydraulics as EPANET 2.2 computes them: a steady-state snapshot (heads, pressures, flows), or, for a network with a duration or controls the snapshot does not take, an extended-period run reporting every report step (emitters and pressure-driven demand run in either). With --random-designs N: throughput over random catalog designs.")]
public sealed partial class SimulateVerb : EpanetOptions, ICommand
{
    [Value(0, MetaName = "FILE", Required = true, HelpText = "Scenario or network file (.inp, .json, .wdn).")]
    public string File { get; set; } = "";

    [Option("plot", HelpText = "Write a pressure map of the snapshot to this SVG file (needs node coordinates, e.g. an .inp [COORDINATES] section).")]
    public string? Plot { get; set; }

    [Option("design", HelpText = "An `optimize` result JSON, or JSON file {\"pipe id\": diameter in m, ...} overriding pipe diameters (0 = pipe closed).")]
    public string? Design { get; set; }

    [Option("case", HelpText = "Demand case to solve (default: the first).")]
    public string? Case { get; set; }

    [Option("random-designs", HelpText = "Solve N random designs (N >= 1) from the scenario's catalog and report solves/s and the feasible share.")]
    public int? RandomDesigns { get; set; }

    [Option("seed", Default = 1, HelpText = "Random seed for --random-designs, --pump-schedules, --demand-scenarios and --eps-designs N.")]
    public int Seed { get; set; } = 1;

    [Option("batch", HelpText = "Designs per batched solve for --random-designs (default 1024 per thread on the CPU, 16384 on a GPU, fewer where that many lanes of the network would not fit in memory); lanes per batch for --pump-schedules, --demand-scenarios and --eps-designs (default: every schedule, scenario or design, up to 4096).")]
    public int? Batch { get; set; }

    [Option("catalog", HelpText = "Comma-separated catalog diameters in m for --random-designs and --eps-designs when the scenario has no design block (every pipe is a decision pipe).")]
    public string? Catalog { get; set; }

    [Option("min-pressure", HelpText = "Minimum pressure (m) for --random-designs and --eps-designs feasibility (default: the design block's, or 0 with --catalog).")]
    public double? MinPressure { get; set; }

    [Option("duration", HelpText = "Extended-period run length, overriding [TIMES] DURATION: hours (24) or h:mm (24:00); 0 = a snapshot.")]
    public string? Duration { get; set; }

    [Option("report-step", HelpText = "Report step of an extended-period run, overriding [TIMES] REPORT TIMESTEP: hours or h:mm.")]
    public string? ReportStep { get; set; }

    [Option("pump-schedules", MetaValue = "N|FILE", HelpText = "Run N random on/off pump schedules (one per pattern period and pump), or the schedules of a CSV FILE (one row per schedule and pump: schedule id, pump id, then one speed per pattern period, 0 = off, 1 = on, e.g. 24 hourly values), through the extended-period run and report energy cost and lowest pressure per schedule.")]
    public string? PumpSchedules { get; set; }

    [Option("demand-scenarios", HelpText = "Run N demand scenarios through the extended-period run (patterns, controls, tanks as usual): scenario i multiplies every junction demand by one factor of its own, uniform in [1-S, 1+S] (--demand-spread), drawn from (--seed, i), or each junction's by a factor of its own with --per-junction; reports lowest pressure (where, when), tank levels at the end and pump energy cost per scenario.")]
    public int? DemandScenarios { get; set; }

    [Option("eps-designs", MetaValue = "N|FILE", HelpText = "Run designs through the extended-period run, as lanes of the --backend's batched GGA (or --threaded): N random catalog designs (each decision pipe a catalog diameter drawn from (--seed, i); catalog and decision pipes from the scenario's design block, or --catalog D1,D2,... for every pipe), or the designs of FILE: .csv with a header row of pipe ids (optionally after a first column 'id') and one design per row, or .json {\"designs\": [{\"id\": ..., \"diameters\": {\"pipe id\": d, ...}}]}, diameters in the network file's unit (in or mm for .inp, m otherwise), pipes not listed keep theirs. Reports pipe cost (random designs), lowest pressure (where, when), tank levels at the end and pump energy cost per design. A network without a duration (or --duration 0) runs each design at time zero alone, through the extended-period engine (which reports valves as ACTIVE or XPRESSURE too).")]
    public string? EpsDesigns { get; set; }

    [Option("demand-spread", HelpText = "With --demand-scenarios: half-width S of the demand factors' range [1-S, 1+S], 0 <= S < 1 (default 0.2).")]
    public double? DemandSpread { get; set; }

    [Option("per-junction", HelpText = "With --demand-scenarios: draw an independent factor per junction and scenario (uniform in [1-S, 1+S], from (--seed, scenario, junction) alone) instead of one factor per scenario; the report lists each scenario's factors.")]
    public bool PerJunction { get; set; }

    [Option("threaded", HelpText = "With --pump-schedules, --demand-scenarios or --eps-designs: run each schedule, scenario or design on its own scalar extended-period engine on CPU threads instead of as lanes of the --backend's batched GGA.")]
    public bool Threaded { get; set; }

    [Option("energy-price", HelpText = "Energy price per kWh for pump energy cost, overriding [ENERGY] GLOBAL PRICE.")]
    public double? EnergyPrice { get; set; }

    [Option("ignore-unsupported", HelpText = CommonOptions.IgnoreUnsupportedHelp)]
    public bool IgnoreUnsupported { get; set; }

    /// <summary>How scenario files are read; one line to switch loaders.</summary>
    internal static Func<string, bool, LoadedScenario> Loader { get; set; } = ScenarioFile.Load;

    public ExitCode Execute(CommandContext context)
    {
        var loaded = Loader(File, IgnoreUnsupported);
        foreach (var w in loaded.Warnings) context.Warn(w, "input", File);
        var scenario = loaded.Scenario;
        // As --pump-schedules, --demand-scenarios and --eps-designs: 0 is refused (it used to run a plain snapshot).
        if (RandomDesigns < 1) throw new InvalidInputException($"--random-designs must be >= 1, got {RandomDesigns}", field: "--random-designs");
        if (Batch < 1) throw new InvalidInputException($"--batch must be >= 1, got {Batch}", field: "--batch");
        CheckEpanetOptions(RandomDesigns, "--random-designs");

        double? duration = Duration is null ? null : ParseHours(Duration, "--duration");
        double? reportStep = ReportStep is null ? null : ParseHours(ReportStep, "--report-step");
        if (reportStep is <= 0) throw new InvalidInputException("--report-step must be positive", field: "--report-step");
        var network = scenario.Network;
        if (duration is { } d) network = network with { Times = network.Times with { Duration = d } };
        if (reportStep is { } r) network = network with { Times = network.Times with { ReportStep = r } };
        if (EnergyPrice is { } price)
        {
            if (!(price >= 0) || !double.IsFinite(price)) throw new InvalidInputException($"--energy-price must be a price >= 0, got {price}", field: "--energy-price");
            network = network with { Energy = network.Energy with { GlobalPrice = price } };
        }

        if (PerJunction && DemandScenarios is null)
            throw new InvalidInputException("--per-junction applies to --demand-scenarios N", field: "--per-junction");
        if (EpsDesigns is not null)
        {
            if (PumpSchedules is not null || DemandScenarios is not null || DemandSpread is not null || RandomDesigns is not null)
                throw new InvalidInputException("--eps-designs is a batch of its own: give it without --pump-schedules, --demand-scenarios or --random-designs", field: "--eps-designs");
            if (int.TryParse(EpsDesigns, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
            {
                var design = scenario.Design ?? CatalogFallback(network, "--eps-designs N");
                bool priced = scenario.Design is not null; // --catalog gives diameters only
                double minPressure = MinPressure ?? design.MinPressure;
                return RunLaneBatch(context, network, "designs", count,
                    progress => EpsDesignBatch.Run(network, design, count, Seed, Threads, File, progress),
                    (eps, progress) => EpsDesignBatch.RunBatched(network, design, count, Seed, eps, Threads, Batch ?? 0, File, progress),
                    outcome => { var r = new EpsDesignReport(outcome, File, Seed, design.DecisionPipes, minPressure, catalogPriced: priced); return (r.WriteJson, r.ToText); });
            }
            if (Catalog is not null) throw new InvalidInputException("--catalog applies to random designs (--eps-designs N), not to the designs of a file", field: "--catalog");
            if (!System.IO.File.Exists(EpsDesigns))
                throw new InvalidInputException($"'{EpsDesigns}' is neither a number of random designs nor a design file (no such file)", field: "--eps-designs");
            var list = DesignListFile.Read(EpsDesigns, network.Pipes.Select(p => p.Id).ToHashSet(StringComparer.Ordinal), DiameterUnit.Of(File, network));
            double required = MinPressure ?? scenario.Design?.MinPressure ?? 0;
            return RunLaneBatch(context, network, "designs", list.Designs.Count,
                progress => EpsDesignBatch.Run(network, list, Threads, File, progress),
                (eps, progress) => EpsDesignBatch.RunBatched(network, list, eps, Threads, Batch ?? 0, File, progress),
                outcome => { var r = new EpsDesignReport(outcome, File, Seed, list.Pipes, required, list); return (r.WriteJson, r.ToText); });
        }
        if (DemandScenarios is not null || DemandSpread is not null)
        {
            if (PumpSchedules is not null)
                throw new InvalidInputException("--demand-scenarios and --pump-schedules are separate batches: give one of them", field: "--demand-scenarios");
            if (DemandScenarios is null) throw new InvalidInputException("--demand-spread applies to --demand-scenarios N", field: "--demand-spread");
            double spread = DemandSpread ?? DemandScenarioBatch.DefaultSpread; // count and spread are checked where the batch is prepared
            return RunLaneBatch(context, network, "demand scenarios", DemandScenarios.Value,
                progress => DemandScenarioBatch.Run(network, DemandScenarios.Value, Seed, Threads, spread, File, progress, PerJunction),
                (eps, progress) => DemandScenarioBatch.RunBatched(network, DemandScenarios.Value, Seed, eps, Threads, Batch ?? 0, spread, File, progress, PerJunction),
                outcome =>
                {
                    var r = new DemandScenarioReport(outcome, File, Seed, spread, PerJunction ? network.Junctions.Select(j => j.Id).ToArray() : null);
                    return (r.WriteJson, r.ToText);
                });
        }
        if (PumpSchedules is not null)
        {
            var pumpIds = network.Pumps.Select(p => p.Id).ToArray();
            if (int.TryParse(PumpSchedules, NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
            {
                return RunLaneBatch(context, network, "pump schedules", count,
                    progress => PumpScheduleBatch.Run(network, count, Seed, Threads, file: File, progress: progress),
                    (eps, progress) => PumpScheduleBatch.RunBatched(network, count, Seed, eps, Threads, lanes: Batch ?? 0, file: File, progress: progress),
                    outcome => { var r = new PumpScheduleReport(outcome, File, Seed, pumpIds); return (r.WriteJson, r.ToText); });
            }
            if (!System.IO.File.Exists(PumpSchedules))
                throw new InvalidInputException($"'{PumpSchedules}' is neither a number of random schedules nor a schedule file (no such file)", field: "--pump-schedules");
            if (!(network.Times.Duration > 0)) throw new InvalidInputException("pump schedules need an extended-period run: set [TIMES] DURATION or --duration", File, field: "DURATION");
            var list = PumpScheduleFile.Read(PumpSchedules, pumpIds, EpsLaneBatch.PatternPeriods(network.Times), EpsLaneBatch.DailyPeriods(network.Times),
                ExtendedPeriodSimulation.Clock((long)network.Times.PatternStep)[..^3]);
            return RunLaneBatch(context, network, "pump schedules", list.Schedules.Count,
                progress => PumpScheduleBatch.Run(network, list, Threads, File, progress),
                (eps, progress) => PumpScheduleBatch.RunBatched(network, list, eps, Threads, Batch ?? 0, File, progress),
                outcome => { var r = new PumpScheduleReport(outcome, File, Seed, pumpIds, list); return (r.WriteJson, r.ToText); });
        }
        if (RandomDesigns is null && (network.NeedsExtendedEngine || duration is not null))
        {
            if (Design is not null || Case is not null || Plot is not null)
            {
                // Name what sends this network to the extended-period engine: since EPANET's time-zero solve is followed
                // (a level control on a reservoir, a pressure control setting a pump's speed), a network with no duration can be one.
                string option = Design is not null ? "--design" : Case is not null ? "--case" : "--plot";
                var reasons = network.ExtendedEngineReasons();
                string why = reasons.Count > 0 ? string.Join("; ", reasons.Take(5)) + (reasons.Count > 5 ? $" (and {reasons.Count - 5} more)" : "") : "--duration";
                throw new InvalidInputException($"--design, --case and --plot apply to the batched snapshot solver, and this network runs with the extended-period engine ({why})", File, field: option);
            }
            CheckBackendOptions(context);
            CheckReportStepsFit(network);
            var run = ExtendedPeriodSimulation.Run(network, File, keepPeriods: false);
            foreach (var w in run.Warnings) context.Warn(w, ExtendedPeriodSimulation.WarningCode(w), File);
            var report = new ExtendedPeriodReport(run, File);
            Emit(context, w => report.WriteJson(w, "scalar (extended-period engine)"), o => o.Write(report.ToText()));
            return ExitCode.Success;
        }

        using var backend = CreateBackend(context, out var note);

        if (RandomDesigns is int randomDesigns)
        {
            var design = scenario.Design ?? CatalogFallback(scenario.Network, "--random-designs");
            var net = CompiledNetwork.Compile(scenario.Network, design, File);
            int perBatch = RandomDesignBatch.Designs(context, net, backend, Batch, randomDesigns, RequestedThreads, File);
            using var epanet = PrepareEpanet(context, File, scenario, randomDesigns);
            // A run of millions of designs takes minutes: progress on stderr (after the first second on a terminal,
            // every 5 s and at the end to a file), never on stdout.
            var run = RandomDesignThroughput.Run(net, design, randomDesigns, Seed, perBatch, backend, new CountProgress(context, "random designs", randomDesigns));
            var compared = epanet?.Run(context, net, design, Seed, RequestedThreads, backend, perBatch);
            WriteThroughput(context, run, backend, backend.HydraulicMethod(net), scenario.Network.Options, compared, epanet);
            return ExitCode.Success;
        }

        var compiled = CompiledNetwork.Compile(scenario.Network, null, File);
        int caseIndex = 0;
        if (Case is not null)
        {
            caseIndex = Array.IndexOf(compiled.CaseNames, Case);
            if (caseIndex < 0)
                throw new InvalidInputException($"unknown demand case '{Case}'; the scenario has: {string.Join(", ", compiled.CaseNames)}", field: "--case");
        }
        var batch = new HydraulicBatch(compiled, 1);
        batch.SetDemandCase(0, caseIndex);
        if (Design is not null) DesignFile.Apply(compiled, batch, Design);
        backend.SolveHydraulics(batch);
        var result = SnapshotResult.FromLane(batch, 0);
        if (batch.Status[0] != LaneStatus.Converged)
        {
            // EPANET's UNBALANCED CONTINUE n goes on for n more trials with the statuses frozen; the snapshot GGA stops.
            int extra = scenario.Network.Options.ExtraTrials;
            string more = extra > 0 && batch.Status[0] == LaneStatus.NotConverged
                ? $"; EPANET would go on for {extra} more trials (UNBALANCED CONTINUE {extra}): `--duration 0` runs them with the extended-period engine"
                : "";
            context.Warn($"hydraulic solve {Describe(batch.Status[0])} after {batch.Iterations[0]} trials (relative error {batch.RelativeError[0]:G3}); results are not a valid solution{more}", "not_converged", File);
        }
        foreach (var w in SnapshotWarnings.Of(compiled, batch, 0, result, scenario.Design is not null && Design is null)) context.Warn(w.Message, w.Code, w.Where);
        if (Plot is not null)
        {
            string title = $"{(scenario.Name.Length > 0 ? scenario.Name : System.IO.Path.GetFileName(File))}: pressure, case {compiled.CaseNames[caseIndex]}";
            context.WriteSideFile(Plot, Core.Reports.PressureMapSvg.Render(title, scenario.Network, result, scenario.Design?.MinPressure), "--plot");
        }
        Emit(context, w => WriteJson(w, result, compiled.CaseNames[caseIndex], backend.Name, backend.HydraulicMethod(compiled), scenario.Network.Options),
            o => WriteText(o, result, compiled.CaseNames[caseIndex], backend.Name, scenario.Network.Options.HeadLoss));
        return ExitCode.Success;
    }

    /// <summary>
    /// Refuses (bad input, before the work) a plain extended-period run whose report steps would not fit in half the
    /// memory this process may use (--duration 1e9 grew to ~24 GB and was killed), naming the option that set the
    /// length and the way out.
    /// </summary>
    private void CheckReportStepsFit(Network network)
    {
        var (steps, bytes) = ExtendedPeriodSimulation.MemoryEstimate(network);
        double available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (!(available > 0)) available = 8.0 * (1L << 30);
        if (bytes <= available / 2) return;
        var inv = CultureInfo.InvariantCulture;
        string field = Duration is not null ? "--duration" : ReportStep is not null ? "--report-step" : "DURATION";
        string message = string.Format(inv,
            "an extended-period run of {0:F0} h with a report step of {1:G4} h has {2:G4} report steps, about {3:G3} GB to hold, "
            + "more than half of the {4:G3} GB this process may use: shorten --duration or lengthen --report-step (h or h:mm)",
            network.Times.Duration / 3600, network.Times.ReportStep / 3600, steps, bytes / 1e9, available / 1e9);
        throw Duration is null && ReportStep is null
            ? new InvalidInputException(message, File, field: field)
            : new InvalidInputException(message, field: field);
    }

    /// <summary>--out and the side files, checked (and compared with the inputs) by <see cref="Program"/> before the work.</summary>
    public override IEnumerable<(string Path, string Field)> OutputFiles => base.OutputFiles.Concat(Plot is null ? [] : [(Plot, "--plot")]);

    public override void CheckOutName() => CheckOutExtensions();

    /// <summary>
    /// simulate writes JSON to --out and SVG to --plot: another extension (`--out r.wdn`, `r.inp`, `r.csv`) would get a
    /// file its name misdescribes, so it is refused before the work. A name without an extension and /dev paths pass.
    /// </summary>
    private void CheckOutExtensions()
    {
        if (Out is not null && !OutputFile.IsSpecial(Out) && System.IO.Path.GetExtension(Out) is { Length: > 0 } ext
            && !ext.Equals(".json", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"simulate writes its answer as JSON; expected a .json file name, got '{ext}' (to convert a network use `wdnaccel convert`; for a pressure map, --plot FILE.svg)", Out, field: "--out");
        if (Plot is not null && !OutputFile.IsSpecial(Plot) && System.IO.Path.GetExtension(Plot) is { Length: > 0 } plotExt
            && !plotExt.Equals(".svg", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"--plot writes an SVG image; expected a .svg file name, got '{plotExt}'", Plot, field: "--plot");
    }

    /// <summary>
    /// A plain extended-period run uses its own scalar engine, not the --backend: the backend options are still checked
    /// as lane runs check them (unknown names and invalid values exit 2, a backend without its driver exits 4), and a
    /// note on stderr says they apply to lane runs.
    /// </summary>
    private void CheckBackendOptions(CommandContext context)
    {
        bool auto = string.Equals(Backend, "auto", StringComparison.OrdinalIgnoreCase);
        if (auto && Threads == 0 && string.Equals(NewtonSteps, "auto", StringComparison.OrdinalIgnoreCase)) return;
        if (auto)
        {
            // Nothing to open: check the values as CreateBackend does, without its note on what auto would choose.
            if (Threads < 0) throw new InvalidInputException($"--threads must be >= 0 (0 = all cores), got {Threads}", field: "--threads");
            if (NewtonSteps.ToLowerInvariant() is not ("auto" or "loops" or "junctions"))
                throw new InvalidInputException($"--newton-steps must be auto, loops or junctions, got '{NewtonSteps}'", field: "--newton-steps");
        }
        else
        {
            using var named = CreateBackend(context, out _);
        }
        context.Error.WriteLine("note: --backend, --threads and --newton-steps apply to lane runs (--pump-schedules, --demand-scenarios, --eps-designs) and snapshots; "
            + "this extended-period run uses the scalar extended-period engine");
    }

    /// <summary>EPANET's time notation: a plain number is hours, h:mm or h:mm:ss otherwise; returns seconds.</summary>
    internal static double ParseHours(string text, string option)
    {
        var parts = text.Trim().Split(':');
        double seconds = 0;
        if (parts.Length > 3) throw new InvalidInputException($"'{text}' is not a time; expected hours (24) or h:mm (24:00)", field: option);
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= 0) || !double.IsFinite(v))
                throw new InvalidInputException($"'{text}' is not a time; expected hours (24) or h:mm (24:00)", field: option);
            seconds += v * 3600 / Math.Pow(60, i);
        }
        return Math.Round(seconds);
    }

    private static string RegimeName(FlowRegime? r) => r?.Name() ?? "none";

    private void WriteJson(System.Text.Json.Utf8JsonWriter w, SnapshotResult r, string caseName, string backendName, string method, HydraulicOptions options)
    {
        w.WriteStartObject();
        w.WriteString("file", File);
        w.WriteString("case", caseName);
        w.WriteString("backend", backendName);
        // How the backend takes the GGA's Newton steps (--newton-steps), as the random-design run states it.
        w.WriteString("hydraulic_method", method);
        w.WriteBoolean("converged", r.Converged);
        w.WriteString("status", r.StatusName);
        w.WriteNumber("iterations", r.Iterations);
        w.WriteNumberOrNull("relative_error", r.RelativeError);
        w.WriteString("head_loss", options.HeadLoss.InpKeyword());
        w.WriteNumber("omega", r.Omega);
        w.WriteNumber("reynolds_viscosity", r.ReynoldsViscosity);
        // The settings behind the answer, as optimize and the extended-period report state them.
        w.WriteNumber("accuracy", options.Accuracy);
        w.WriteNumber("max_trials", options.MaxTrials);
        w.WriteString("version", ProductVersion.Text);
        w.WriteStartArray("nodes");
        foreach (var n in r.Nodes)
        {
            w.WriteStartObject();
            w.WriteString("id", n.Id);
            w.WriteNumberOrNull("head", n.Head);
            w.WriteNumberOrNull("pressure", n.Pressure);
            w.WriteNumberOrNull("demand", n.Demand);
            w.WriteString("type", n.Type);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("links");
        foreach (var l in r.Links)
        {
            w.WriteStartObject();
            w.WriteString("id", l.Id);
            w.WriteNumberOrNull("flow", l.Flow);
            w.WriteNumberOrNull("velocity", l.Velocity);
            w.WriteNumberOrNull("headloss", l.HeadLoss);
            w.WriteNumberOrNull("reynolds", l.Reynolds);
            if (l.Regime is null) w.WriteNull("regime");
            else w.WriteString("regime", l.Regime.Value.Name());
            w.WriteString("type", l.Kind);
            w.WriteString("status", l.Status ?? (l.Closed ? "closed" : "open"));
            if (l.StatusDetail is { } detail) w.WriteString("status_detail", detail);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteText(TextWriter o, SnapshotResult r, string caseName, string backendName, HeadLossModel headLoss)
    {
        var inv = CultureInfo.InvariantCulture;
        string formula = headLoss == HeadLossModel.HazenWilliams ? string.Format(inv, "omega {0:F4}", r.Omega) : headLoss.DisplayName();
        o.WriteLine(string.Format(inv, "{0}: case '{1}', {2} after {3} trials (relative error {4:G3}), {5}, backend {6}",
            File, caseName, r.StatusName, r.Iterations, r.RelativeError, formula, backendName));
        o.WriteLine("  node              head (m)  pressure (m)  demand (L/s)");
        foreach (var n in r.Nodes)
        {
            o.WriteLine(string.Format(inv, "  {0,-14} {1,11:F3} {2,13:F3} {3,13:F3}", n.Id, n.Head, n.Pressure, n.Demand * 1000));
        }
        o.WriteLine("  link            flow (L/s)  velocity (m/s)  headloss (m)  regime");
        foreach (var l in r.Links)
        {
            o.WriteLine(string.Format(inv, "  {0,-14} {1,11:F3} {2,15} {3,13:F3}  {4}{5}", l.Id, l.Flow * 1000,
                l.Velocity is { } v ? v.ToString("F3", inv) : "-", l.HeadLoss, RegimeName(l.Regime), l.Closed ? " (closed)" : l.Status == "active" ? " (active)" : l.StatusDetail is { } d ? $" (open: {d})" : ""));
        }
    }

    private static string Describe(LaneStatus s) => s switch
    {
        LaneStatus.Singular => "hit a singular (ill-conditioned) matrix",
        LaneStatus.NotConverged => "did not converge",
        _ => s.ToString(),
    };

    private DesignSpec CatalogFallback(Network network, string option)
    {
        if (Catalog is null)
            throw new InvalidInputException($"{option} needs the scenario's design block (catalog and decision pipes), or --catalog D1,D2,... (m)", File, field: "design");
        var sizes = Catalog.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && double.IsFinite(d)
                ? d : throw new InvalidInputException($"--catalog: '{s}' is not a diameter in m (>= 0)", field: "--catalog")).ToArray();
        if (sizes.Length == 0) throw new InvalidInputException("--catalog is empty", field: "--catalog");
        return DesignSpec.EveryPipe(network, sizes, MinPressure ?? 0);
    }

    /// <summary>
    /// Below this many junctions, `--backend auto` without a GPU runs a batch of extended-period runs on the threaded
    /// engine rather than as SIMD lanes: measured on 2 cores (docs/performance.md, "Which path auto takes for runs through
    /// time"), one engine per run was 1.05–2.3× faster on networks of 9 to 31 junctions, the lanes 1.06–1.39× faster on
    /// Net2 (35) and Net3 (92): a small network's GGA trial is too little work for lanes to pay their per-period copies.
    /// </summary>
    internal const int LanesPayFromJunctions = 32;

    /// <summary>
    /// One batch of extended-period runs (pump schedules, demand scenarios, designs): each run on its own scalar engine
    /// with --threaded, else as lanes of one batched GGA (SIMD where auto finds no GPU; networks it does not model fall
    /// back to the threaded engine, and the report's notes say so; with auto, no GPU and a network below
    /// <see cref="LanesPayFromJunctions"/> junctions, the threaded engine too); then the report.
    /// </summary>
    private ExitCode RunLaneBatch<T>(CommandContext context, Network network, string what, int count,
        Func<CountProgress, EpsLaneOutcome<T>> threaded, Func<IComputeBackend, CountProgress, EpsLaneOutcome<T>> batched,
        Func<EpsLaneOutcome<T>, (Action<Utf8JsonWriter> Json, Func<string> Text)> report)
    {
        var progress = new CountProgress(context, what, count);
        EpsLaneOutcome<T> outcome;
        if (Threaded) outcome = threaded(progress);
        else
        {
            using var eps = CreateBackend(context, out _);
            int junctions = network.Junctions.Count;
            if (Backend == "auto" && eps.Name == "simd" && junctions < LanesPayFromJunctions)
            {
                outcome = threaded(progress);
                outcome = outcome with
                {
                    Notes = [.. outcome.Notes, $"ran on the threaded scalar engine: auto found no GPU, and on {junctions} junctions (below {LanesPayFromJunctions}) one engine per run on CPU threads is faster than SIMD lanes; --backend simd runs lanes"],
                };
            }
            else outcome = batched(eps, progress);
        }
        foreach (var n in outcome.Notes.Where(n => n.StartsWith("ran on the threaded", StringComparison.Ordinal))) context.Error.WriteLine($"note: {n}");
        outcome = outcome with { Hydraulics = network.Options }; // the report's settings state them
        var (json, text) = report(outcome);
        Emit(context, json, o => o.Write(text()));
        return ExitCode.Success;
    }

    private void WriteThroughput(CommandContext context, RandomDesignThroughput.Outcome run, IComputeBackend backend, string method, HydraulicOptions options,
        EpanetComparison.Outcome? epanet = null, EpanetSideBySide? epanetRun = null)
    {
        int threads = ReportedThreads(backend);
        double rate = run.Seconds > 0 ? run.Solves / run.Seconds : 0;
        Emit(context, w =>
        {
            w.WriteStartObject();
            w.WriteString("file", File);
            w.WriteNumber("designs", run.Designs);
            w.WriteNumber("solves", run.Solves);
            w.WriteNumber("seconds", run.Seconds);
            w.WriteNumber("solves_per_second", rate);
            w.WriteNumber("feasible", run.Feasible);
            w.WriteNumber("feasible_share", run.Designs > 0 ? (double)run.Feasible / run.Designs : 0);
            w.WriteNumber("failed_designs", run.Failed);
            w.WriteString("backend", backend.Name);
            w.WriteString("backend_description", backend.Description);
            w.WriteString("hydraulic_method", method);
            w.WriteNumber("threads", threads);
            w.WriteNumber("seed", Seed);
            w.WriteString("head_loss", options.HeadLoss.InpKeyword());
            w.WriteNumber("omega", options.Omega);
            w.WriteNumber("accuracy", options.Accuracy);
            w.WriteNumber("max_trials", options.MaxTrials);
            w.WriteString("version", ProductVersion.Text);
            if (epanet is not null) epanetRun!.WriteJson(w, epanet, rate, threads);
            w.WriteEndObject();
        }, o =>
        {
            var inv = CultureInfo.InvariantCulture;
            o.WriteLine(string.Format(inv, "{0}: {1} random designs (seed {6}), {2} solves in {3:F3} s = {4:N0} solves/s ({5})",
                File, run.Designs, run.Solves, run.Seconds, rate, backend.Description, Seed));
            o.WriteLine(string.Format(inv, "  feasible {0} ({1:P2}); designs with a failed solve (singular / not converged) {2}; {3}",
                run.Feasible, run.Designs > 0 ? (double)run.Feasible / run.Designs : 0, run.Failed, method));
            if (epanet is not null) EpanetSideBySide.WriteText(o, epanet, rate, threads);
        });
    }
}
