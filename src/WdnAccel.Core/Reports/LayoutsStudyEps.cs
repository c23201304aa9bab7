using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Reports;

/// <summary>
/// The three 11-node layouts designed for a whole day instead of a snapshot (docs/layouts-study.md, "24-hour design
/// with pumps"): every demand follows a residential hourly profile, each source may get a catalog pump, and the
/// optimizer minimizes annual cost (annualized pipes and pumps + energy) subject to 25 m at every junction at every
/// hour, each candidate run through the day by the extended-period engine (<see cref="DiurnalDesignProblem"/>). Each
/// layout's snapshot optimum (the existing study's Coral Reef run at the mean demand) is run through the same day for
/// comparison.
/// </summary>
public static class LayoutsStudyEps
{
    /// <summary>
    /// The residential hourly profile as published: "Micropolis" residential demand pattern (Brumbelow 2021, Micropolis
    /// synthetic system, https://uknowledge.uky.edu/wdst_synthetic/4; bundled as "Micropolis_2" in the EPA WNTR demand
    /// pattern library). Hour 0 is midnight–1 am. Its mean is 1.0154, not 1.
    /// </summary>
    public static IReadOnlyList<double> ResidentialPublished { get; } =
    [
        0.55, 0.55, 0.58, 0.67, 0.85, 1.05, 1.16, 1.12, 1.15, 1.1, 1.02, 1.0,
        1.02, 1.1, 1.2, 1.35, 1.45, 1.5, 1.5, 1.35, 1.0, 0.8, 0.7, 0.6,
    ];

    /// <summary><see cref="ResidentialPublished"/> divided by its mean, so the day's mean inflow stays the paper's 1.15 m³/h.</summary>
    public static IReadOnlyList<double> ResidentialMultipliers { get; } = Normalize(ResidentialPublished);

    /// <summary>Design flow of every catalog pump: the peak-hour inflow 1.15 m³/h × 1.477, rounded to 1.7 m³/h.</summary>
    public const double PumpDesignFlow = 1.7 / 3600.0;

    /// <summary>
    /// The pump catalog (ASSUMED, placeholders like the pipe prices): one-point curves at 1.7 m³/h and 5, 10 or 20 m,
    /// capital 400 + 25·H cost units (a fixed part for the pump set, fittings and connection, and a part growing with head).
    /// </summary>
    public static IReadOnlyList<DesignPump> PumpCatalog { get; } =
        new[] { 5.0, 10.0, 20.0 }.Select(h => new DesignPump($"P{h:0}m", PumpDesignFlow, h, 400 + 25 * h)).ToArray();

    /// <summary>Divides by the mean (throws on an empty or all-zero profile).</summary>
    public static IReadOnlyList<double> Normalize(IReadOnlyList<double> multipliers)
    {
        double mean = multipliers.Count > 0 ? multipliers.Average() : 0;
        if (!(mean > 0)) throw new ArgumentException("a demand profile needs a positive mean");
        return multipliers.Select(m => m / mean).ToArray();
    }

    public static LayoutsStudyEpsResult Run(IReadOnlyList<(string Layout, Scenario Scenario)> layouts, IComputeBackend backend,
        LayoutsStudyEpsOptions options, IProgress<string>? progress = null)
    {
        if (layouts.Count == 0) throw new ArgumentException("no layouts given");
        var settings = new OptimizerSettings { Seed = options.Seed, MaxEvaluations = options.Evaluations };
        var rows = new List<LayoutsStudyEpsLayout>();
        long peak = 0;
        foreach (var (layout, scenario) in layouts)
        {
            // The snapshot reference: the existing study's run of this algorithm (same budget and seed) at the mean demand.
            progress?.Report($"{layout}: snapshot design ({options.Algorithm}, {options.Evaluations:N0} evaluations at the mean demand)");
            var compiled = PipeSizingRun.Compile(scenario, layout);
            var snapshot = PipeSizingRun.Execute(compiled, scenario.Design!, backend, options.Algorithm, settings);

            var problem = new DiurnalDesignProblem(scenario, options.Multipliers, options.Pumps, options.Cost, options.Threads, layout);
            peak = problem.PeakTime;
            // The pump choice is enumerated (a handful per layout) and the pipes optimized for each: one joint search over
            // pipes and pumps settled on a pumped local optimum even where a gravity design is cheaper (docs/layouts-study.md).
            var choices = new List<LayoutsStudyEpsChoice>();
            foreach (var genes in problem.PumpChoices())
            {
                var full = new int[problem.Dimensions];
                genes.CopyTo(full, problem.PipeCount);
                string key = problem.PumpKey(full);
                progress?.Report($"{layout}: 24-hour design with pumps {key} ({options.Algorithm}, {options.Evaluations:N0} evaluations, each a {options.Multipliers.Count}-hour run)");
                double pumpCapital = genes.Where(g => g > 0).Sum(g => options.Pumps[g - 1].CapitalCost);
                choices.Add(new LayoutsStudyEpsChoice(key, genes, pumpCapital, options.Cost.PumpFactor * pumpCapital, Optimize(problem.PipesOnly(genes), options.Algorithm, settings, $"{layout} {key}", progress)));
            }
            var chosen = choices.Where(c => c.Result.FoundFeasible).MinBy(c => c.AnnualCost) ?? choices[0];
            DiurnalDesignEvaluation? best = null;
            IReadOnlyDictionary<string, double> design = new Dictionary<string, double>();
            if (chosen.Result.BestGenome.Length > 0)
            {
                var genome = new int[problem.Dimensions];
                chosen.Result.BestGenome.CopyTo(genome, 0);
                chosen.PumpGenes.CopyTo(genome, problem.PipeCount);
                best = problem.Assess(genome, recordSteps: true);
                design = problem.Decode(genome);
            }
            var snapshotDay = snapshot.Result.FoundFeasible ? problem.Assess(problem.Encode(snapshot.Design), recordSteps: false) : null;
            rows.Add(new LayoutsStudyEpsLayout(layout, scenario.Design!.MinPressure, choices, chosen, design, best, snapshot.Result.FoundFeasible,
                snapshot.Result.FoundFeasible ? snapshot.Result.Best.Cost : double.NaN, snapshot.Design, snapshotDay,
                best is null ? [] : PipeRows(layout, problem, best, design, snapshot.Design)));
        }
        var pipes = rows.SelectMany(r => r.Pipes).ToList();
        var d = pipes.Select(p => p.Diameter).ToArray();
        return new LayoutsStudyEpsResult(options, peak, rows,
            TryFit(() => LayoutsStudyFit.Polynomial(d, pipes.Select(p => p.PeakFlow).ToArray(), 1)),
            TryFit(() => LayoutsStudyFit.Polynomial(d, pipes.Select(p => p.PeakHeadLoss).ToArray(), 2)));
    }

    /// <summary>Runs the optimizer on the problem; bad parameters are bad input; progress about every quarter of the budget.</summary>
    private static OptimizerResult Optimize(IProblem problem, string algorithm, OptimizerSettings settings, string layout, IProgress<string>? progress)
    {
        IOptimizer optimizer;
        try
        {
            optimizer = OptimizerCatalog.Create(algorithm);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(e.Message, field: "algorithm");
        }
        long step = Math.Max(1, settings.MaxEvaluations / 4), next = step;
        var forward = progress is null ? null : new Forward(r =>
        {
            if (r.Evaluations < next) return;
            next = (r.Evaluations / step + 1) * step;
            progress.Report($"{layout}: {r.Evaluations:N0} evaluations, best annual cost {(double.IsNaN(r.BestCost) ? "none feasible yet" : r.BestCost.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))}, {r.Elapsed.TotalSeconds:F1} s");
        });
        return optimizer.Run(problem, settings, forward);
    }

    /// <summary>Each decision pipe at the peak-hour report step of the recorded run.</summary>
    private static List<LayoutsStudyEpsPipeRow> PipeRows(string layout, DiurnalDesignProblem problem, DiurnalDesignEvaluation best,
        IReadOnlyDictionary<string, double> design, IReadOnlyDictionary<string, double> snapshot)
    {
        var run = best.Run!;
        var net = run.Network;
        var step = run.Steps.First(s => s.Time == problem.PeakTime);
        var rows = new List<LayoutsStudyEpsPipeRow>();
        foreach (var (id, diameter) in design)
        {
            int k = net.LinkIndex(id);
            double q = Math.Abs(step.Flow[k]);
            rows.Add(new LayoutsStudyEpsPipeRow(layout, id, net.Length[k], snapshot.GetValueOrDefault(id, double.NaN), diameter, q,
                LinkFormulas.Velocity(q, diameter), Math.Abs(step.Head[net.From[k]] - step.Head[net.To[k]])));
        }
        return rows;
    }

    private static LayoutsStudyFit? TryFit(Func<LayoutsStudyFit> fit)
    {
        try
        {
            return fit();
        }
        catch (ArgumentException)
        {
            return null; // too few distinct diameters for the fit
        }
    }

    /// <summary>Reports synchronously (System.Progress posts to the thread pool).</summary>
    private sealed class Forward(Action<ProgressReport> report) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value) => report(value);
    }
}
