using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;
using WdnAccel.Core.Tests.Support;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// <c>shade</c>'s ways out of a local minimum, all off by default (docs/optimizers.md, "Escaping local minima"):
/// ruin-and-recreate chains, opposition-based initialization, and the restart variants (cost cap, sequential
/// niching, re-seeding around the best, a new ε phase).
/// </summary>
public class ShadeEscapeTests
{
    /// <summary>
    /// Three genes, catalog 0..4, cost 2·x0 + 2·x1 + 1.5·x2. Feasible when x0 ≥ 2 and x1 ≥ 2 (way A) or x2 ≥ 3 (way B);
    /// violation min(deficit of A, 0.4 × deficit of B). (2, 2, 0) at 8 is a local minimum of the one-step-smaller and
    /// swap moves; the cheapest design is (0, 0, 3) at 4.5, three genes away.
    /// </summary>
    private sealed class TwoWaysProblem : ICostedProblem
    {
        public int Dimensions => 3;
        public int Options(int dimension) => 5;
        public double Cost(ReadOnlySpan<int> g) => 2.0 * g[0] + 2.0 * g[1] + 1.5 * g[2];
        public static double Violation(ReadOnlySpan<int> g) =>
            Math.Min(Math.Max(0, 2 - g[0]) + Math.Max(0, 2 - g[1]), 0.4 * Math.Max(0, 3 - g[2]));
        public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
        {
            for (int k = 0; k < count; k++)
            {
                var g = genomes.Slice(k * 3, 3);
                double v = Violation(g), c = Cost(g);
                results[k] = new Evaluation(c + 100 * v, c, v == 0);
            }
        }
    }

    [Fact]
    public void Ruin_and_recreate_leaves_a_local_minimum_of_the_descent_for_a_cheaper_design_three_genes_away()
    {
        var problem = new TwoWaysProblem();
        int[] opts = [5, 5, 5];
        int[] member = [2, 2, 0];
        // The greedy descent cannot improve it: it ends on it and marks it a local minimum.
        var descent = new GreedyDescent(3, opts, problem);
        var pop = (int[])member.Clone();
        var evals = new Evaluation[1];
        problem.Evaluate(pop, 1, evals);
        var rows = new int[descent.MaxRows * 3];
        var rowEvals = new Evaluation[descent.MaxRows];
        for (int pass = 0; pass < 5; pass++)
        {
            int count = descent.Prepare(pop, evals, 1, rows, out int slot);
            if (slot < 0) break;
            problem.Evaluate(rows, count, rowEvals);
            descent.Apply(pop, evals, slot, rows, rowEvals, count, count);
        }
        Assert.Equal(member, pop);
        Assert.Equal(member, descent.LocalMinimum);

        // The chains: ruining gene 0 (or 1) repairs along way B — (0, 2, 1), (0, 2, 2), (0, 2, 3) — and descends to
        // (0, 1, 3) and (0, 0, 3), 4.5 < 8; ruining gene 2 (already 0) starts no chain.
        var ruin = new RuinRecreate(3, opts, problem, maxChains: 2);
        var ruinRows = new int[ruin.MaxRows * 3];
        var ruinEvals = new Evaluation[ruin.MaxRows];
        var found = new int[3];
        Evaluation e = default;
        bool improved = false;
        for (int generation = 0; generation < 20 && !improved; generation++)
        {
            int count = ruin.Prepare(member, problem.Cost(member), ruinRows);
            if (count == 0) break;
            problem.Evaluate(ruinRows, count, ruinEvals);
            improved = ruin.Apply(ruinRows, ruinEvals, count, found, out e);
        }
        Assert.True(improved);
        Assert.Equal([0, 0, 3], found);
        Assert.Equal(4.5, e.Cost);
        Assert.True(e.Feasible);
        Assert.Equal(1, ruin.Improvements);
    }

    [Fact]
    public void On_two_loop_the_walk_leaves_the_common_420000_local_minimum_for_419000()
    {
        // The 420,000 $ design most missing runs ended on before ruin and recreate (18, 14, 14, 1, 14, 6, 14, 10 in;
        // catalog indices 10, 8, 8, 0, 8, 4, 8, 6) differs from the 419,000 $ optimum in seven of the eight pipes. No
        // chain of its own ends below it; the walk goes on from the cheapest chain ends (dearer local minima) and
        // reaches 419,000 $ — the only cheaper feasible design — with the default chain settings (4 recreate steps,
        // 15 % slack) in a few thousand rows.
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", "TLN.wdn")).Scenario;
        var compiled = CompiledNetwork.Compile(scenario.Network, scenario.Design!);
        using var problem = new PipeSizingProblem(compiled, scenario.Design!, new SimdBackend(2));
        int dim = problem.Dimensions;
        var opts = Enumerable.Range(0, dim).Select(problem.Options).ToArray();
        int[] start = [10, 8, 8, 0, 8, 4, 8, 6];
        Assert.Equal(420_000, problem.Cost(start), 6);
        var ruin = new RuinRecreate(dim, opts, problem, maxChains: 20, slack: 0.15, maxSteps: 4);
        var rows = new int[ruin.MaxRows * dim];
        var rowEvals = new Evaluation[ruin.MaxRows];
        var found = new int[dim];
        Evaluation e = default;
        bool improved = false;
        for (int generation = 0; generation < 500 && !improved; generation++)
        {
            int count = ruin.Prepare(start, 420_000, rows);
            if (count == 0) break;
            problem.Evaluate(rows, count, rowEvals);
            improved = ruin.Apply(rows, rowEvals, count, found, out e);
        }
        Assert.True(improved, $"no improvement after {ruin.RowsEvaluated} rows and {ruin.Centres} centres");
        Assert.True(e.Feasible);
        Assert.Equal(419_000, e.Cost, 6);
        Assert.Equal(419_000, problem.Cost(found), 6);
        Assert.InRange(ruin.Centres, 2, 20);        // it had to cross at least one dearer local minimum
        Assert.InRange(ruin.RowsEvaluated, 1, 5_000);
    }

    [Fact]
    public void Ruin_take_makes_the_first_chain_row_below_the_local_minimum_the_improvement()
    {
        // From (2, 2, 0) at 8 the chain that ruins gene 0 recreates (0, 2, 3) at 8.5 and descends through (0, 1, 3) at
        // 6.5 to (0, 0, 3) at 4.5. Without ruin_take the walk reports the chain's end; with it, the first row below 8.
        var problem = new TwoWaysProblem();
        int[] opts = [5, 5, 5];
        int[] member = [2, 2, 0];
        foreach (bool take in new[] { false, true })
        {
            var ruin = new RuinRecreate(3, opts, problem, maxChains: 2, takeAny: take);
            var rows = new int[ruin.MaxRows * 3];
            var rowEvals = new Evaluation[ruin.MaxRows];
            var found = new int[3];
            Evaluation e = default;
            bool improved = false;
            for (int generation = 0; generation < 20 && !improved; generation++)
            {
                int count = ruin.Prepare(member, problem.Cost(member), rows);
                problem.Evaluate(rows, count, rowEvals);
                improved = ruin.Apply(rows, rowEvals, count, found, out e);
            }
            Assert.True(improved);
            Assert.True(e.Feasible);
            Assert.Equal(take ? new[] { 0, 1, 3 } : new[] { 0, 0, 3 }, found);
            Assert.Equal(take ? 6.5 : 4.5, e.Cost);
            Assert.Equal(problem.Cost(found), e.Cost);
        }
    }

    /// <summary>Runs a two-loop walk until it improves on 420,000 $ (or 200 generations); the local minimum handed to each Prepare comes from <paramref name="minimum"/>.</summary>
    private static (bool Improved, int[] Found, Evaluation Evaluation, RuinRecreate Ruin) WalkTwoLoop(PipeSizingProblem problem, RuinRecreate ruin, Func<int, int[]> minimum)
    {
        int dim = problem.Dimensions;
        var rows = new int[ruin.MaxRows * dim];
        var rowEvals = new Evaluation[ruin.MaxRows];
        var found = new int[dim];
        Evaluation e = default;
        for (int generation = 0; generation < 200; generation++)
        {
            int count = ruin.Prepare(minimum(generation), 420_000, rows);
            if (count == 0) break;
            problem.Evaluate(rows, count, rowEvals);
            if (ruin.Apply(rows, rowEvals, count, found, out e)) return (true, found, e, ruin);
        }
        return (false, found, e, ruin);
    }

    private static PipeSizingProblem TwoLoop()
    {
        var scenario = ScenarioFile.Load(RepoPaths.Data("scenarios", "TLN.wdn")).Scenario;
        var compiled = CompiledNetwork.Compile(scenario.Network, scenario.Design!);
        return new PipeSizingProblem(compiled, scenario.Design!, new SimdBackend(2));
    }

    [Fact]
    public void Ruin_ties_keeps_the_walk_going_when_the_population_flips_between_two_420000_designs()
    {
        // Two-loop's population often holds both 420,000 $ local minima, and which one is its cheapest member flips.
        // Every flip used to start a new walk; with ruin_ties the walk goes on and takes the other one as a centre
        // (one of its own chains reaches 419,000 $).
        using var problem = TwoLoop();
        int dim = problem.Dimensions;
        var opts = Enumerable.Range(0, dim).Select(problem.Options).ToArray();
        int[] a = [10, 8, 8, 0, 8, 4, 8, 6], b = [11, 6, 9, 0, 8, 6, 6, 0];
        Assert.Equal(420_000, problem.Cost(a), 6);
        Assert.Equal(420_000, problem.Cost(b), 6);
        Func<int, int[]> flip = g => g % 3 == 2 ? b : a; // b every third generation
        var old = WalkTwoLoop(problem, new RuinRecreate(dim, opts, problem, maxChains: 20, slack: 0.15, maxSteps: 4), flip);
        Assert.False(old.Improved);
        Assert.True(old.Ruin.Centres > 50); // a new walk (and centre) at every flip
        var ties = WalkTwoLoop(problem, new RuinRecreate(dim, opts, problem, maxChains: 20, slack: 0.15, maxSteps: 4, keepTies: true), flip);
        Assert.True(ties.Improved);
        Assert.Equal(419_000, ties.Evaluation.Cost, 6);
        Assert.Equal(419_000, problem.Cost(ties.Found), 6);
        Assert.Equal(2, ties.Ruin.Centres); // a, then b from the pool
    }

    [Fact]
    public void Ruin_far_skips_the_nearby_local_minimum_and_reaches_419000_in_fewer_rows()
    {
        // From the common 420,000 $ design the cheapest chain end is 424,000 $ two pipes away (10, 8, 8, 0, 8, 0, 8, 7),
        // a detour; with ruin_far = 3 the walk goes first to 428,000 $ (10, 7, 9, 0, 9, 6, 6, 0), six pipes away, whose
        // chains reach the other 420,000 $ design and from there 419,000 $: one centre fewer.
        using var problem = TwoLoop();
        int dim = problem.Dimensions;
        var opts = Enumerable.Range(0, dim).Select(problem.Options).ToArray();
        int[] start = [10, 8, 8, 0, 8, 4, 8, 6];
        var near = WalkTwoLoop(problem, new RuinRecreate(dim, opts, problem, maxChains: 20, slack: 0.15, maxSteps: 4), _ => start);
        var far = WalkTwoLoop(problem, new RuinRecreate(dim, opts, problem, maxChains: 20, slack: 0.15, maxSteps: 4, far: 3), _ => start);
        Assert.True(near.Improved);
        Assert.True(far.Improved);
        Assert.Equal(419_000, far.Evaluation.Cost, 6);
        Assert.Equal(419_000, problem.Cost(far.Found), 6);
        Assert.Equal(4, near.Ruin.Centres);
        Assert.Equal(3, far.Ruin.Centres);
        Assert.True(far.Ruin.RowsEvaluated < near.Ruin.RowsEvaluated, $"{far.Ruin.RowsEvaluated} vs {near.Ruin.RowsEvaluated}");
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 3)]
    public void Ruin_walk_variants_in_shade_keep_one_call_per_generation_an_exact_budget_and_reproducible_runs(int take, int ties, int far)
    {
        var prm = new Dictionary<string, double> { ["population"] = 20, ["ruin_recreate"] = 3, ["ruin_take"] = take, ["ruin_ties"] = ties, ["ruin_far"] = far };
        var problem = new CostedCapacityProblem();
        var shade = new Shade();
        var a = Run(problem, 4_037, 5, prm, shade);
        Assert.True(shade.RuinMoves.Rows > 0);
        Assert.Equal(a.Generations + 1, a.EvaluateCalls);
        Assert.Equal(4_037, problem.Evaluated);
        double cheapest = problem.Calls.SelectMany(c => c).Where(e => e.Feasible).Min(e => e.Cost);
        Assert.Equal(cheapest, a.Best.Cost);
        var b = Run(new CostedCapacityProblem(), 4_037, 5, prm);
        Assert.Equal(a.BestGenome, b.BestGenome);
        Assert.Equal(a.History, b.History);
    }

    [Fact]
    public void Ruin_and_recreate_in_shade_keeps_one_call_per_generation_an_exact_budget_and_reproducible_runs()
    {
        var prm = new Dictionary<string, double> { ["population"] = 20, ["ruin_recreate"] = 3 };
        var problem = new CostedCapacityProblem();
        var shade = new Shade();
        var a = Run(problem, 4_037, 5, prm, shade);
        Assert.True(shade.RuinMoves.Rows > 0);
        Assert.Equal(a.Generations + 1, a.EvaluateCalls);
        Assert.Equal(problem.BatchSizes.Count, a.EvaluateCalls);
        Assert.Equal(4_037, problem.Evaluated);
        var b = Run(new CostedCapacityProblem(), 4_037, 5, prm);
        Assert.Equal(a.BestGenome, b.BestGenome);
        Assert.Equal(a.History, b.History);
    }

    [Fact]
    public void Opposition_evaluates_the_random_designs_and_their_opposites_in_one_call_and_keeps_the_best_half()
    {
        const int n = 20;
        var problem = new CostedCapacityProblem();
        var r = Run(problem, 3_000, 7, new Dictionary<string, double> { ["population"] = n, ["opposition"] = 1, ["local_search"] = 0 });
        Assert.Equal(2 * n, problem.BatchSizes[0]);
        var g = problem.Genomes[0];
        int dim = problem.Dimensions;
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++)
                Assert.Equal(CapacityProblem.UnitCost.Length - 1 - g[i * dim + d], g[(n + i) * dim + d]);
        // The first trial generation's parents are the n best of the 2n: every trial's parent is one of them, so the
        // worst n of the pool (by the ε order of the first generation) are gone. Checked through the budget and calls.
        Assert.Equal(r.Generations + 1, r.EvaluateCalls);
        Assert.Equal(3_000, problem.Evaluated);
        Assert.All(problem.BatchSizes.Skip(1), s => Assert.True(s <= n));
        var (optimum, _) = CapacityProblem.BruteForce();
        Assert.Equal(optimum, r.Best.Cost, 9);
    }

    [Theory]
    [InlineData("restart_cap")]
    [InlineData("restart_radius")]
    [InlineData("restart_around")]
    [InlineData("restart_eps")]
    public void Restart_variants_restart_in_one_call_keep_the_budget_and_report_the_best_of_every_evaluation(string name)
    {
        var prm = new Dictionary<string, double> { ["population"] = 20, ["restart"] = 3, [name] = name == "restart_radius" ? 0.5 : name == "restart_around" ? 0.3 : 1 };
        var problem = new CostedCapacityProblem();
        var shade = new Shade();
        var r = Run(problem, 4_037, 3, prm, shade);
        Assert.True(shade.Restarts > 0);
        Assert.Equal(r.Generations + 1, r.EvaluateCalls);
        Assert.Equal(4_037, problem.Evaluated);
        double cheapest = problem.Calls.SelectMany(c => c).Where(e => e.Feasible).Min(e => e.Cost);
        Assert.Equal(cheapest, r.Best.Cost);
        var again = Run(new CostedCapacityProblem(), 4_037, 3, prm);
        Assert.Equal(r.History, again.History);
    }

    [Fact]
    public void The_cost_cap_ranks_a_design_as_dear_as_the_cap_after_every_cheaper_one()
    {
        var cheapInfeasible = new Evaluation(150, 90, false);   // violation 60
        var dearFeasible = new Evaluation(100, 100, true);
        var cheaperFeasible = new Evaluation(95, 95, true);
        Assert.True(Shade.Compare(dearFeasible, cheapInfeasible, true) < 0);             // no cap: Deb's rules
        Assert.True(Shade.Compare(dearFeasible, cheapInfeasible, true, 0, 100) > 0);     // cost ≥ cap ranks last
        Assert.True(Shade.Compare(cheaperFeasible, cheapInfeasible, true, 0, 100) < 0);  // both below: Deb's rules
        Assert.True(Shade.Compare(new Evaluation(130, 110, true), dearFeasible, true, 0, 100) > 0); // both above: by cost
    }

    [Fact]
    public void Designs_drawn_below_a_cap_cost_less_than_it_even_when_random_draws_rarely_do()
    {
        var problem = new CostedCapacityProblem();
        int[] opts = Enumerable.Repeat(CapacityProblem.UnitCost.Length, problem.Dimensions).ToArray();
        var rng = new Xoshiro256StarStar(9);
        var row = new int[problem.Dimensions];
        double floor = problem.Cost(new int[problem.Dimensions]); // every gene at 0
        foreach (double cap in new[] { 25.0, 15.0, floor + 0.5 })
            for (int k = 0; k < 200; k++)
            {
                Shade.DrawBelow(row, problem, cap, opts, rng);
                Assert.True(problem.Cost(row) < cap, $"cap {cap}: {problem.Cost(row)}");
                Assert.All(row, g => Assert.InRange(g, 0, opts[0] - 1));
            }
    }

    [Fact]
    public void Sequential_niching_marks_designs_within_the_radius_of_a_remembered_minimum()
    {
        var minima = new List<int[]> { new[] { 1, 2, 3, 4 } };
        Assert.True(Shade.NearMinimum([1, 2, 3, 4], minima, 0.5));
        Assert.True(Shade.NearMinimum([0, 2, 3, 0], minima, 0.5));   // 2 of 4 genes differ: within 0.5·4
        Assert.False(Shade.NearMinimum([0, 0, 3, 0], minima, 0.5));  // 3 differ
        Assert.False(Shade.NearMinimum([0, 2, 3, 4], minima, 0.2));  // 1 differs, limit ⌊0.8⌋ = 0
        Assert.False(Shade.NearMinimum([1, 2, 3, 4], [], 0.5));
    }

    [Fact]
    public void A_reseed_around_the_best_moves_at_least_one_gene_by_one_or_two_steps_inside_the_catalog()
    {
        var rng = new Xoshiro256StarStar(4);
        int[] centre = [0, 3, 5, 5, 0];
        int[] opts = [6, 6, 6, 6, 1];
        var row = new int[5];
        for (int k = 0; k < 500; k++)
        {
            Shade.Perturb(centre, row, 0.2, opts, rng);
            Assert.Contains(Enumerable.Range(0, 4), d => row[d] != centre[d]);
            for (int d = 0; d < 5; d++)
            {
                Assert.InRange(row[d], 0, opts[d] - 1);
                Assert.InRange(Math.Abs(row[d] - centre[d]), 0, 2);
            }
        }
    }

    private static OptimizerResult Run(IProblem problem, long budget, ulong seed, Dictionary<string, double> parameters, Shade? shade = null) =>
        (shade ?? new Shade()).Run(problem, new OptimizerSettings { Seed = seed, MaxEvaluations = budget, Parameters = parameters, EvaluationCache = false });
}
