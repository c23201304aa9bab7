namespace WdnAccel.Core.Optimizers;

/// <summary>
/// DE/rand/1/bin (Storn &amp; Price 1997; DE/best/1/bin with best_base = 1) on catalog indices treated as reals: mutant v = x_r1 + F·(x_r2 − x_r3),
/// the difference term rounded half away from zero (so ±1 differences stay symmetric) and clamped to the catalog;
/// binomial crossover with rate CR and one forced gene; greedy one-to-one replacement (trial wins ties, which
/// lets the population drift across plateaus). Applied to pipe sizing by Vasan &amp; Simonovic 2010 and
/// Zheng, Zecchin &amp; Simpson 2013. All trials of a generation are evaluated in one batch.
/// With local_search = 1 the batch also carries a greedy descent on the best feasible member: its D one-step-smaller
/// neighbours (one gene lowered by one catalog index each); the cheapest feasible neighbour cheaper than the member
/// replaces it, and the descent continues next generation from there until no neighbour is feasible and cheaper
/// (it restarts when DE finds a new best). The neighbours count against the budget like every other evaluation.
/// </summary>
public sealed class DifferentialEvolution : IOptimizer
{
    public string Name => "de";

    public IReadOnlyList<OptimizerParameter> Parameters { get; } =
    [
        new("population", 100, 4, 1_000_000, "Population size NP (at least 4: target plus three distinct donors).", Whole: true),
        new("f", 0.6, 0, 2, "Differential weight F."),
        new("cr", 0.5, 0, 1, "Binomial crossover rate CR."),
        new("best_base", 0, 0, 1, "1 = DE/best/1/bin (base vector is the current best member), 0 = DE/rand/1/bin.", Whole: true),
        new("f_dither", 0, 0, 2, "Per-trial dither: F drawn uniformly from [f, f + f_dither] for each trial vector (Das et al. 2005); 0 = constant F."),
        new("local_search", 1, 0, 1, "1 = greedy one-step-smaller descent on the best feasible member inside each generation's batch, 0 = none.", Whole: true),
    ];

    public OptimizerResult Run(IProblem problem, OptimizerSettings settings, IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = ResolvedParameters.Resolve(Name, Parameters, settings);
        var used = p.Apply(settings);
        var run = new RunTracker(Name, problem, used, progress, cancellationToken);
        int n = p.Int("population");
        double f = p["f"], cr = p["cr"];
        bool bestBase = p.Int("best_base") == 1;
        bool localSearch = p.Int("local_search") == 1;
        double fDither = p["f_dither"];
        int dim = run.Dimensions;
        var rng = run.Rng;
        var opts = run.Options;

        var pop = new int[n * dim];
        // Trials first, then up to D local-search neighbours: one Evaluate call per generation either way.
        int lsRows = localSearch ? dim * Math.Max(1, dim - 1) : 0;
        var trials = new int[(n + lsRows) * dim];
        var evals = new Evaluation[n];
        var trialEvals = new Evaluation[n + lsRows];
        var descent = localSearch ? new GreedyDescent(dim, opts, problem) : null;

        for (int i = 0; i < n; i++) GenomeOperators.Randomize(pop.AsSpan(i * dim, dim), opts, rng);
        run.Evaluate(pop, n, evals);
        run.Report();

        while (!run.ShouldStop)
        {
            int best = 0;
            for (int i = 1; i < n; i++) if (evals[i].SearchKey < evals[best].SearchKey) best = i;
            for (int i = 0; i < n; i++)
            {
                int r1, r2, r3;
                do r1 = rng.NextInt(n); while (r1 == i);
                do r2 = rng.NextInt(n); while (r2 == i || r2 == r1);
                do r3 = rng.NextInt(n); while (r3 == i || r3 == r1 || r3 == r2);
                int baseRow = (bestBase ? best : r1) * dim;
                int forced = rng.NextInt(dim);
                double fi = fDither > 0 ? f + fDither * rng.NextDouble() : f;
                int ti = i * dim;
                for (int d = 0; d < dim; d++)
                {
                    if (d == forced || rng.NextBool(cr))
                    {
                        double diff = fi * (pop[r2 * dim + d] - pop[r3 * dim + d]);
                        long v = pop[baseRow + d] + (long)Math.Round(diff, MidpointRounding.AwayFromZero);
                        trials[ti + d] = GenomeOperators.Clamp(v, opts[d]);
                    }
                    else trials[ti + d] = pop[ti + d];
                }
            }

            // Local search rows: the best feasible member's neighbours, unless it is already a local minimum.
            int lsSlot = -1;
            int neighbours = descent?.Prepare(pop, evals, n, trials.AsSpan(n * dim), out lsSlot) ?? 0;

            int done = run.Evaluate(trials, n + neighbours, trialEvals);
            for (int i = 0; i < Math.Min(done, n); i++)
            {
                if (trialEvals[i].SearchKey <= evals[i].SearchKey && trialEvals[i].IsUsable)
                {
                    trials.AsSpan(i * dim, dim).CopyTo(pop.AsSpan(i * dim, dim));
                    evals[i] = trialEvals[i];
                }
            }
            descent?.Apply(pop, evals, lsSlot, trials.AsSpan(n * dim), trialEvals.AsSpan(n), Math.Max(0, done - n), neighbours);
            run.EndGeneration();
        }
        return run.Finish(used);
    }
}
