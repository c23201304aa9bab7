namespace WdnAccel.Core.Optimizers;

/// <summary>
/// GA-COA-SA hybrid as the Lishui multi-source allocation paper (section 2.3.3) describes it: a GA whose initial
/// population is the best of a feasibility-filtered random pool (default 20,000), population 100, 400 generations,
/// single-point crossover and real-number (Gaussian) mutation; a chaotic local search (COA) on every individual
/// driven by the logistic map z ← μ·z·(1−z) with adjustment τ = 0.2; and simulated-annealing acceptance whose
/// probability falls from 0.4 to 0.08 (acceleration factor 1) while the best individual is never replaced by a worse one.
/// Per generation one batch of 2·population is evaluated: the GA offspring and the chaotic neighbours.
/// The seed gives no formulas; the choices made where it is silent are listed in docs/optimizers.md.
/// </summary>
public sealed class GaCoaSa : IOptimizer
{
    public string Name => "gacoasa";

    public IReadOnlyList<OptimizerParameter> Parameters { get; } =
    [
        new("population", 100, 2, 1_000_000, "Population size (Lishui case: 100).", Whole: true),
        new("initial_pool", 20_000, 1, 100_000_000, "Random candidates evaluated to build the feasibility-filtered initial population (Lishui case: 20,000; 5,000–200,000).", Whole: true),
        new("max_pool_share", 0.25, 0, 1, "Upper bound on the pool as a share of the evaluation budget, so the pool cannot eat the whole budget."),
        new("pool_batch", 2_000, 1, 10_000_000, "Pool candidates per Evaluate call.", Whole: true),
        new("generations", 400, 1, 100_000_000, "Generation limit (Lishui case: 400); the run also stops when the evaluation budget is spent.", Whole: true),
        new("tournament", 1, 1, 1_000_000, "Parent selection tournament size; 1 = the paper's random selection.", Whole: true),
        new("crossover_rate", 0.8, 0, 1, "Single-point crossover probability per parent pair (not given in the Lishui case)."),
        new("mutation_rate", 0, 0, 1, "Per-gene real-number mutation probability; 0 means 1/D (not given in the Lishui case)."),
        new("mutation_sigma", 0.1, 0, 10, "Gaussian mutation σ as a share of the catalog range (not given in the Lishui case)."),
        new("tau", 0.2, 0, 1, "COA adjustment τ: a chaotic step spans at most ±τ of the catalog range (Lishui case: 0.2)."),
        new("chaos_mu", 4, 3.57, 4, "Logistic-map parameter μ (4 = fully chaotic)."),
        new("p_start", 0.4, 0, 1, "SA acceptance probability of a worse candidate at the start (Lishui case: 0.4)."),
        new("p_end", 0.08, 0, 1, "SA acceptance probability at the end (Lishui case: 0.08)."),
        new("acceleration", 1, 0.01, 100, "SA acceleration factor a (Lishui case: 1); larger a lowers the acceptance probability sooner."),
    ];

    public OptimizerResult Run(IProblem problem, OptimizerSettings settings, IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = ResolvedParameters.Resolve(Name, Parameters, settings);
        var used = p.Apply(settings);
        var run = new RunTracker(Name, problem, used, progress, cancellationToken);
        int n = p.Int("population");
        int generations = p.Int("generations");
        int tournament = p.Int("tournament");
        double cxRate = p["crossover_rate"], sigma = p["mutation_sigma"], tau = p["tau"], mu = p["chaos_mu"];
        double pStart = p["p_start"], pEnd = p["p_end"], accel = p["acceleration"];
        int dim = run.Dimensions;
        double mutRate = p["mutation_rate"] > 0 ? p["mutation_rate"] : 1.0 / dim;
        var rng = run.Rng;
        var opts = run.Options;

        var pop = new int[n * dim];
        var evals = new Evaluation[n];
        InitialPopulation(run, p, n, pop, evals);
        long poolEvaluations = run.EvaluationsUsed;
        run.Report();

        // One chaotic variable per gene and individual, kept across generations; start away from the logistic
        // map's fixed and pre-periodic points (0, 0.25, 0.5, 0.75, 1).
        var z = new double[n * dim];
        for (int i = 0; i < z.Length; i++)
        {
            double v;
            do v = 0.01 + 0.98 * rng.NextDouble();
            while (Math.Abs(v - 0.25) < 1e-3 || Math.Abs(v - 0.5) < 1e-3 || Math.Abs(v - 0.75) < 1e-3);
            z[i] = v;
        }

        var batch = new int[2 * n * dim]; // rows 0..n−1 offspring, n..2n−1 chaotic neighbours
        var batchEvals = new Evaluation[2 * n];
        var keys = new double[n];

        while (!run.ShouldStop && run.Generations < generations)
        {
            for (int i = 0; i < n; i++) keys[i] = evals[i].SearchKey;

            // GA: selection, single-point crossover in pairs, real-number mutation.
            for (int c = 0; c < n; c += 2)
            {
                int a = GenomeOperators.Tournament(keys, n, tournament, rng);
                int b = GenomeOperators.Tournament(keys, n, tournament, rng);
                var c1 = batch.AsSpan(c * dim, dim);
                bool pair = c + 1 < n;
                Span<int> c2 = pair ? batch.AsSpan((c + 1) * dim, dim) : Span<int>.Empty;
                if (rng.NextBool(cxRate))
                {
                    if (pair) GenomeOperators.SinglePointCrossoverPair(pop.AsSpan(a * dim, dim), pop.AsSpan(b * dim, dim), c1, c2, rng);
                    else GenomeOperators.SinglePointCrossover(pop.AsSpan(a * dim, dim), pop.AsSpan(b * dim, dim), c1, rng);
                }
                else
                {
                    pop.AsSpan(a * dim, dim).CopyTo(c1);
                    if (pair) pop.AsSpan(b * dim, dim).CopyTo(c2);
                }
                RealMutation(c1);
                if (pair) RealMutation(c2);
            }

            // COA: x'_d = x_d + τ·(2z_d − 1)·(options_d − 1), rounded and clamped, z advanced by the logistic map.
            for (int i = 0; i < n; i++)
            {
                int row = (n + i) * dim;
                for (int d = 0; d < dim; d++)
                {
                    int k = i * dim + d;
                    z[k] = mu * z[k] * (1 - z[k]);
                    if (z[k] <= 0 || z[k] >= 1) z[k] = 0.01 + 0.98 * rng.NextDouble(); // left the chaotic orbit (rounding)
                    double step = tau * (2 * z[k] - 1) * (opts[d] - 1);
                    batch[row + d] = GenomeOperators.Clamp(pop[k] + (long)Math.Round(step, MidpointRounding.AwayFromZero), opts[d]);
                }
            }

            // A batch truncated by the budget leaves Invalid rows, which are never accepted below.
            run.Evaluate(batch, 2 * n, batchEvals);

            // SA replacement: geometric schedule p(t) = p_start·(p_end/p_start)^(t^(1/a)), t = run progress in [0, 1].
            double t = Progress(run.Generations, generations, run.EvaluationsUsed - poolEvaluations, settings.MaxEvaluations - poolEvaluations);
            double accept = pStart * Math.Pow(pEnd / Math.Max(pStart, 1e-300), Math.Pow(t, 1.0 / accel));
            if (pStart == 0) accept = 0;
            int elite = 0;
            for (int i = 1; i < n; i++) if (RunTracker.IsBetter(evals[i], evals[elite])) elite = i;
            for (int i = 0; i < n; i++)
            {
                int cand = batchEvals[n + i].SearchKey < batchEvals[i].SearchKey ? n + i : i;
                var e = batchEvals[cand];
                if (!e.IsUsable) continue;
                bool better = e.SearchKey < evals[i].SearchKey;
                if (better || (i != elite && rng.NextBool(accept)))
                {
                    batch.AsSpan(cand * dim, dim).CopyTo(pop.AsSpan(i * dim, dim));
                    evals[i] = e;
                }
            }
            run.EndGeneration();
        }
        return run.Finish(used, run.ShouldStop ? null : StopReason.GenerationLimit);

        void RealMutation(Span<int> genome)
        {
            for (int d = 0; d < dim; d++)
            {
                if (opts[d] < 2 || !rng.NextBool(mutRate)) continue;
                long delta = (long)Math.Round(rng.NextGaussian() * sigma * (opts[d] - 1), MidpointRounding.AwayFromZero);
                if (delta == 0) delta = (rng.NextUInt64() >> 63) == 0 ? 1 : -1; // a mutation always moves the gene
                int v = GenomeOperators.Clamp(genome[d] + delta, opts[d]);
                if (v == genome[d]) v = GenomeOperators.Clamp(genome[d] - delta, opts[d]);
                genome[d] = v;
            }
        }
    }

    private static double Progress(int generation, int generations, long evaluations, long budget)
    {
        double byGeneration = generations > 1 ? (double)generation / (generations - 1) : 1;
        double byBudget = budget > 0 ? (double)evaluations / budget : 1;
        return Math.Clamp(Math.Max(byGeneration, byBudget), 0, 1);
    }

    /// <summary>
    /// Evaluates a random pool in batches and keeps the best <paramref name="n"/>: feasible candidates first (by
    /// fitness), topped up with the least-penalized infeasible ones when fewer than n are feasible.
    /// </summary>
    private static void InitialPopulation(RunTracker run, ResolvedParameters p, int n, int[] pop, Evaluation[] evals)
    {
        int dim = run.Dimensions;
        long cap = (long)Math.Floor(p["max_pool_share"] * (double)run.Remaining);
        long poolSize = Math.Max(n, Math.Min(p.Int("initial_pool"), cap));
        int batchSize = (int)Math.Min(p.Int("pool_batch"), poolSize);
        var buffer = new int[batchSize * dim];
        var results = new Evaluation[batchSize];
        // Kept set: the current best n, ranked by (usable, feasible, fitness).
        var keptGenomes = new int[n * dim];
        var kept = new Evaluation[n];
        int keptCount = 0;
        for (long start = 0; start < poolSize && !run.ShouldStop; start += batchSize)
        {
            int count = (int)Math.Min(batchSize, poolSize - start);
            for (int i = 0; i < count; i++) GenomeOperators.Randomize(buffer.AsSpan(i * dim, dim), run.Options, run.Rng);
            int done = run.Evaluate(buffer, count, results);
            for (int i = 0; i < done; i++)
            {
                var e = results[i];
                if (!e.IsUsable) continue;
                int slot;
                if (keptCount < n) slot = keptCount++;
                else
                {
                    slot = 0;
                    for (int j = 1; j < n; j++) if (Ranks(kept[j], kept[slot])) slot = j; // slot = worst kept
                    if (!Ranks(kept[slot], e)) continue;
                }
                buffer.AsSpan(i * dim, dim).CopyTo(keptGenomes.AsSpan(slot * dim, dim));
                kept[slot] = e;
            }
        }
        keptGenomes.AsSpan(0, keptCount * dim).CopyTo(pop);
        kept.AsSpan(0, keptCount).CopyTo(evals);
        // Pool too small or mostly invalid: fill with random genomes left unevaluated (Invalid), replaced by the first generation.
        for (int i = keptCount; i < n; i++)
        {
            GenomeOperators.Randomize(pop.AsSpan(i * dim, dim), run.Options, run.Rng);
            evals[i] = Evaluation.Invalid;
        }
    }

    /// <summary>True when <paramref name="b"/> ranks above <paramref name="a"/> for the pool filter.</summary>
    private static bool Ranks(Evaluation a, Evaluation b)
    {
        if (a.Feasible != b.Feasible) return b.Feasible;
        return b.Fitness < a.Fitness;
    }
}
