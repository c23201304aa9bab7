using System.Globalization;

namespace WdnAccel.Core.Reports;

/// <summary>
/// The plots of a solver comparison (`bench --plot DIR`): per problem, each algorithm's median convergence over its
/// seeds; over all problems, the performance profile of evaluations to the target.
/// </summary>
public static class BenchPlots
{
    /// <summary>
    /// The median over runs of the best feasible cost found after e evaluations, at every e where some run improved:
    /// a run with no feasible design yet counts as +∞, so the median starts once more than half the runs have one.
    /// </summary>
    public static IReadOnlyList<(double Evaluations, double Cost)> MedianConvergence(IReadOnlyList<SolverComparisonRow.Run> runs)
    {
        var steps = runs.SelectMany(r => r.History).Select(h => h.Evaluations).Distinct().Order().ToList();
        var at = new double[runs.Count];
        var cursor = new int[runs.Count];
        Array.Fill(at, double.PositiveInfinity);
        var points = new List<(double, double)>();
        foreach (long e in steps)
        {
            for (int r = 0; r < runs.Count; r++)
            {
                var history = runs[r].History;
                while (cursor[r] < history.Count && history[cursor[r]].Evaluations <= e) at[r] = Math.Min(at[r], history[cursor[r]++].BestCost);
            }
            double median = SampleQuantiles.Median(at.Order().ToList());
            if (double.IsFinite(median) && (points.Count == 0 || median != points[^1].Item2)) points.Add((e, median));
        }
        return points;
    }

    /// <summary>
    /// Performance profile (Dolan &amp; Moré 2002, "Benchmarking optimization software with performance profiles",
    /// Math. Program. 91:201–213) of evaluations to the target: an instance is a (problem, seed) every algorithm ran;
    /// algorithm a's ratio on it is its evaluations to the target over the fewest any algorithm needed (+∞ when a
    /// missed the target, or when none reached it); ρ_a(τ) is the share of instances with ratio ≤ τ. Returns the
    /// step points (τ, ρ) per algorithm, from τ = 1.
    /// </summary>
    public static IReadOnlyList<(string Algorithm, IReadOnlyList<(double Tau, double Share)> Steps)> PerformanceProfile(IReadOnlyList<SolverComparisonRow> rows)
    {
        var algorithms = rows.Select(r => r.Algorithm).Distinct().ToList();
        // Evaluations to the target per (algorithm, problem, seed), a 1-based index so never 0; +∞ for a run that missed it.
        var toTarget = rows.SelectMany(r => r.PerSeed.Select(s => (Key: (r.Algorithm, r.Problem, s.Seed),
                Value: s.EvaluationsToTarget ?? double.PositiveInfinity)))
            .ToDictionary(x => x.Key, x => x.Value);
        var instances = toTarget.Keys.Select(k => (k.Problem, k.Seed)).Distinct()
            .Where(i => algorithms.All(a => toTarget.ContainsKey((a, i.Problem, i.Seed))))
            .ToList();
        double ToTarget(string algorithm, (string Problem, ulong Seed) i) => toTarget[(algorithm, i.Problem, i.Seed)];
        var best = instances.Select(i => algorithms.Min(a => ToTarget(a, i))).ToList();
        var profile = new List<(string, IReadOnlyList<(double, double)>)>();
        foreach (var a in algorithms)
        {
            var ratios = instances.Select((i, k) => ToTarget(a, i) / best[k]).Where(double.IsFinite).Order().ToList();
            var steps = new List<(double, double)>();
            for (int k = 0; k < ratios.Count; k++)
            {
                if (k + 1 < ratios.Count && ratios[k + 1] == ratios[k]) continue; // the share after every equal ratio
                double share = (double)(k + 1) / Math.Max(1, instances.Count);
                if (steps.Count == 0 && ratios[k] > 1) steps.Add((1, 0));
                steps.Add((ratios[k], share));
            }
            if (steps.Count == 0) steps.Add((1, 0));
            profile.Add((a, steps));
        }
        return profile;
    }

    /// <summary>The SVG files of `bench --plot`: convergence-PROBLEM.svg per problem and performance-profile.svg, by file name.</summary>
    public static IReadOnlyDictionary<string, string> Render(IReadOnlyList<SolverComparisonRow> rows, double tolerance)
    {
        var inv = CultureInfo.InvariantCulture;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var problem in rows.GroupBy(r => r.Problem))
        {
            var first = problem.First();
            var series = problem.Select(r => new ConvergenceSvg.Series($"{r.Algorithm} (median of {r.Runs} seeds)", MedianConvergence(r.PerSeed))).ToList();
            string label = first.Reference is { IsPublished: true } ? "best known" : "least cost found here";
            files[$"convergence-{FileName(problem.Key)}.svg"] = ConvergenceSvg.Render($"{problem.Key}: median best feasible cost over seeds",
                series, first.Reference?.Cost, label, problem.Max(r => r.Budget));
        }
        var profile = PerformanceProfile(rows);
        double tauMax = Math.Max(2, profile.SelectMany(p => p.Steps).Max(s => s.Tau) * 1.05);
        files["performance-profile.svg"] = ConvergenceSvg.Render(
            string.Format(inv, "Performance profile: evaluations to within {0:0.###} % of the reference", 100 * tolerance),
            profile.Select(p => new ConvergenceSvg.Series(p.Algorithm, p.Steps.Select(s => (s.Tau, s.Share)).ToList())).ToList(),
            xAxisMax: tauMax,
            axes: new ConvergenceSvg.Axes("τ: evaluations to the target / the fewest of any algorithm", "share of (problem, seed) runs", XMin: 1, YMin: 0, YMax: 1));
        return files;
    }

    /// <summary>A problem's name as a file name part: letters, digits, '-' and '_' kept, anything else '_'.</summary>
    private static string FileName(string problem) =>
        new(problem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
