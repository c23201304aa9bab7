using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// The per-run evaluation cache (<see cref="OptimizerSettings.EvaluationCache"/>, kept by <see cref="RunTracker"/> for
/// every algorithm): a design the run has evaluated is never sent to the problem again and never counted again.
/// </summary>
public class EvaluationCacheTests
{
    private static readonly int[] A = [0, 0, 0, 0], B = [1, 2, 3, 4], C = [3, 8, 4, 9], D = [3, 1, 1, 4], E = [1, 1, 1, 1];
    // SeparableProblem(4)'s costs (squared distance to 3, 1, 2, 4): A 30, B 6, C 78, D 1, E 14.

    private static RunTracker Tracker(IProblem problem, long budget, bool cache) =>
        new("test", problem, new OptimizerSettings { MaxEvaluations = budget, EvaluationCache = cache }, null, CancellationToken.None);

    private static int[] Rows(params int[][] genomes) => genomes.SelectMany(g => g).ToArray();

    [Fact]
    public void A_repeated_design_is_evaluated_once_and_counted_once_within_a_batch_and_across_batches()
    {
        var problem = new SeparableProblem(4);
        var run = Tracker(problem, 100, cache: true);
        var results = new Evaluation[5];
        Assert.Equal(5, run.Evaluate(Rows(A, B, A, C, B), 5, results));
        // One call with the three distinct designs, in row order.
        Assert.Equal([3], problem.BatchSizes);
        Assert.Equal(Rows(A, B, C), problem.Genomes[0]);
        Assert.Equal(3, run.EvaluationsUsed);
        Assert.Equal(2, run.CacheHits);
        Assert.Equal(results[0], results[2]);
        Assert.Equal(results[1], results[4]);
        Assert.NotEqual(results[0], results[1]);

        // Across calls: C is answered from the cache, only D reaches the problem.
        var more = new Evaluation[2];
        Assert.Equal(2, run.Evaluate(Rows(C, D), 2, more));
        Assert.Equal([3, 1], problem.BatchSizes);
        Assert.Equal(Rows(D), problem.Genomes[1]);
        Assert.Equal(results[3], more[0]);
        Assert.Equal(4, run.EvaluationsUsed);
        Assert.Equal(3, run.CacheHits);
        Assert.Equal(problem.Evaluated, run.EvaluationsUsed);

        // A batch of known designs only: no call at all, nothing counted.
        Assert.Equal(3, run.Evaluate(Rows(A, D, B), 3, new Evaluation[3]));
        Assert.Equal(2, problem.BatchSizes.Count);
        Assert.Equal(4, run.EvaluationsUsed);
        Assert.Equal(6, run.CacheHits);
    }

    [Fact]
    public void Without_the_cache_every_row_is_evaluated_and_counted()
    {
        var problem = new SeparableProblem(4);
        var run = Tracker(problem, 100, cache: false);
        var results = new Evaluation[5];
        Assert.Equal(5, run.Evaluate(Rows(A, B, A, C, B), 5, results));
        Assert.Equal([5], problem.BatchSizes);
        Assert.Equal(5, run.EvaluationsUsed);
        Assert.Equal(0, run.CacheHits);
        Assert.Equal(results[0], results[2]);
    }

    [Fact]
    public void The_budget_counts_new_designs_only_and_the_history_indexes_distinct_evaluations()
    {
        var problem = new SeparableProblem(4);
        var run = Tracker(problem, 4, cache: true);
        var first = new Evaluation[3];
        run.Evaluate(Rows(C, C, B), 3, first);   // C is the 1st evaluation, B the 2nd
        Assert.Equal(2, run.EvaluationsUsed);
        // Budget 4: two new designs fit (E, D); the known ones around them are free; A, a third new one, does not.
        var rows = new Evaluation[6];
        int taken = run.Evaluate(Rows(B, E, C, D, B, A), 6, rows);
        Assert.Equal(5, taken);
        Assert.Equal(4, run.EvaluationsUsed);
        Assert.True(run.ShouldStop);
        Assert.Equal(Rows(E, D), problem.Genomes[1]);
        Assert.Equal(first[2], rows[0]);
        Assert.Equal(first[0], rows[2]);
        Assert.Equal(first[2], rows[4]);
        Assert.Equal(1.0, rows[3].Cost);
        Assert.False(rows[5].Valid);
        var result = run.Finish(new OptimizerSettings());
        // The history's indexes count distinct designs: C (78) at 1, B (6) at 2, D (1) at 4 — its row is the 7th asked for.
        Assert.Equal([new HistoryPoint(1, 78), new HistoryPoint(2, 6), new HistoryPoint(4, 1)], result.History);
        Assert.Equal(4, result.EvaluationsToBest);
        Assert.Equal(4, result.Evaluations);
        Assert.Equal(4, result.CacheHits); // C in the first call; B, C and B in the second
    }

    public static TheoryData<string> Algorithms => new() { "ga", "de", "cro", "gacoasa", "shade" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Every_algorithm_sends_each_design_once_and_counts_distinct_designs(string algorithm)
    {
        // A small catalog (4·9·5·10·6 = 10,800 designs), so converging populations propose designs they have seen.
        const int dim = 5;
        var cached = new SeparableProblem(dim);
        var plain = new SeparableProblem(dim);
        var settings = new OptimizerSettings { Seed = 4, MaxEvaluations = 300, Parameters = new Dictionary<string, double> { ["population"] = 20 } };
        var a = OptimizerCatalog.Create(algorithm).Run(cached, settings);
        var b = OptimizerCatalog.Create(algorithm).Run(plain, settings with { EvaluationCache = false });

        var seen = new HashSet<string>();
        foreach (var batch in cached.Genomes)
            for (int g = 0; g < batch.Length / dim; g++)
                Assert.True(seen.Add(string.Join(",", batch.Skip(dim * g).Take(dim))), $"{algorithm} sent a design twice");
        Assert.Equal(cached.Evaluated, a.Evaluations);
        Assert.Equal(seen.Count, a.Evaluations);
        Assert.True(a.CacheHits > 0, $"{algorithm}: no repeated design in the run");
        // The run ends with its budget spent, or once as many rows as the budget came from the cache (the search repeats itself).
        Assert.True(a.Evaluations == 300 || (a.Evaluations < 300 && a.CacheHits >= 300), $"{algorithm}: {a.Evaluations} evaluations, {a.CacheHits} hits");

        // Without the cache the same algorithm sends repeats and counts them.
        var plainSeen = plain.Genomes.SelectMany(batch => Enumerable.Range(0, batch.Length / dim).Select(g => string.Join(",", batch.Skip(dim * g).Take(dim)))).ToList();
        Assert.True(plainSeen.Distinct().Count() < plainSeen.Count);
        Assert.Equal(plain.Evaluated, b.Evaluations);
        Assert.Equal(0, b.CacheHits);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Until_the_first_repeat_the_run_is_the_run_without_the_cache_less_its_repeated_rows(string algorithm)
    {
        // The cache changes nothing but the repeats: up to the end of the first batch that repeats a design, the designs
        // sent with the cache are exactly those sent without it, repeats left out; then the budgets part ways.
        var cached = new CostedCapacityProblem();
        var plain = new CostedCapacityProblem();
        var settings = new OptimizerSettings { Seed = 3, MaxEvaluations = 3_000, Parameters = new Dictionary<string, double> { ["population"] = 20 } };
        OptimizerCatalog.Create(algorithm).Run(cached, settings);
        OptimizerCatalog.Create(algorithm).Run(plain, settings with { EvaluationCache = false });
        int dim = cached.Dimensions;
        string Key(int[] batch, int g) => string.Join(",", batch.Skip(g * dim).Take(dim));
        var seen = new HashSet<string>();
        var expected = new List<string>();
        bool repeated = false;
        foreach (var batch in plain.Genomes)
        {
            for (int g = 0; g < batch.Length / dim; g++)
            {
                string k = Key(batch, g);
                if (seen.Add(k)) expected.Add(k);
                else repeated = true;
            }
            if (repeated) break;
        }
        Assert.True(repeated, $"{algorithm}: no design repeated within 3,000 rows");
        var sent = cached.Genomes.SelectMany(batch => Enumerable.Range(0, batch.Length / dim).Select(g => Key(batch, g))).Take(expected.Count).ToList();
        Assert.Equal(expected, sent);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void A_run_on_a_problem_with_fewer_designs_than_the_budget_ends(string algorithm)
    {
        var problem = new SeparableProblem(1); // 4 designs
        var r = OptimizerCatalog.Create(algorithm).Run(problem, new OptimizerSettings
        {
            Seed = 2, MaxEvaluations = 1_000, Parameters = new Dictionary<string, double> { ["population"] = 10 },
        });
        Assert.Equal(4, r.Evaluations);
        Assert.Equal(4, problem.Evaluated);
        Assert.Equal(0.0, r.Best.Cost);
        Assert.True(r.CacheHits >= 1_000 || (algorithm == "gacoasa" && r.Generations > 0));
    }

    [Fact]
    public void The_cache_grows_past_its_first_size_and_finds_every_stored_design()
    {
        var cache = new EvaluationCache(3, 16);
        var rng = new Xoshiro256StarStar(9);
        var stored = new List<int[]>();
        for (int i = 0; i < 5_000; i++)
        {
            var g = new[] { rng.NextInt(40), rng.NextInt(40), rng.NextInt(40) };
            int e = cache.FindOrAdd(g, mayAdd: true, out bool added);
            if (!added) continue;
            cache[e] = new Evaluation(i, i, true);
            stored.Add(g);
        }
        Assert.Equal(stored.Count, cache.Count);
        Assert.True(stored.Count > 4_000);
        for (int i = 0; i < stored.Count; i++) Assert.Equal(i, cache.Find(stored[i]));
        Assert.Equal(-1, cache.Find([40, 0, 0]));
        // A stored design is found, not added again; a new one is not stored when adding is not allowed.
        Assert.Equal(7, cache.FindOrAdd(stored[7], mayAdd: true, out bool again));
        Assert.False(again);
        Assert.Equal(-1, cache.FindOrAdd([40, 0, 0], mayAdd: false, out bool addedNew));
        Assert.False(addedNew);
        Assert.Equal(stored.Count, cache.Count);
    }
}
