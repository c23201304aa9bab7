using System.Globalization;
using System.Text.Json;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Inp;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Reports;

namespace WdnAccel.Cli.Verbs;

[Example("Size two-loop's pipes with differential evolution", "wdnaccel optimize data/scenarios/TLN.wdn --algorithm de --evaluations 20000 --seed 3 --out tln.json")]
[Example("Hanoi with the Coral Reefs optimizer; keep the result, the best design and its convergence plot", "wdnaccel optimize data/scenarios/HAN.wdn --algorithm cro --out hanoi.json --export-inp hanoi-best.inp --plot convergence.svg")]
[Verb("optimize", HelpText = $"Least-cost pipe sizing of a design scenario with a population optimizer ({OptimizerCatalog.NameList}; {OptimizerCatalog.FrontAlgorithm} for a cost–resilience front); whole populations are solved per backend call.")]
public sealed class OptimizeVerb : BackendOptions, ICommand
{
    [Value(0, MetaName = "SCENARIO", Required = true, HelpText = "Design scenario (.wdn, .json) with a design block.")]
    public string File { get; set; } = "";

    [Option("algorithm", HelpText = $"{OptimizerCatalog.NameList} (default: the scenario's solver block, else de); {OptimizerCatalog.FrontAlgorithm} gives a cost–resilience front as `front` does.")]
    public string? Algorithm { get; set; }

    [Option("evaluations", HelpText = "Evaluation budget (default: the scenario's solver block, else 20000; with --algorithm nsga2, `front`'s 20000: the solver block's budget is for its least-cost algorithm).")]
    public long? Evaluations { get; set; }

    [Option("seed", HelpText = "Random seed (default: the scenario's solver block, else 1). Same seed and backend, same result.")]
    public ulong? Seed { get; set; }

    [Option("population", HelpText = "Population size (overrides the algorithm's default).")]
    public int? Population { get; set; }

    [Option("param", Separator = ',', HelpText = "Algorithm parameters as name=value, comma-separated (see docs/optimizers.md).")]
    public IEnumerable<string> Parameters { get; set; } = [];

    [Option("cache", Default = "on", HelpText = "on | off: the per-run evaluation cache (a design evaluated before in the run is answered from it and not counted again; evaluations count distinct designs; the run also stops after as many repeated designs as its budget). nsga2 has no cache and ignores it. See docs/optimizers.md.")]
    public string EvalCache { get; set; } = "on";

    [Option("target", HelpText = "Stop when a feasible design at or below this cost is found.")]
    public double? Target { get; set; }

    // No parser default: nsga2 refuses it whenever it is given, at the default value too.
    [Option("min-segment", HelpText = "Shortest pipe segment (m) the split-pipe refinement may lay; shorter ones are forbidden and the LP solved again (default 1).")]
    public double? MinSegmentOption { get; set; }

    private double MinSegment => MinSegmentOption ?? SplitPipeLp.DefaultMinSegmentLength;

    [Option("no-refine", HelpText = "Skip the split-pipe LP refinement of the best design (Alperovits & Shamir 1977, solved and certified exactly).")]
    public bool NoRefine { get; set; }

    [Option("export-inp", HelpText = "Write the best design as an EPANET .inp file.")]
    public string? ExportInp { get; set; }

    [Option("plot", HelpText = "Write the convergence history as an SVG plot.")]
    public string? Plot { get; set; }

    /// <summary>--out and the side files, checked (and compared with the inputs) by <see cref="Program"/> before the work.</summary>
    public override IEnumerable<(string Path, string Field)> OutputFiles => base.OutputFiles.Concat(ExportInp is null ? [] : [(ExportInp, "--export-inp")]).Concat(Plot is null ? [] : [(Plot, "--plot")]);

    public override void CheckOutName()
    {
        base.CheckOutName();
        if (ExportInp is not null) OutputFile.CheckExtension(ExportInp, "--export-inp", "an EPANET network", ".inp");
        if (Plot is not null) OutputFile.CheckExtension(Plot, "--plot", "an SVG image", ".svg");
    }

    /// <summary>The multi-objective algorithm --algorithm also takes: a cost–resilience front, run as `front` runs it.</summary>
    internal const string FrontAlgorithm = OptimizerCatalog.FrontAlgorithm;

    /// <summary>
    /// Every name --algorithm takes, from the tables <see cref="Execute"/> dispatches on: the single-objective
    /// <see cref="OptimizerCatalog"/> and <see cref="FrontAlgorithm"/>. Errors and shell completion list these.
    /// </summary>
    internal static IReadOnlyList<string> Algorithms { get; } = [.. OptimizerCatalog.Names, FrontAlgorithm];

    public ExitCode Execute(CommandContext context)
    {
        bool isFront = string.Equals(Algorithm?.Trim(), FrontAlgorithm, StringComparison.OrdinalIgnoreCase);
        if (Algorithm is not null && !isFront && OptimizerCatalog.Canonical(Algorithm) is null)
            throw new InvalidInputException(OptimizerCatalog.UnknownAlgorithm(Algorithm, Algorithms), field: "--algorithm");
        ArgumentChecks.AtLeast(Evaluations, 1, "--evaluations");
        if (isFront)
        {
            // Multi-objective: the same run as `front` (cost against Todini's resilience index), so that scripts can
            // ask optimize for a front and get `front` and `hypervolume`. NSGA-II has no evaluation cache, but a bad
            // --cache value is still refused rather than ignored.
            ArgumentChecks.OnOff(EvalCache, "--cache");
            // Options of the least-cost search that a front run has no use for are refused, not silently dropped.
            string? unused = Parameters.Any() ? "--param" : Target is not null ? "--target" : ExportInp is not null ? "--export-inp"
                : NoRefine ? "--no-refine" : MinSegmentOption is not null ? "--min-segment" : null;
            if (unused is not null)
                throw new InvalidInputException($"{FrontAlgorithm} gives a cost–resilience front and takes no {unused} (it applies to the least-cost algorithms: {OptimizerCatalog.NameList})", field: unused);
            var front = new FrontVerb
            {
                File = File, Evaluations = Evaluations, Population = Population, Seed = Seed, Plot = Plot,
                Backend = Backend, Threads = Threads, NewtonSteps = NewtonSteps, Json = Json, Out = Out,
            };
            return front.Execute(context);
        }
        if (!(MinSegment >= 0) || !double.IsFinite(MinSegment))
            throw new InvalidInputException($"--min-segment must be a finite length ≥ 0 m, got {MinSegment}", field: "--min-segment");
        var scenario = ScenarioFile.Load(File).Scenario;
        var network = PipeSizingRun.Compile(scenario, File);
        var design = scenario.Design!;
        string algorithm = (Algorithm ?? scenario.Solver?.Algorithm ?? "de").ToLowerInvariant();
        var settings = Settings(scenario.Solver, algorithm, File);

        using var backend = CreateBackend(context, out var note);
        // Progress on stderr in --json mode too (stdout stays the JSON answer alone): a long run in a script or on a
        // cluster logs a plain line every 5 s; on a terminal the line appears after the first second, once the rate
        // and the time left mean something.
        var progress = new ProgressLine(context.Error, context.Interactive, design.CostUnit, settings.MaxEvaluations);
        var outcome = PipeSizingRun.Execute(network, design, backend, algorithm, settings, progress, refine: !NoRefine, minSegmentLength: MinSegment);
        progress.Finish();

        var result = outcome.Result;
        Emit(context, w => WriteJson(w, scenario, outcome, backend.Name, backend.Description, backend.HydraulicMethod(network), note, algorithm),
            o => WriteText(o, scenario, outcome, $"backend {backend.Name} ({backend.Description})", algorithm));

        if (ExportInp is not null && outcome.Design.Count > 0)
        {
            var best = scenario with { Network = scenario.Network.WithPipeDiameters(outcome.Design), Design = null, Solver = null };
            context.WriteSideFile(ExportInp, InpWriter.Write(best, out _), "--export-inp");
        }
        if (Plot is not null)
        {
            var series = new ConvergenceSvg.Series($"{algorithm}, seed {result.Settings.Seed}", result.History.Select(h => ((double)h.Evaluations, h.BestCost)).ToList());
            context.WriteSideFile(Plot, ConvergenceSvg.Render($"{scenario.Name}: {algorithm} convergence", [series], design.BestKnownCost, "best known", result.Settings.MaxEvaluations), "--plot");
        }
        return result.FoundFeasible ? ExitCode.Success : ExitCode.InfeasibleOrUnbounded;
    }

    /// <summary>
    /// The run's settings: --param over the scenario's parameters, each checked against <paramref name="algorithm"/>'s
    /// own list here, so that a refusal names where the value came from (--param, --population, or the scenario's
    /// solver.parameters) rather than the run's settings as a whole.
    /// </summary>
    private OptimizerSettings Settings(SolverSettings? solver, string algorithm, string file)
    {
        // The scenario's parameters are tuned for the algorithm it names; another algorithm starts from its defaults.
        var parameters = new Dictionary<string, double>(solver?.ParametersFor(algorithm) ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            int eq = p.IndexOf('=');
            if (eq <= 0 || !double.TryParse(p[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new InvalidInputException($"'{p}': expected name=number", field: "--param");
            }
            string name = p[..eq].Trim();
            if (OptimizerCatalog.ParameterProblem(algorithm, name, value) is { } problem)
                throw new InvalidInputException($"'{p}': {problem}", field: "--param");
            parameters[name] = value;
            given.Add(name);
        }
        // The scenario's own values, where --param (or --population) does not replace them.
        OptimizerCatalog.CheckScenarioParameters(solver, algorithm, file, name => given.Contains(name) || (name == "population" && Population is not null));
        long evaluations = Evaluations ?? solver?.Evaluations ?? 20_000;
        if (Population is { } population && OptimizerCatalog.ParameterProblem(algorithm, "population", population) is { } refused)
            throw new InvalidInputException($"--population {population}: {refused}", field: "--population");
        if (Population is { } size && given.Contains("population") && parameters["population"] != size)
            throw new InvalidInputException($"--population {size} and --param population={parameters["population"].ToString(CultureInfo.InvariantCulture)} disagree; give one", field: "--population");
        if (Target is { } target && !(target > 0))
            throw new InvalidInputException($"--target {target.ToString(CultureInfo.InvariantCulture)}: expected a cost above 0", field: "--target");
        return new OptimizerSettings
        {
            Seed = Seed ?? solver?.Seed ?? 1,
            MaxEvaluations = evaluations,
            PopulationSize = Population,
            Parameters = parameters,
            TargetCost = Target,
            EvaluationCache = ArgumentChecks.OnOff(EvalCache, "--cache"),
        };
    }

    private static void WriteJson(Utf8JsonWriter w, Scenario scenario, PipeSizingOutcome outcome, string backend, string description, string method, string? note, string algorithm)
    {
        var r = outcome.Result;
        var net = scenario.Network;
        w.WriteStartObject();
        w.WriteString("scenario", scenario.Name);
        w.WriteString("algorithm", algorithm);
        w.WriteNumber("seed", r.Settings.Seed);
        w.WriteNumber("evaluations", r.Evaluations);
        w.WriteNumber("evaluations_budget", r.Settings.MaxEvaluations);
        w.WriteNumber("evaluations_to_best", r.EvaluationsToBest);
        w.WriteNumber("cache_hits", r.CacheHits);
        if (r.EvaluationsToTarget is { } toTarget) w.WriteNumber("evaluations_to_target", toTarget);
        w.WriteBoolean("feasible", r.FoundFeasible);
        w.WriteNumberOrNull("best_cost", r.FoundFeasible ? r.Best.Cost : double.NaN);
        w.WriteString("cost_unit", scenario.Design!.CostUnit);
        w.WriteNumberOrNull("min_pressure_margin", outcome.MinPressureMargin);
        w.WriteNumberOrNull("violation", outcome.Violation);
        w.WriteStartObject("design");
        foreach (var (id, d) in outcome.Design) w.WriteNumber(id, d);
        w.WriteEndObject();
        if (outcome.BestSolved is { } solved)
        {
            w.WriteStartArray("cases");
            var compiled = solved.Network;
            for (int c = 0; c < compiled.CaseNames.Length; c++)
            {
                double minP = double.PositiveInfinity;
                string minNode = "";
                for (int j = 0; j < compiled.JunctionCount; j++)
                {
                    double p = solved.Pressure(j, c);
                    if (p < minP) { minP = p; minNode = compiled.NodeIds[j]; }
                }
                w.WriteStartObject();
                w.WriteString("case", compiled.CaseNames[c]);
                w.WriteString("status", solved.Status[c].ToString().ToLowerInvariant());
                w.WriteNumber("iterations", solved.Iterations[c]);
                w.WriteNumber("min_pressure", minP);
                w.WriteString("min_pressure_node", minNode);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (outcome.Refinement is { } lp) WriteRefinement(w, lp);
        w.WriteString("head_loss", net.Options.HeadLoss.InpKeyword());
        w.WriteNumber("omega", net.Options.Omega);
        w.WriteNumber("accuracy", net.Options.Accuracy);
        w.WriteNumber("max_trials", net.Options.MaxTrials);
        w.WriteString("backend", backend);
        w.WriteString("backend_description", description);
        w.WriteString("hydraulic_method", method);
        if (note is not null) w.WriteString("backend_note", note);
        w.WriteNumber("seconds", r.WallTime.TotalSeconds);
        w.WriteNumber("evaluations_per_second", r.WallTime.TotalSeconds > 0 ? r.Evaluations / r.WallTime.TotalSeconds : 0);
        w.WriteNumber("hydraulic_solves", outcome.Solves);
        w.WriteString("stop_reason", r.StopReason.ToString());
        if (r.Settings.TargetCost is { } target) w.WriteNumber("target", target);
        w.WriteStartObject("parameters");
        foreach (var (k, v) in r.Settings.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(k, v);
        w.WriteEndObject();
        w.WriteStartArray("history");
        foreach (var h in r.History)
        {
            w.WriteStartArray();
            w.WriteNumberValue(h.Evaluations);
            w.WriteNumberValue(h.BestCost);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteString("version", ProductVersion.Text);
        w.WriteEndObject();
    }

    private static void WriteRefinement(Utf8JsonWriter w, SplitPipeResult lp)
    {
        w.WriteStartObject("lp_refinement");
        w.WriteString("status", lp.Lp.StatusName);
        w.WriteBoolean("certified", lp.Lp.Certified);
        w.WriteString("discrete_cost_exact", lp.DiscreteCost.ToString());
        if (lp.Cost is { } cost)
        {
            w.WriteNumber("split_pipe_cost", cost.ToDouble());
            w.WriteString("split_pipe_cost_exact", cost.ToString());
            w.WriteNumber("gap", lp.Gap ?? double.NaN);
        }
        if (lp.Bound is { } bound)
        {
            w.WriteNumber("lp_optimum", bound.ToDouble());
            w.WriteString("lp_optimum_exact", bound.ToString());
        }
        w.WriteNumber("min_segment_length", lp.MinSegmentLength);
        w.WriteNumber("short_segments_removed", lp.ShortSegmentsRemoved);
        w.WriteBoolean("kept_discrete", lp.KeptDiscrete);
        w.WriteBoolean("lower_bound", lp.IsLowerBound);
        w.WriteString("meaning", lp.IsLowerBound
            ? "branched network: flows are fixed by the demands, so lp_optimum is a proven lower bound on every discrete design; split_pipe_cost is the cheapest split without segments shorter than min_segment_length"
            : "looped network: the split-pipe LP holds the best design's flows fixed; it is a local refinement, not a bound");
        w.WriteStartObject("split");
        foreach (var (id, segments) in lp.Split)
        {
            w.WriteStartArray(id);
            foreach (var (d, length) in segments)
            {
                w.WriteStartObject();
                w.WriteNumber("diameter", d);
                w.WriteNumber("length", length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteText(TextWriter o, Scenario scenario, PipeSizingOutcome outcome, string backend, string algorithm)
    {
        var r = outcome.Result;
        var inv = CultureInfo.InvariantCulture;
        var design = scenario.Design!;
        o.WriteLine($"{scenario.Name}: {algorithm}, seed {r.Settings.Seed}, {r.Evaluations:N0} evaluations in {r.WallTime.TotalSeconds:F2} s ({(r.WallTime.TotalSeconds > 0 ? r.Evaluations / r.WallTime.TotalSeconds : 0):N0}/s), {backend}");
        if (!r.FoundFeasible)
        {
            o.WriteLine("  no feasible design found; the least-violating design is below");
        }
        else
        {
            o.WriteLine(string.Format(inv, "  best cost     {0:N0} {1}{2}", r.Best.Cost, design.CostUnit,
                design.BestKnownCost is { } best ? string.Format(inv, " ({0} % vs best known {1:N0})", SignedNumber.Format(100 * (r.Best.Cost - best) / best), best) : ""));
        }
        o.WriteLine(string.Format(inv, "  found at      {0:N0} evaluations", r.EvaluationsToBest));
        if (r.Settings.TargetCost is { } target)
            o.WriteLine(string.Format(inv, "  target        {0:N0} {1}: {2}", target, design.CostUnit,
                r.StopReason == StopReason.TargetReached ? $"reached at {r.EvaluationsToTarget ?? r.EvaluationsToBest:N0} evaluations, the run stopped there" : "not reached within the budget"));
        if (outcome.Refinement is { } lp)
        {
            o.WriteLine(lp.Cost is { } c
                ? string.Format(inv, "  split-pipe LP {0:N0} {1} ({2:P2} below; {3}{4}){5}", c.ToDouble(), design.CostUnit, lp.Gap,
                    lp.Lp.Certified ? "certified exactly" : "NOT certified", lp.IsLowerBound ? $", LP bound {lp.Bound!.Value.ToDouble():N0}: branched network"
                    : outcome.BestSolved?.Network.OutflowsDependOnPressure == true
                        ? ", local refinement at fixed flows: the outflows of emitters and pressure-driven demands depend on the pressures"
                    : outcome.BestSolved?.Network.ValveCount > 0
                        ? ", local refinement at fixed flows and fixed head changes across the valves, which move with the pressures"
                        : ", local refinement at fixed flows: looped network",
                    lp.KeptDiscrete ? $"; no cheaper split without segments under {lp.MinSegmentLength:G4} m, discrete design kept"
                    : lp.ShortSegmentsRemoved > 0 ? $"; {lp.ShortSegmentsRemoved} segment(s) under {lp.MinSegmentLength:G4} m forbidden" : "")
                : $"  split-pipe LP {lp.Lp.StatusName}");
        }
        o.WriteLine(string.Format(inv, "  min margin    {0:F3} m over the pressure/head limits", outcome.MinPressureMargin));
        o.WriteLine(string.Format(inv, "  settings      {0}, accuracy {1}, max trials {2}, evaluation cache {3}; wdnaccel {4}", scenario.Network.Options.Setting(), scenario.Network.Options.Accuracy, scenario.Network.Options.MaxTrials,
            r.Settings.EvaluationCache ? string.Format(inv, "on ({0:N0} repeated designs answered from it, not counted)", r.CacheHits) : "off",
            ProductVersion.Text));
        o.WriteLine($"  design        {string.Join(", ", outcome.Design.Select(d => $"{d.Key}:{(d.Value * 1000).ToString("G5", inv)}mm"))}");
    }

    /// <summary>Generation, evaluations, rate, time left, best cost and feasible share on a <see cref="StatusLine"/>.</summary>
    private sealed class ProgressLine(TextWriter error, bool interactive, string unit, long budget) : IProgress<ProgressReport>
    {
        private readonly StatusLine _line = new(error, interactive, TimeSpan.FromSeconds(1));

        public void Report(ProgressReport p) => _line.Draw(p.Elapsed, () =>
        {
            double rate = p.Elapsed.TotalSeconds > 0 ? p.Evaluations / p.Elapsed.TotalSeconds : 0;
            string best = double.IsNaN(p.BestCost) ? "none feasible yet" : p.BestCost.ToString("N0", CultureInfo.InvariantCulture) + " " + unit;
            return string.Format(CultureInfo.InvariantCulture, "  gen {0,5}  evals {1,9:N0}  {2,8:N0}/s  {3}  best {4}  feasible {5,5:P0}   ",
                p.Generation, p.Evaluations, rate, StatusLine.TimeLeft(p.Elapsed, (double)p.Evaluations / budget), best, p.FeasibleShare);
        });

        public void Finish() => _line.Finish();
    }
}
