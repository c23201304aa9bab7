using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Tests.Support;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// <c>shade</c>: success-history DE with Deb's feasibility rules, de's greedy descent and restarts on stagnation.
/// </summary>
public class ShadeTests
{
    // The evaluation cache is off in Run and (unless asked) in RunScenario: these tests pin shade's own batches, calls and
    // per-seed counts as measured before the cache; EvaluationCacheTests covers the cache.
    private static OptimizerResult Run(IProblem problem, long budget, ulong seed, Dictionary<string, double>? parameters = null, Shade? shade = null) =>
        (shade ?? new Shade()).Run(problem, new OptimizerSettings
        {
            EvaluationCache = false,
            Seed = seed,
            MaxEvaluations = budget,
            Parameters = parameters ?? new Dictionary<string, double> { ["population"] = 20 },
        });

    [Fact]
    public void Catalog_creates_it_by_name()
    {
        Assert.IsType<Shade>(OptimizerCatalog.Create("SHADE"));
        Assert.Contains("shade", OptimizerCatalog.Names);
    }

    [Fact]
    public void Same_seed_gives_the_same_run_and_another_seed_another()
    {
        var a = Run(new CostedCapacityProblem(), 3_000, 11);
        var b = Run(new CostedCapacityProblem(), 3_000, 11);
        var c = Run(new CostedCapacityProblem(), 3_000, 12);
        Assert.Equal(a.BestGenome, b.BestGenome);
        Assert.Equal(a.History, b.History);
        Assert.Equal(a.EvaluationsToBest, b.EvaluationsToBest);
        Assert.NotEqual(a.History, c.History);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Finds_the_brute_forced_optimum_with_one_call_per_generation_and_an_exact_budget(ulong seed)
    {
        var (optimum, _) = CapacityProblem.BruteForce();
        var problem = new CostedCapacityProblem();
        var r = Run(problem, 4_037, seed);
        Assert.True(r.Best.Feasible);
        Assert.Equal(optimum, r.Best.Cost, 9);
        Assert.Equal(r.Generations + 1, r.EvaluateCalls);
        Assert.Equal(problem.BatchSizes.Count, r.EvaluateCalls);
        Assert.Equal(4_037, problem.Evaluated);
        Assert.Equal(4_037, r.Evaluations);
    }

    [Theory]
    [InlineData("nope", 1)]
    [InlineData("memory", 0)]
    [InlineData("p_max", 1.5)]
    [InlineData("archive", -1)]
    [InlineData("f_init", double.NaN)]
    [InlineData("cr_init", double.PositiveInfinity)]
    [InlineData("constraint", 3)]
    [InlineData("eps_theta", 1.5)]
    [InlineData("eps_cp", -1)]
    [InlineData("eps_share", double.NaN)]
    [InlineData("local_search", -0.5)]
    [InlineData("restart", -1)]
    [InlineData("restart_spread", double.NaN)]
    [InlineData("restart_keep", 3)]
    [InlineData("population", 3)]
    [InlineData("pair_moves", 4)]
    [InlineData("pair_cap", -1)]
    [InlineData("ruin_recreate", -1)]
    [InlineData("ruin_after", 2)]
    [InlineData("ruin_rate", -0.1)]
    [InlineData("ruin_share", double.PositiveInfinity)]
    [InlineData("ruin_slack", -1)]
    [InlineData("ruin_steps", -1)]
    [InlineData("ruin_take", 2)]
    [InlineData("ruin_ties", -1)]
    [InlineData("ruin_far", -1)]
    [InlineData("np_min", -1)]
    [InlineData("opposition", 2)]
    [InlineData("restart_cap", 1.5)]
    [InlineData("restart_radius", 1.5)]
    [InlineData("restart_around", double.NaN)]
    [InlineData("restart_after_eps", -1)]
    [InlineData("restart_eps", 2)]
    public void Bad_parameters_are_refused_by_name(string name, double value)
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Run(new CostedCapacityProblem(), 100, 1, new Dictionary<string, double> { [name] = value }));
        Assert.Contains($"'{name}'", ex.Message);
    }

    [Fact]
    public void Adapted_F_stays_in_0_1_and_CR_in_0_1_whatever_the_memories_learn()
    {
        var rng = new Xoshiro256StarStar(7);
        var memory = new ShadeMemory(3, 0.5, 0.5);
        for (int generation = 0; generation < 200; generation++)
        {
            for (int k = 0; k < 50; k++)
            {
                var (f, cr) = memory.Sample(rng);
                Assert.InRange(f, double.Epsilon, 1.0);
                Assert.InRange(cr, 0.0, 1.0);
                // Successes pushed to the extremes: F and CR at the top early, at the bottom later.
                bool high = generation < 100;
                memory.AddSuccess(high ? 1.0 : 1e-6, high ? 1.0 : 0.0, generation % 7 == 0 ? double.NaN : k + 1);
            }
            memory.Update();
            foreach (var m in memory.MemoryF) Assert.InRange(m, 0.0, 1.0);
            foreach (var m in memory.MemoryCr) Assert.InRange(m, 0.0, 1.0);
        }
        Assert.True(memory.MemoryF[0] < 0.01 && memory.MemoryCr[0] == 0.0, "the memories follow the successes");
        memory.Reset();
        Assert.Equal([0.5, 0.5, 0.5], memory.MemoryF.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Restarts_redraw_the_population_in_one_call_and_keep_the_best(int keep)
    {
        const int n = 20;
        var problem = new CostedCapacityProblem();
        var shade = new Shade();
        var r = Run(problem, 5_000, 3, new Dictionary<string, double>
        {
            ["population"] = n, ["restart"] = 2, ["restart_keep"] = keep, ["local_search"] = 0,
        }, shade);
        Assert.True(shade.Restarts > 0);
        // Without the local search every trial generation is n rows; a restart is n − 1 (best kept) or n rows.
        int redraws = problem.BatchSizes.Take(problem.BatchSizes.Count - 1).Count(s => s == n - 1); // the last may be cut by the budget
        Assert.InRange(redraws, keep == 1 ? shade.Restarts - 1 : 0, keep == 1 ? shade.Restarts : 0);
        Assert.All(problem.BatchSizes, s => Assert.True(s <= n));
        Assert.Equal(r.Generations + 1, r.EvaluateCalls);
        // The reported best is the best of every evaluation, restarts or not.
        double cheapest = problem.Calls.SelectMany(c => c).Where(e => e.Feasible).Min(e => e.Cost);
        Assert.Equal(cheapest, r.Best.Cost);
        for (int i = 1; i < r.History.Count; i++) Assert.True(r.History[i].BestCost < r.History[i - 1].BestCost);
    }

    [Fact]
    public void Feasibility_rules_rank_feasible_by_cost_then_infeasible_by_violation()
    {
        var feasibleDear = new Evaluation(500, 500, true);
        var feasibleCheap = new Evaluation(400, 400, true);
        var slightlyInfeasible = new Evaluation(390 + 5, 390, false);   // violation 5
        var veryInfeasible = new Evaluation(100 + 900, 100, false);     // violation 900, lower... fitness higher
        var cheapButFarOut = new Evaluation(350, 10, false);            // violation 340, lowest fitness
        Assert.True(Shade.Compare(feasibleCheap, feasibleDear, true) < 0);
        Assert.True(Shade.Compare(feasibleDear, slightlyInfeasible, true) < 0);
        Assert.True(Shade.Compare(slightlyInfeasible, cheapButFarOut, true) < 0);
        Assert.True(Shade.Compare(cheapButFarOut, veryInfeasible, true) < 0);
        Assert.True(Shade.Compare(veryInfeasible, Evaluation.Invalid, true) < 0);
        // Penalized fitness instead: the far-out cheap design wins over the feasible ones.
        Assert.True(Shade.Compare(cheapButFarOut, feasibleCheap, false) < 0);
    }

    [Fact]
    public void Epsilon_level_compares_designs_within_epsilon_by_cost_and_the_others_by_violation()
    {
        var feasibleDear = new Evaluation(500, 500, true);
        var slightlyInfeasibleCheap = new Evaluation(390 + 5, 390, false);  // violation 5
        var moreInfeasibleCheaper = new Evaluation(300 + 20, 300, false);   // violation 20
        var farOut = new Evaluation(10 + 340, 10, false);                   // violation 340
        // ε = 10: the slightly infeasible cheap design beats the dearer feasible one (Deb's rules say the opposite).
        Assert.True(Shade.Compare(slightlyInfeasibleCheap, feasibleDear, true, 10) < 0);
        Assert.True(Shade.Compare(slightlyInfeasibleCheap, feasibleDear, true) > 0);
        // Violation 20 is beyond ε = 10: it loses to both, although it is the cheapest of the three.
        Assert.True(Shade.Compare(moreInfeasibleCheaper, feasibleDear, true, 10) > 0);
        Assert.True(Shade.Compare(moreInfeasibleCheaper, slightlyInfeasibleCheap, true, 10) > 0);
        // ε = 25 takes it in, and then the cost decides.
        Assert.True(Shade.Compare(moreInfeasibleCheaper, slightlyInfeasibleCheap, true, 25) < 0);
        Assert.True(Shade.Compare(farOut, moreInfeasibleCheaper, true, 25) > 0);
        Assert.True(Shade.Compare(farOut, Evaluation.Invalid, true, 1e9) < 0);
        Assert.True(Shade.Compare(Evaluation.Invalid, farOut, true, 1e9) > 0);
        // ε = 0 is Deb's rules exactly.
        var all = new[] { feasibleDear, slightlyInfeasibleCheap, moreInfeasibleCheaper, farOut, new Evaluation(400, 400, true) };
        foreach (var a in all)
            foreach (var b in all)
                Assert.Equal(Math.Sign(Shade.Compare(a, b, true)), Math.Sign(Shade.Compare(a, b, true, 0)));
    }

    [Fact]
    public void Epsilon_constraint_runs_are_reproducible_per_seed_and_differ_from_the_feasibility_rules()
    {
        var eps = new Dictionary<string, double> { ["population"] = 20, ["constraint"] = 2, ["eps_share"] = 0.5 };
        var rules = new Dictionary<string, double> { ["population"] = 20, ["constraint"] = 1 };
        var a = Run(new CostedCapacityProblem(), 3_000, 5, eps);
        var b = Run(new CostedCapacityProblem(), 3_000, 5, eps);
        var c = Run(new CostedCapacityProblem(), 3_000, 5, rules);
        Assert.Equal(a.BestGenome, b.BestGenome);
        Assert.Equal(a.History, b.History);
        Assert.NotEqual(a.History, c.History);
        // The run's best is feasible whatever the ε level let into the population.
        Assert.True(a.Best.Feasible);
        var (optimum, _) = CapacityProblem.BruteForce();
        Assert.Equal(optimum, a.Best.Cost, 9);
    }

    private static OptimizerResult RunScenario(string name, ulong seed, long budget, double target, Dictionary<string, double>? parameters = null, bool cache = false)
    {
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", name + ".wdn")).Scenario;
        var compiled = CompiledNetwork.Compile(scenario.Network, scenario.Design!);
        using var problem = new PipeSizingProblem(compiled, scenario.Design!, new SimdBackend(2));
        return new Shade().Run(problem, new OptimizerSettings
        {
            Seed = seed, MaxEvaluations = budget, TargetCost = target, TargetTolerance = 0.001, EvaluationCache = cache,
            Parameters = parameters ?? new Dictionary<string, double>(),
        });
    }

    [Fact]
    public void Hanoi_with_the_epsilon_constraint_reaches_the_target_in_eight_of_seeds_1_to_10_without_ruin_and_recreate_in_six_and_with_the_rules_in_three()
    {
        // Measured with the defaults (NP 80, chosen on seeds 101..500; ε phase Tc = 40 % of the budget, cp = 10 since
        // 6 Dec 2026, fifth pass; docs/optimizers.md, "Reaching the targets"), every row counted (no cache): within
        // 0.1 % of 6,081,087 $ at 50,000 evaluations in 8 of seeds 1..10 with ruin and recreate (the default since
        // 6 Dec 2026), 6 without it. Without it, the same settings with Deb's rules (constraint = 1) get 3: fails if
        // the ε level stops helping. The counts without ruin and recreate are sensitive to rounding: they were 7 and 5
        // before Hanoi's hydraulics took the loop-flow form (same iterates, heads equal to ~1e-12 m).
        var noRuin = new Dictionary<string, double> { ["ruin_recreate"] = 0 };
        var rulesNoRuin = new Dictionary<string, double> { ["ruin_recreate"] = 0, ["constraint"] = 1 };
        int withDefaults = 0, withEps = 0, withRules = 0;
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var r = RunScenario("HAN", seed, 50_000, 6_081_087);
            Assert.True(r.Best.Feasible);
            if (r.EvaluationsToTarget is not null) withDefaults++;
            var e = RunScenario("HAN", seed, 50_000, 6_081_087, noRuin);
            if (e.EvaluationsToTarget is not null) withEps++;
            var d = RunScenario("HAN", seed, 50_000, 6_081_087, rulesNoRuin);
            if (d.EvaluationsToTarget is not null) withRules++;
        }
        Assert.Equal(8, withDefaults);
        Assert.Equal(6, withEps);
        Assert.Equal(3, withRules);
    }

    [Fact]
    public void New_York_with_the_defaults_reaches_the_target_in_all_of_seeds_1_to_5_and_with_the_former_population_in_four()
    {
        // NP 80 (the default since 6 Dec 2026) against the former NP 50, everything else default: within 0.1 % of
        // the published 38.64 M$ at 20,000 evaluations in 5 of seeds 1..5 against 4 (seed 1 stops at 38,814,246 $,
        // +0.45 %, with NP 50).
        int withDefaults = 0, withNp50 = 0;
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var a = RunScenario("NYT", seed, 20_000, 38_640_000);
            Assert.True(a.Best.Feasible);
            if (a.EvaluationsToTarget is not null) withDefaults++;
            var b = RunScenario("NYT", seed, 20_000, 38_640_000, new Dictionary<string, double> { ["population"] = 50 });
            if (b.EvaluationsToTarget is not null) withNp50++;
        }
        Assert.Equal(5, withDefaults);
        Assert.Equal(4, withNp50);
    }

    [Fact]
    public void Two_loop_with_the_defaults_reaches_419000_in_all_of_seeds_1_to_10_with_the_previous_walk_in_nine_and_without_ruin_and_recreate_in_six()
    {
        // Defaults (NP 80, ε-constraint with Tc = 40 % of the budget and cp = 10, ruin and recreate with ruin_ties and
        // ruin_far 3), every row counted (no cache): 419,000 $ within 10,000 evaluations in 10 of seeds 1..10 (with the
        // ε phase before 6 Dec 2026's fifth pass, Tc 25 % and cp 8: 8, seeds 2 and 7 at the 420,000 $ local optimum).
        // The walk before ruin_ties and ruin_far (both 0) gets 9 (7 with the former ε phase); without ruin and
        // recreate (the defaults before 6 Dec 2026) 6 of 10, the others at 420,000 $.
        int hits = 0, hitsOldWalk = 0, hitsNoRuin = 0;
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var r = RunScenario("TLN", seed, 10_000, 419_000);
            Assert.True(r.Best.Feasible);
            Assert.True(r.Best.Cost <= 420_000 + 1e-6, $"seed {seed}: {r.Best.Cost:F0} after {r.Evaluations} evaluations");
            if (r.Best.Cost <= 419_000 + 1e-6) hits++;
            var w = RunScenario("TLN", seed, 10_000, 419_000, new Dictionary<string, double> { ["ruin_ties"] = 0, ["ruin_far"] = 0 });
            Assert.True(w.Best.Cost <= 424_000 + 1e-6, $"seed {seed}: {w.Best.Cost:F0} after {w.Evaluations} evaluations");
            if (w.Best.Cost <= 419_000 + 1e-6) hitsOldWalk++;
            var o = RunScenario("TLN", seed, 10_000, 419_000, new Dictionary<string, double> { ["ruin_recreate"] = 0 });
            Assert.True(o.Best.Cost <= 420_000 + 1e-6, $"seed {seed}: {o.Best.Cost:F0} after {o.Evaluations} evaluations");
            if (o.Best.Cost <= 419_000 + 1e-6) hitsNoRuin++;
        }
        Assert.Equal(10, hits);
        Assert.Equal(9, hitsOldWalk);
        Assert.Equal(6, hitsNoRuin);
    }

    [Fact]
    public void Two_loop_with_the_evaluation_cache_reaches_419000_in_all_of_seeds_1_to_10()
    {
        // The evaluation cache (on by default since 6 Dec 2026, fourth pass) gives the rows that repeat a design back to
        // the search: 419,000 $ within 10,000 distinct evaluations in 10 of seeds 1..10 (with the ε phase before the
        // fifth pass, Tc 25 % and cp 8, 8 without it; seeds 2 and 7 then end at 420,000 $). Some rows are answered
        // from the cache.
        int hits = 0;
        long repeats = 0;
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var r = RunScenario("TLN", seed, 10_000, 419_000, cache: true);
            repeats += r.CacheHits;
            if (r.Best.Cost <= 419_000 + 1e-6) hits++;
        }
        Assert.Equal(10, hits);
        Assert.True(repeats > 0);
    }

    [Fact]
    public void Two_loop_with_the_feasibility_rules_set_reaches_419000_in_four_of_seeds_1_to_5_and_never_ends_above_420000()
    {
        // The former defaults (NP 50, Deb's rules, archive 1, cr_init 0.5, restart after 100 stalled generations, no ruin and recreate)
        // stay available by parameters: 419,000 $ within 10,000 evaluations in 4 of seeds 1..5, the other at the
        // 420,000 $ local optimum. de with TLN's solver block gets 2 of seeds 1..5.
        var rules = new Dictionary<string, double> { ["population"] = 50, ["constraint"] = 1, ["cr_init"] = 0.5, ["restart"] = 100, ["ruin_recreate"] = 0 };
        int hits = 0;
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var r = RunScenario("TLN", seed, 10_000, 419_000, rules);
            Assert.True(r.Best.Feasible);
            Assert.True(r.Best.Cost <= 420_000 + 1e-6, $"seed {seed}: {r.Best.Cost:F0} after {r.Evaluations} evaluations");
            if (r.Best.Cost <= 419_000 + 1e-6) hits++;
        }
        Assert.Equal(4, hits);
    }

    /// <summary>
    /// Three genes, catalog 0..4, cost = sum of the indices; feasible only when gene 0 equals gene 1 and gene 2 is 2.
    /// From (2, 2, 2) every one-step-smaller design is infeasible and no swap (one down, one up) is cheaper, but the
    /// pair move (1, 1, 2), both genes down, is feasible and cheaper.
    /// </summary>
    private sealed class PairOnlyProblem : ICostedProblem
    {
        public int Dimensions => 3;
        public int Options(int dimension) => 5;
        public double Cost(ReadOnlySpan<int> g) => g[0] + g[1] + g[2];
        public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
        {
            for (int k = 0; k < count; k++)
            {
                var g = genomes.Slice(k * 3, 3);
                bool ok = g[0] == g[1] && g[2] == 2;
                double c = Cost(g);
                results[k] = new Evaluation(ok ? c : c + 100, c, ok);
            }
        }
    }

    private static int[] Descend(GreedyDescent descent, IProblem problem, int[] member, out int passes)
    {
        var pop = (int[])member.Clone();
        var evals = new Evaluation[1];
        problem.Evaluate(pop, 1, evals);
        var rows = new int[descent.MaxRows * 3];
        var rowEvals = new Evaluation[descent.MaxRows];
        passes = 0;
        while (passes < 20)
        {
            int count = descent.Prepare(pop, evals, 1, rows, out int slot);
            if (slot < 0) break;
            passes++;
            problem.Evaluate(rows, count, rowEvals);
            descent.Apply(pop, evals, slot, rows, rowEvals, count, count);
        }
        return pop;
    }

    [Fact]
    public void Pair_moves_find_an_improvement_the_one_step_and_swap_descent_cannot()
    {
        var problem = new PairOnlyProblem();
        int[] opts = [5, 5, 5];
        var plain = Descend(new GreedyDescent(3, opts, problem), problem, [2, 2, 2], out int plainPasses);
        Assert.Equal([2, 2, 2], plain);  // a local minimum of the one-step-smaller and swap neighbourhoods
        Assert.Equal(2, plainPasses);    // down, then swap, then it idles
        var withPairs = new GreedyDescent(3, opts, problem, pairSteps: 1);
        var better = Descend(withPairs, problem, [2, 2, 2], out _);
        Assert.Equal([0, 0, 2], better); // (1, 1, 2) by a pair move, then (0, 0, 2) by another
        Assert.Equal(2, withPairs.PairImprovements);
        // Capped at one row per generation the ordered list is walked across generations to the same answer.
        var capped = new GreedyDescent(3, opts, problem, pairSteps: 1, pairCap: 1);
        Assert.Equal([0, 0, 2], Descend(capped, problem, [2, 2, 2], out _));
    }

    [Fact]
    public void Pair_moves_keep_one_call_per_generation_an_exact_budget_and_reproducible_runs()
    {
        var prm = new Dictionary<string, double> { ["population"] = 20, ["pair_moves"] = 2, ["pair_cap"] = 7 };
        var problem = new CostedCapacityProblem();
        var shade = new Shade();
        var a = Run(problem, 4_037, 5, prm, shade);
        Assert.True(shade.PairMoves.Rows > 0);
        Assert.Equal(a.Generations + 1, a.EvaluateCalls);
        Assert.Equal(problem.BatchSizes.Count, a.EvaluateCalls);
        Assert.Equal(4_037, problem.Evaluated);
        var b = Run(new CostedCapacityProblem(), 4_037, 5, prm);
        Assert.Equal(a.BestGenome, b.BestGenome);
        Assert.Equal(a.History, b.History);
    }
}
