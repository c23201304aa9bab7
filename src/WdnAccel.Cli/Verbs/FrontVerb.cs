using System.Globalization;
using System.Text;
using System.Text.Json;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Reports;

namespace WdnAccel.Cli.Verbs;

[Example("Two-loop's cost–resilience front, kept as CSV and plotted", "wdnaccel front data/scenarios/TLN.wdn --evaluations 20000 --seed 1 --csv tln-front.csv --plot tln-front.svg")]
[Example("Hanoi's cost against the smallest pressure surplus, as JSON", "wdnaccel front data/scenarios/HAN.wdn --objective surplus --evaluations 50000 --population 200 --json --out hanoi-front.json")]
[Verb("front", HelpText = "Multi-objective pipe sizing with NSGA-II: the Pareto front of cost against Todini's resilience index (or the smallest pressure surplus), with its hypervolume; whole generations are solved per backend call.")]
public sealed class FrontVerb : BackendOptions, ICommand
{
    private const long DefaultEvaluations = 20_000;
    private const int DefaultPopulation = 100;

    [Value(0, MetaName = "SCENARIO", Required = true, HelpText = "Design scenario (.wdn, .json) with a design block.")]
    public string File { get; set; } = "";

    [Option("objective", Default = "resilience", HelpText = "Second objective, maximized against cost: resilience (Todini's index) or surplus (smallest head above the required head, m).")]
    public string Objective { get; set; } = "resilience";

    [Option("evaluations", HelpText = "Evaluation budget (default 20000).")]
    public long? Evaluations { get; set; }

    [Option("population", HelpText = "Population size N, also the most designs the front can hold (default 100).")]
    public int? Population { get; set; }

    [Option("seed", HelpText = "Random seed (default: the scenario's solver block, else 1). Same seed and backend, same front.")]
    public ulong? Seed { get; set; }

    [Option("csv", HelpText = "Write the front as CSV: one row per design (cost, second objective, margin, diameter per pipe in m).")]
    public string? Csv { get; set; }

    [Option("plot", HelpText = "Write the front as an SVG plot (cost on x, the second objective on y).")]
    public string? Plot { get; set; }

    /// <summary>--out and the side files, checked (and compared with the inputs) by <see cref="Program"/> before the work.</summary>
    public override IEnumerable<(string Path, string Field)> OutputFiles => base.OutputFiles.Concat(Csv is null ? [] : [(Csv, "--csv")]).Concat(Plot is null ? [] : [(Plot, "--plot")]);

    public override void CheckOutName()
    {
        base.CheckOutName();
        if (Csv is not null) OutputFile.CheckExtension(Csv, "--csv", "CSV", ".csv");
        if (Plot is not null) OutputFile.CheckExtension(Plot, "--plot", "an SVG image", ".svg");
    }

    public ExitCode Execute(CommandContext context)
    {
        var objective = Objective.Trim().ToLowerInvariant() switch
        {
            "resilience" => FrontObjective.Resilience,
            "surplus" => FrontObjective.Surplus,
            _ => throw new InvalidInputException($"--objective must be resilience or surplus, got '{Objective}'", field: "--objective"),
        };
        ArgumentChecks.AtLeast(Evaluations, 1, "--evaluations");
        long evaluations = Evaluations ?? DefaultEvaluations;
        int population = Population ?? DefaultPopulation;
        if (population < 4) throw new InvalidInputException($"--population must be at least 4, got {population}", field: "--population");

        var scenario = ScenarioFile.Load(File).Scenario;
        var network = PipeSizingRun.Compile(scenario, File);
        var design = scenario.Design!;
        var settings = new OptimizerSettings
        {
            Seed = Seed ?? scenario.Solver?.Seed ?? 1,
            MaxEvaluations = evaluations,
            PopulationSize = population,
        };

        using var backend = CreateBackend(context, out var note);
        // Progress on stderr in --json mode too (stdout stays the JSON answer alone): a long run in a script or on a
        // cluster logs a plain line every 5 s; on a terminal the line appears after the first second, once the rate
        // and the time left mean something.
        var progress = new ProgressLine(context.Error, context.Interactive, design.CostUnit, evaluations);
        var outcome = PipeSizingFrontRun.Execute(network, design, backend, objective, settings, progress);
        progress.Finish();

        // The Newton steps' form is part of the settings: the two forms agree to rounding, and a front can part there.
        string method = backend.HydraulicMethod(network);
        Emit(context, w => WriteJson(w, scenario, outcome, backend.Name, backend.Description, method, note),
            o => WriteText(o, scenario, outcome, $"backend {backend.Name} ({backend.Description}), {method}"));
        if (Csv is not null) context.WriteSideFile(Csv, CsvText(scenario, outcome, backend.Name, method), "--csv");
        if (Plot is not null) context.WriteSideFile(Plot, PlotText(scenario, outcome), "--plot");
        return outcome.Points.Count > 0 ? ExitCode.Success : ExitCode.InfeasibleOrUnbounded;
    }

    /// <summary>The JSON key and the words of the second objective.</summary>
    private static (string Key, string Label, string Unit) Second(FrontObjective objective) => objective == FrontObjective.Resilience
        ? ("resilience", "resilience index", "")
        : ("min_pressure_surplus", "min surplus", "m");

    private static void WriteJson(Utf8JsonWriter w, Scenario scenario, FrontOutcome outcome, string backend, string description, string method, string? note)
    {
        var r = outcome.Result;
        var net = scenario.Network;
        string key = Second(outcome.Objective).Key;
        w.WriteStartObject();
        w.WriteString("scenario", scenario.Name);
        w.WriteString("algorithm", "nsga2");
        w.WriteString("objective", outcome.Objective == FrontObjective.Resilience ? "resilience" : "surplus");
        w.WriteString("cost_unit", scenario.Design!.CostUnit);
        w.WriteNumber("front_size", outcome.Points.Count);
        w.WriteStartArray("front");
        foreach (var p in outcome.Points)
        {
            w.WriteStartObject();
            w.WriteNumber("cost", p.Cost);
            w.WriteNumber(key, p.Value);
            w.WriteNumberOrNull("min_pressure_margin", p.MinPressureMargin);
            w.WriteStartObject("design");
            foreach (var (id, d) in p.Design) w.WriteNumber(id, d);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("hypervolume", outcome.Hypervolume);
        w.WriteStartObject("reference_point");
        w.WriteNumber("cost", outcome.ReferenceCost);
        w.WriteNumber(key, outcome.ReferenceValue);
        w.WriteEndObject();
        w.WriteString("reference_point_meaning", "cost of every decision pipe at its dearest catalog size; 0 for the second objective (no feasible design goes below it); the hypervolume is the area, in cost × second-objective units, that the front dominates up to this point");
        w.WriteNumber("seed", r.Settings.Seed);
        w.WriteNumber("evaluations", r.Evaluations);
        w.WriteNumber("population", r.Settings.PopulationSize ?? 0);
        w.WriteNumber("generations", r.Generations);
        w.WriteStartObject("parameters");
        foreach (var (k, v) in r.Settings.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(k, v);
        w.WriteEndObject();
        w.WriteString("head_loss", net.Options.HeadLoss.InpKeyword());
        w.WriteNumber("omega", net.Options.Omega);
        w.WriteNumber("accuracy", net.Options.Accuracy);
        w.WriteNumber("max_trials", net.Options.MaxTrials);
        w.WriteString("backend", backend);
        w.WriteString("backend_description", description);
        w.WriteString("hydraulic_method", method);
        if (note is not null) w.WriteString("backend_note", note);
        w.WriteNumber("seconds", r.WallTime.TotalSeconds);
        w.WriteNumber("hydraulic_solves", outcome.Solves);
        w.WriteString("stop_reason", r.StopReason.ToString());
        w.WriteString("version", ProductVersion.Text);
        w.WriteEndObject();
    }

    private static void WriteText(TextWriter o, Scenario scenario, FrontOutcome outcome, string backend)
    {
        var r = outcome.Result;
        var inv = CultureInfo.InvariantCulture;
        var unit = scenario.Design!.CostUnit;
        var (_, label, valueUnit) = Second(outcome.Objective);
        o.WriteLine(string.Format(inv, "{0}: NSGA-II, cost vs {1}, seed {2}, {3:N0} evaluations ({4:N0} generations of {5:N0}) in {6:F2} s, {7}",
            scenario.Name, label, r.Settings.Seed, r.Evaluations, r.Generations, r.Settings.PopulationSize, r.WallTime.TotalSeconds, backend));
        if (outcome.Points.Count == 0)
        {
            o.WriteLine("  no feasible design found: the front is empty");
        }
        else
        {
            o.WriteLine(string.Format(inv, "  front         {0} design(s), {1:N0} to {2:N0} {3}", outcome.Points.Count, outcome.Points[0].Cost, outcome.Points[^1].Cost, unit));
        }
        o.WriteLine(string.Format(inv, "  hypervolume   {0} {1}{2} from the reference point (cost {3:N0} {1} = every pipe at its dearest size, {4} {5:G3}{6})",
            Amount(outcome.Hypervolume), unit, valueUnit.Length > 0 ? "·" + valueUnit : "", outcome.ReferenceCost, label, outcome.ReferenceValue, valueUnit.Length > 0 ? " " + valueUnit : ""));
        o.WriteLine(string.Format(inv, "  settings      {0}, accuracy {1}, max trials {2}, version {3}",
            scenario.Network.Options.Setting(), scenario.Network.Options.Accuracy, scenario.Network.Options.MaxTrials, ProductVersion.Text));
        if (outcome.Points.Count == 0) return;
        string valueHeader = valueUnit.Length > 0 ? $"{label} {valueUnit}" : label;
        o.WriteLine(string.Format(inv, "  {0,14}  {1,16}  {2,12}", $"cost {unit}", valueHeader, "min margin m"));
        foreach (var p in outcome.Points)
        {
            o.WriteLine(string.Format(inv, "  {0,14:N0}  {1,16:F4}  {2,12:F3}", p.Cost, p.Value, p.MinPressureMargin));
        }
    }

    /// <summary>
    /// Header: cost, the second objective's key, min_pressure_margin (m), each decision pipe's id (diameter, m), then
    /// the JSON answer's cost_unit and the settings that made the front (seed, evaluations, population, ω, accuracy,
    /// trials, backend, Newton-step form, version), repeated on every row so the file says what made it. A margin
    /// JSON writes as null is blank, never NaN.
    /// </summary>
    private static string CsvText(Scenario scenario, FrontOutcome outcome, string backend, string method)
    {
        var inv = CultureInfo.InvariantCulture;
        var r = outcome.Result;
        var options = scenario.Network.Options;
        var ids = outcome.Points.Count > 0 ? outcome.Points[0].Design.Keys.ToList() : [];
        var sb = new StringBuilder();
        sb.Append("cost,").Append(Second(outcome.Objective).Key).Append(",min_pressure_margin");
        foreach (var id in ids) sb.Append(',').Append(Field("d_" + id));
        sb.Append(",cost_unit,seed,evaluations,population,omega,accuracy,max_trials,backend,hydraulic_method,version");
        sb.Append('\n');
        string settings = string.Join(",", Field(scenario.Design!.CostUnit), r.Settings.Seed.ToString(inv), r.Evaluations.ToString(inv),
            (r.Settings.PopulationSize ?? 0).ToString(inv), options.Omega.ToString("R", inv), options.Accuracy.ToString("R", inv),
            options.MaxTrials.ToString(inv), Field(backend), Field(method), Field(ProductVersion.Text));
        foreach (var p in outcome.Points)
        {
            sb.Append(Number(p.Cost)).Append(',').Append(Number(p.Value)).Append(',').Append(Number(p.MinPressureMargin));
            foreach (var id in ids) sb.Append(',').Append(Number(p.Design[id]));
            sb.Append(',').Append(settings).Append('\n');
        }
        return sb.ToString();

        string Number(double v) => double.IsFinite(v) ? v.ToString("R", inv) : "";
    }

    /// <summary>A hypervolume for people: whole units with thousands separators from 1,000 up, else 4 significant digits.</summary>
    private static string Amount(double v) => v.ToString(Math.Abs(v) >= 1000 ? "N0" : "G4", CultureInfo.InvariantCulture);

    /// <summary>A CSV field, quoted when it holds a comma, quote or line break.</summary>
    private static string Field(string s) => Core.Io.CsvField.Of(s);

    private static string PlotText(Scenario scenario, FrontOutcome outcome)
    {
        var inv = CultureInfo.InvariantCulture;
        string unit = scenario.Design!.CostUnit;
        var (_, label, valueUnit) = Second(outcome.Objective);
        var points = outcome.Points.Select(p => (p.Cost, p.Value,
            string.Format(inv, "{0:N0} {1}, {2} {3:F4}{4}", p.Cost, unit, label, p.Value, valueUnit.Length > 0 ? " " + valueUnit : ""))).ToList();
        string note = string.Format(inv, "{0} design(s); hypervolume {1} from (cost {2:N0} {3}, {4} {5:G3})", outcome.Points.Count, Amount(outcome.Hypervolume), outcome.ReferenceCost, unit, label, outcome.ReferenceValue);
        return FrontSvg.Render($"{scenario.Name}: cost vs {label} (NSGA-II, seed {outcome.Result.Settings.Seed})", points,
            $"cost ({unit})", valueUnit.Length > 0 ? $"{label} ({valueUnit})" : label, note);
    }

    /// <summary>Generation, evaluations, rate, time left, least feasible cost and feasible share on a <see cref="StatusLine"/>.</summary>
    private sealed class ProgressLine(TextWriter error, bool interactive, string unit, long budget) : IProgress<ProgressReport>
    {
        private readonly StatusLine _line = new(error, interactive, TimeSpan.FromSeconds(1));

        public void Report(ProgressReport p) => _line.Draw(p.Elapsed, () =>
        {
            double rate = p.Elapsed.TotalSeconds > 0 ? p.Evaluations / p.Elapsed.TotalSeconds : 0;
            string best = double.IsNaN(p.BestCost) ? "none feasible yet" : p.BestCost.ToString("N0", CultureInfo.InvariantCulture) + " " + unit;
            return string.Format(CultureInfo.InvariantCulture, "  gen {0,5}  evals {1,9:N0}  {2,8:N0}/s  {3}  cheapest {4}  feasible {5,5:P0}   ",
                p.Generation, p.Evaluations, rate, StatusLine.TimeLeft(p.Elapsed, (double)p.Evaluations / budget), best, p.FeasibleShare);
        });

        public void Finish() => _line.Finish();
    }
}
