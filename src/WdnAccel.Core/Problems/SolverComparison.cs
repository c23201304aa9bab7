using WdnAccel.Core.Compute;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Reports;

namespace WdnAccel.Core.Problems;

/// <summary>
/// A fair comparison of optimizers (`bench`): every algorithm runs every design problem with seeds 1..N under the same
/// evaluation budget and the same hydraulics, one row per (problem, algorithm). <c>firstSeed</c> moves the seeds to
/// firstSeed..firstSeed + N − 1 (tune on one range, report on another).
/// </summary>
public static class SolverComparison
{
    /// <param name="problems">Design scenarios and the files they came from (for error messages).</param>
    /// <param name="evaluations">The budget; null takes each scenario's solver block, else 20,000.</param>
    /// <param name="onRun">Told of every finished run (problem, algorithm, seed, outcome), for progress lines.</param>
    /// <param name="parameters">Per algorithm, parameters that override the scenario's solver block on every problem.</param>
    /// <param name="firstSeed">The first seed (≥ 1); the runs use firstSeed..firstSeed + seeds − 1.</param>
    /// <param name="evaluationCache">Every algorithm's runs use the per-run evaluation cache (<see cref="OptimizerSettings.EvaluationCache"/>).</param>
    public static List<SolverComparisonRow> Run(IReadOnlyList<(string File, Scenario Scenario)> problems, IReadOnlyList<string> algorithms,
        int seeds, long? evaluations, double tolerance, IComputeBackend backend, Action<Scenario, string, ulong, PipeSizingOutcome>? onRun = null,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? parameters = null, ulong firstSeed = 1,
        bool evaluationCache = true)
    {
        var rows = new List<SolverComparisonRow>();
        foreach (var (file, scenario) in problems)
        {
            var network = PipeSizingRun.Compile(scenario, file);
            var design = scenario.Design!;
            long budget = evaluations ?? scenario.Solver?.Evaluations ?? 20_000;
            var runsOf = new List<(string Algorithm, List<PipeSizingOutcome> Runs)>();
            foreach (var algorithm in algorithms.Select(a => a.ToLowerInvariant()))
            {
                var runs = new List<PipeSizingOutcome>();
                for (ulong seed = firstSeed; seed < firstSeed + (ulong)seeds; seed++)
                {
                    var settings = new OptimizerSettings
                    {
                        Seed = seed,
                        MaxEvaluations = budget,
                        EvaluationCache = evaluationCache,
                        Parameters = Merge(scenario.Solver?.ParametersFor(algorithm), parameters?.GetValueOrDefault(algorithm)),
                    };
                    var outcome = PipeSizingRun.Execute(network, design, backend, algorithm, settings);
                    runs.Add(outcome);
                    onRun?.Invoke(scenario, algorithm, seed, outcome);
                }
                runsOf.Add((algorithm, runs));
            }
            // Without a published best-known cost, the least cost any algorithm and seed found here is the reference
            // for successes and hits, and the report says so.
            var reference = design.BestKnownCost is { } published
                ? new ComparisonReference(published, ComparisonReference.Published)
                : runsOf.SelectMany(a => a.Runs).Where(r => r.Result.FoundFeasible).Select(r => r.Result.Best.Cost).DefaultIfEmpty(double.NaN).Min() is var found && double.IsFinite(found)
                    ? new ComparisonReference(found, ComparisonReference.BestFoundHere)
                    : null;
            var options = scenario.Network.Options;
            foreach (var (algorithm, runs) in runsOf)
            {
                rows.Add(SolverComparisonRow.From(scenario.Name, algorithm, budget, reference, tolerance, runs)
                    with { Omega = options.Omega, Accuracy = options.Accuracy, MaxTrials = options.MaxTrials, CostUnit = scenario.Design?.CostUnit ?? "" });
            }
        }
        return rows;
    }

    /// <summary>The scenario's parameters for an algorithm with the comparison's own on top (the command line wins).</summary>
    private static Dictionary<string, double> Merge(IReadOnlyDictionary<string, double>? scenario, IReadOnlyDictionary<string, double>? given)
    {
        var merged = new Dictionary<string, double>(scenario ?? new Dictionary<string, double>(), StringComparer.Ordinal);
        foreach (var (name, value) in given ?? new Dictionary<string, double>()) merged[name] = value;
        return merged;
    }
}
