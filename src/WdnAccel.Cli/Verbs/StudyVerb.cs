using System.Text.Json;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Reports;

namespace WdnAccel.Cli.Verbs;

[Example("The three 11-node layouts study: tables, plots and summary", "wdnaccel study layouts --out layouts-study")]
[Example("The same layouts over a 24-hour demand profile with pumps as decisions", "wdnaccel study layouts --eps --out layouts-24h")]
[Verb("study", HelpText = "Reproduce a published study's analyses on bundled scenarios: `study layouts` (head loss vs diameter, Reynolds regimes, pressure vs velocity, least cost per layout; docs/layouts-study.md); `study layouts --eps` designs them over a 24-hour demand profile with a pump per source as a decision (annual cost; 25 m at every hour). --out DIR writes CSV tables, SVG plots and a summary there.")]
public sealed partial class StudyVerb : BackendOptions, ICommand
{
    /// <summary>--out names a folder here (checked when the work starts).</summary>
    public override bool OutIsFile => false;

    [Value(0, MetaName = "STUDY", Required = true, HelpText = "The study: layouts (the three 11-node layouts study).")]
    public string Study { get; set; } = "";

    [Option("evaluations", Default = 20_000L, HelpText = "Evaluations per optimizer run (cro and de on each of the three layouts; with --eps, each pump choice's run and the snapshot reference run).")]
    public long Evaluations { get; set; } = 20_000;

    [Option("seed", Default = 1UL, HelpText = "Random seed of every optimizer run.")]
    public ulong Seed { get; set; } = 1;

    [Option("eps", HelpText = "Design the layouts over a 24-hour residential demand profile, each source may get a catalog pump; least annual cost (annualized pipes and pumps + energy), 25 m at every junction at every hour, each candidate run through the day by the extended-period engine; the snapshot designs are run through the same day for comparison. Writes eps_* files.")]
    public bool Eps { get; set; }

    [Option("data", HelpText = "Folder holding layouts-branched.wdn, layouts-looped.wdn, layouts-hybrid.wdn (default: data/scenarios from the current folder or above the executable).")]
    public string? Data { get; set; }

    public ExitCode Execute(CommandContext context)
    {
        if (!string.Equals(Study, "layouts", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException($"unknown study '{Study}'; available: layouts", field: "STUDY");
        }
        if (Evaluations <= 0) throw new InvalidInputException("--evaluations must be positive", field: "--evaluations");
        if (Out is not null) OutputFolder.Prepare(Out, "--out"); // before the runs, not after them
        var layouts = LayoutsStudy.Layouts.Select(name =>
        {
            string file = Resolve($"layouts-{name}.wdn");
            return (name, ScenarioFile.Load(file).Scenario);
        }).ToList();

        using var backend = CreateBackend(context, out var note);
        if (Eps) return ExecuteEps(context, layouts, backend);
        // The reports state one set of hydraulic settings where the layouts share it (the bundled ones do).
        var settings = layouts.Select(l => (l.Scenario.Network.Options.Omega, l.Scenario.Network.Options.Accuracy, l.Scenario.Network.Options.MaxTrials)).Distinct().ToList();
        var (omega, accuracy, maxTrials) = settings.Count == 1 ? settings[0] : (double.NaN, double.NaN, 0);
        var options = new LayoutsStudyOptions
        {
            Evaluations = Evaluations, Seed = Seed, Backend = $"{backend.Name} ({backend.Description})",
            Omega = omega, Accuracy = accuracy, MaxTrials = maxTrials,
            Version = ProductVersion.Text,
        };
        var result = LayoutsStudy.Run(layouts, backend, options, Json ? null : new SyncProgress(context.Error));

        IReadOnlyList<string> files = [];
        if (Out is not null) files = LayoutsStudyReport.WriteFiles(result, Out);
        foreach (string file in files) context.Wrote(Path.Combine(Out!, file));
        if (Json) context.Out.WriteLine(context.Json(w => WriteJson(w, result, backend.Name, files)));
        else context.Out.Write(LayoutsStudyReport.Markdown(result));
        return result.Costs.All(c => c.Feasible) ? ExitCode.Success : ExitCode.InfeasibleOrUnbounded;
    }

    /// <summary>Reports synchronously, in order (System.Progress posts to the thread pool).</summary>
    private sealed class SyncProgress(TextWriter error) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine("  " + value);
    }

    private string Resolve(string fileName)
    {
        if (Data is not null)
        {
            string path = Path.Combine(Data, fileName);
            return File.Exists(path) ? path : throw new InvalidInputException($"{fileName} not found in --data folder '{Data}'", field: "--data");
        }
        string relative = Path.Combine("data", "scenarios", fileName);
        if (File.Exists(relative)) return relative;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidInputException($"bundled scenario data/scenarios/{fileName} not found; pass --data DIR", field: "--data");
    }

    private static void WriteJson(Utf8JsonWriter w, LayoutsStudyResult r, string backend, IReadOnlyList<string> files)
    {
        w.WriteStartObject();
        w.WriteString("study", "layouts");
        w.WriteString("note", "layouts reconstructed (figure values not in the paper's text); unit costs are placeholders proportional to pipe mass: costs are comparative only");
        w.WriteNumber("evaluations", r.Options.Evaluations);
        w.WriteNumber("seed", r.Options.Seed);
        w.WriteString("backend", backend);
        w.WriteString("backend_description", r.Options.Backend);
        w.WriteNumberOrNull("omega", r.Options.Omega);
        w.WriteNumberOrNull("accuracy", r.Options.Accuracy);
        w.WriteNumberOrNull("max_trials", r.Options.MaxTrials > 0 ? r.Options.MaxTrials : double.NaN);
        w.WriteString("version", r.Options.Version);

        w.WriteStartObject("head_loss_vs_diameter");
        w.WriteString("layout", r.HeadLossLayout);
        w.WriteString("pipe", r.HeadLossPipe);
        w.WriteNumber("flow", r.HeadLoss[0].Flow);
        w.WriteNumber("length", r.HeadLoss[0].Length);
        w.WriteStartArray("rows");
        foreach (var h in r.HeadLoss)
        {
            w.WriteStartObject();
            w.WriteString("label", h.Label);
            w.WriteNumber("diameter", h.Diameter);
            w.WriteNumber("velocity", h.Velocity);
            w.WriteNumber("head_loss", h.HeadLoss);
            w.WriteNumber("reynolds", h.Reynolds);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteFit(w, "quadratic_fit", r.HeadLossFit);
        w.WriteEndObject();

        w.WriteStartArray("regimes");
        foreach (var g in r.Regimes)
        {
            w.WriteStartObject();
            w.WriteString("layout", g.Layout);
            w.WriteString("algorithm", g.Algorithm);
            w.WriteString("pipe", g.Pipe);
            w.WriteNumber("diameter", g.Diameter);
            w.WriteNumber("flow", g.Flow);
            w.WriteNumber("velocity", g.Velocity);
            w.WriteNumber("reynolds", g.Reynolds);
            w.WriteString("regime", g.Regime.ToString().ToLowerInvariant());
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("pressure_vs_velocity");
        w.WriteString("layout", r.PressureLayout);
        w.WriteString("node", r.PressureNode);
        w.WriteString("pipe", r.PressurePipe);
        w.WriteStartArray("fits");
        foreach (var f in r.PressureFits)
        {
            w.WriteStartObject();
            w.WriteNumber("diameter", f.Diameter);
            WriteFit(w, "polynomial", f.Polynomial);
            WriteFit(w, "exponential", f.Exponential);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        w.WriteStartArray("costs");
        foreach (var c in r.Costs)
        {
            w.WriteStartObject();
            w.WriteString("layout", c.Layout);
            w.WriteString("algorithm", c.Algorithm);
            w.WriteBoolean("feasible", c.Feasible);
            w.WriteNumberOrNull("discrete_cost", c.DiscreteCost);
            if (c.SplitPipeCost is { } s) w.WriteNumber("split_pipe_cost", s);
            else w.WriteNull("split_pipe_cost");
            w.WriteBoolean("lp_certified", c.LpCertified);
            w.WriteBoolean("lp_is_lower_bound", c.IsLowerBound);
            w.WriteNumberOrNull("min_pressure", c.MinPressure);
            w.WriteString("min_pressure_node", c.MinPressureNode);
            w.WriteNumber("evaluations", c.Evaluations);
            w.WriteStartObject("design");
            foreach (var (id, d) in c.Design) w.WriteNumber(id, d);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("paper");
        w.WriteNumber("branched_cost_usd", LayoutsStudyReport.PaperBranchedCost);
        w.WriteNumber("looped_cost_usd", LayoutsStudyReport.PaperLoopedCost);
        w.WriteEndObject();
        w.WriteStartArray("files");
        foreach (var f in files) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteFit(Utf8JsonWriter w, string name, LayoutsStudyFit fit)
    {
        w.WriteStartObject(name);
        w.WriteString("model", fit.Model);
        w.WriteStartArray("coefficients");
        foreach (var c in fit.Coefficients) w.WriteNumberValueOrNull(c);
        w.WriteEndArray();
        w.WriteNumberOrNull("r_squared", fit.RSquared);
        w.WriteNumberOrNull("rmse", fit.Rmse);
        w.WriteNumber("points", fit.Points);
        w.WriteEndObject();
    }
}
