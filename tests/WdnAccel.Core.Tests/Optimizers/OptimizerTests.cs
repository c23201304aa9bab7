using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>Every algorithm against problems with known optima, and the contract every algorithm must keep.</summary>
public class OptimizerTests
{
    public static TheoryData<string> Algorithms => new() { "ga", "de", "cro", "gacoasa" };

    // The evaluation cache is off here: these tests pin each algorithm's own batches and calls (every row it asks
    // for reaches the problem); EvaluationCacheTests covers the cache.
    private static OptimizerResult Run(string algorithm, IProblem problem, long budget, ulong seed,
        double? target = null, IReadOnlyDictionary<string, double>? parameters = null) =>
        OptimizerCatalog.Create(algorithm).Run(problem, new OptimizerSettings
        {
            EvaluationCache = false,
            Seed = seed,
            MaxEvaluations = budget,
            TargetCost = target,
            Parameters = parameters ?? new Dictionary<string, double>(),
        });

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void FindsTheOptimumOfASeparableProblem(string algorithm)
    {
        foreach (ulong seed in new ulong[] { 1, 2, 3 })
        {
            var problem = new SeparableProblem(12);
            var result = Run(algorithm, problem, 30_000, seed);
            Assert.True(result.FoundFeasible);
            Assert.Equal(0.0, result.Best.Cost);
            Assert.Equal(problem.Targets, result.BestGenome);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void FindsTheBruteForceOptimumOfAConstrainedProblem(string algorithm)
    {
        var (optimum, argmin) = CapacityProblem.BruteForce();
        foreach (ulong seed in new ulong[] { 11, 12, 13 })
        {
            var result = Run(algorithm, new CapacityProblem(), 20_000, seed);
            Assert.True(result.FoundFeasible, $"seed {seed}: no feasible design");
            Assert.Equal(optimum, result.Best.Cost, 9);
            var (cost, loss) = CapacityProblem.Measure(result.BestGenome);
            Assert.Equal(result.Best.Cost, cost, 12);
            Assert.True(loss <= CapacityProblem.LossBudget);
            Assert.Equal(argmin, result.BestGenome);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void NeverReportsAnInvalidCandidate(string algorithm)
    {
        // Target of gene 0 is 3; the trap sits exactly there, so the best valid design has gene 0 at 2 or 4 (cost 1).
        var problem = new SeparableProblem(6) { TrapValue = 3 };
        Assert.Equal(3, problem.Targets[0]);
        var result = Run(algorithm, problem, 20_000, 5);
        Assert.True(result.Best.Valid);
        Assert.NotEqual(3, result.BestGenome[0]);
        Assert.Equal(1.0, result.Best.Cost);
        Assert.All(result.History, h => Assert.True(h.BestCost >= 1.0));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SameSeedSameRunDifferentSeedDifferentRun(string algorithm)
    {
        var a = Run(algorithm, new SeparableProblem(30), 3_000, 42);
        var b = Run(algorithm, new SeparableProblem(30), 3_000, 42);
        var c = Run(algorithm, new SeparableProblem(30), 3_000, 43);
        Assert.Equal(a.History, b.History);
        Assert.Equal(a.BestGenome, b.BestGenome);
        Assert.Equal(a.Evaluations, b.Evaluations);
        Assert.Equal(a.EvaluationsToBest, b.EvaluationsToBest);
        Assert.NotEqual(a.History, c.History);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void HistoryIsMonotoneAndEndsAtTheBest(string algorithm)
    {
        var result = Run(algorithm, new CapacityProblem(), 4_000, 7);
        Assert.NotEmpty(result.History);
        for (int i = 1; i < result.History.Count; i++)
        {
            Assert.True(result.History[i].BestCost < result.History[i - 1].BestCost);
            Assert.True(result.History[i].Evaluations > result.History[i - 1].Evaluations);
        }
        Assert.Equal(result.Best.Cost, result.History[^1].BestCost);
        Assert.Equal(result.EvaluationsToBest, result.History[^1].Evaluations);
        Assert.True(result.History[^1].Evaluations <= result.Evaluations);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void RespectsTheBudgetAndCallsEvaluateOncePerGeneration(string algorithm)
    {
        var problem = new SeparableProblem(10);
        const long budget = 1_037; // not a multiple of any batch size
        var result = Run(algorithm, problem, budget, 9, parameters: new Dictionary<string, double> { ["population"] = 40 });
        Assert.Equal(StopReason.EvaluationBudget, result.StopReason);
        Assert.Equal(budget, result.Evaluations);
        Assert.Equal(problem.Evaluated, result.Evaluations);
        Assert.Equal(problem.BatchSizes.Count, result.EvaluateCalls);
        int initialCalls = algorithm == "gacoasa"
            ? (int)Math.Ceiling(Math.Floor(0.25 * budget) / 2_000.0) // pool: max_pool_share of the budget, pool_batch per call
            : 1;                                                   // initial population
        Assert.Equal(result.Generations + initialCalls, result.EvaluateCalls);
        // Whole-population batches: every generation's call but the budget-truncated last one has the full size.
        int expected = algorithm switch { "ga" => 40 - 2, "de" => 40, "gacoasa" => 80, _ => -1 };
        // DE's local search (default on) appends at most D one-step-smaller neighbours of the best feasible member
        // (SeparableProblem has no ICostedProblem, so no swap rows).
        int extra = algorithm == "de" ? problem.Dimensions : 0;
        if (expected > 0)
            Assert.All(problem.BatchSizes.Skip(initialCalls).SkipLast(1), s => Assert.InRange(s, expected, expected + extra));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void StopsAtTheTargetAndRecordsWhenItWasReached(string algorithm)
    {
        var problem = new SeparableProblem(8) { Watch = 0.0 };
        var result = Run(algorithm, problem, 50_000, 3, target: 0.0);
        Assert.Equal(StopReason.TargetReached, result.StopReason);
        Assert.NotNull(result.EvaluationsToTarget);
        Assert.Equal(problem.FirstAtOrBelowWatch, result.EvaluationsToTarget);
        Assert.True(result.Evaluations < 50_000);
        Assert.Equal(0.0, result.Best.Cost);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void ReportsProgressAndHonoursCancellation(string algorithm)
    {
        using var cts = new CancellationTokenSource();
        var reports = new List<ProgressReport>();
        var progress = new SynchronousProgress(r => { reports.Add(r); if (r.Generation >= 3) cts.Cancel(); });
        var result = OptimizerCatalog.Create(algorithm).Run(new SeparableProblem(10),
            new OptimizerSettings { Seed = 1, MaxEvaluations = 1_000_000 }, progress, cts.Token);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
        Assert.Equal(3, result.Generations);
        Assert.True(result.Evaluations < 1_000_000);
        Assert.Equal(result.Evaluations, reports[^1].Evaluations);
        for (int i = 1; i < reports.Count; i++) Assert.True(reports[i].Evaluations >= reports[i - 1].Evaluations);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void ReportsTheSettingsItUsedAndRejectsBadParameters(string algorithm)
    {
        var optimizer = OptimizerCatalog.Create(algorithm);
        var result = optimizer.Run(new SeparableProblem(4), new OptimizerSettings { MaxEvaluations = 200, PopulationSize = 10 });
        Assert.Equal(10, result.Settings.PopulationSize);
        Assert.Equal(10.0, result.Settings.Parameters["population"]);
        foreach (var spec in optimizer.Parameters)
            Assert.True(result.Settings.Parameters.ContainsKey(spec.Name), spec.Name);

        var unknown = Assert.Throws<ArgumentException>(() => optimizer.Run(new SeparableProblem(4),
            new OptimizerSettings { Parameters = new Dictionary<string, double> { ["no_such_knob"] = 1 } }));
        Assert.Contains("no_such_knob", unknown.Message);
        var nan = Assert.Throws<ArgumentException>(() => optimizer.Run(new SeparableProblem(4),
            new OptimizerSettings { Parameters = new Dictionary<string, double> { ["population"] = double.NaN } }));
        Assert.Contains("population", nan.Message);
        Assert.Throws<ArgumentException>(() => optimizer.Run(new SeparableProblem(4), new OptimizerSettings { PopulationSize = 1 }));
        Assert.Throws<ArgumentException>(() => optimizer.Run(new SeparableProblem(4), new OptimizerSettings { MaxEvaluations = 0 }));
    }

    [Fact]
    public void CatalogKnowsTheFourAlgorithmsAndRejectsOthers()
    {
        Assert.Equal(["ga", "de", "cro", "gacoasa", "shade"], OptimizerCatalog.Names);
        Assert.IsType<GaCoaSa>(OptimizerCatalog.Create("GA-COA-SA"));
        Assert.IsType<DifferentialEvolution>(OptimizerCatalog.Create("de"));
        var e = Assert.Throws<ArgumentException>(() => OptimizerCatalog.Create("pso"));
        Assert.Contains("pso", e.Message);
    }

    [Fact]
    public void GaCoaSaStopsAtItsGenerationLimit()
    {
        var problem = new SeparableProblem(10);
        var result = Run("gacoasa", problem, 1_000_000, 1, parameters: new Dictionary<string, double>
        {
            ["generations"] = 5, ["initial_pool"] = 500, ["pool_batch"] = 200, ["population"] = 20,
        });
        Assert.Equal(StopReason.GenerationLimit, result.StopReason);
        Assert.Equal(5, result.Generations);
        // Pool in batches of 200, 200, 100; then 5 generations of 2 × 20.
        Assert.Equal([200, 200, 100, 40, 40, 40, 40, 40], problem.BatchSizes);
    }

    [Fact]
    public void GaCoaSaStartsFromTheBestFeasibleCandidatesOfItsPool()
    {
        // τ = 0 makes the chaotic neighbours exact copies of the population, so the second batch's last n rows
        // show the initial population: it must be the n lowest-fitness feasible candidates of the pool.
        const int n = 10;
        var problem = new RareFeasibilityProblem();
        var result = Run("gacoasa", problem, 1_000_000, 4, parameters: new Dictionary<string, double>
        {
            ["population"] = n, ["initial_pool"] = 5_000, ["pool_batch"] = 5_000, ["generations"] = 1, ["tau"] = 0,
        });
        Assert.Equal([5_000, 2 * n], problem.BatchSizes);
        var pool = problem.Calls[0];
        Assert.True(pool.Count(e => e.Feasible) >= n, "the pool should hold at least n feasible designs");
        var expected = pool.Where(e => e.Feasible).Select(e => e.Fitness).Order().Take(n).ToArray();
        var initial = problem.Calls[1].Skip(n).Select(e => e.Fitness).Order().ToArray();
        Assert.All(problem.Calls[1].Skip(n), e => Assert.True(e.Feasible));
        Assert.Equal(expected, initial);
        Assert.True(result.FoundFeasible);
    }

    private sealed class SynchronousProgress(Action<ProgressReport> handler) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value) => handler(value);
    }
}
