namespace WdnAccel.Core.Optimizers;

/// <summary>
/// DE/rand/1/bin (Storn &amp; Price 1997; DE/best/1/bin with best_base = 1) on catalog indices treated as reals: mutant v = x_r1 + F·(x_r2 − x_r3),
/// the difference term rounded half away from zero (so ±1 differences stay symmetric) and clamped to the catalog;
/// binomial crossover with rate CR and one forced gene; greedy one-to-one replacement (trial wins ties, which
/// lets the population drift across plateaus). Applied to pipe sizing by Vasan &amp; Simonovic 2010 and
/// Zheng, Zecchin &amp; Simpson 2013. All trials of a generation are evaluated in one batch.
/// </summary>
public sealed class DifferentialEvolution : IOptimizer
{
    public string Name => "de";

    public IReadOnlyList<OptimizerParameter> Parameters { get; } =
    [
        new("population", 100, 4, 1_000_000, "Population size NP (at least 4: target plus three distinct donors)."),
        new("f", 0.6, 0, 2, "Differential weight F."),
        new("cr", 0.5, 0, 1, "Binomial crossover rate CR."),
        new("best_base", 0, 0, 1, "1 = DE/best/1/bin (base vector is the current best member), 0 = DE/rand/1/bin."),
    ];

    public OptimizerResult Run(IProblem problem, OptimizerSettings settings, IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = ResolvedParameters.Resolve(Name, Parameters, settings);
        var used = p.Apply(settings);
        var run = new RunTracker(Name, problem, used, progress, cancellationToken);
        int n = p.Int("population");
        double f = p["f"], cr = p["cr"];
        bool bestBase = p.Int("best_base") == 1;
        int dim = run.Dimensions;
        var rng = run.Rng;
        var opts = run.Options;

        var pop = new int[n * dim];
        var trials = new int[n * dim];
        var evals = new Evaluation[n];
        var trialEvals = new Evaluation[n];

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
                int ti = i * dim;
                for (int d = 0; d < dim; d++)
                {
                    if (d == forced || rng.NextBool(cr))
                    {
                        double diff = f * (pop[r2 * dim + d] - pop[r3 * dim + d]);
                        long v = pop[baseRow + d] + (long)Math.Round(diff, MidpointRounding.AwayFromZero);
                        trials[ti + d] = GenomeOperators.Clamp(v, opts[d]);
                    }
                    else trials[ti + d] = pop[ti + d];
                }
            }
            int done = run.Evaluate(trials, n, trialEvals);
            for (int i = 0; i < done; i++)
            {
                if (trialEvals[i].SearchKey <= evals[i].SearchKey && trialEvals[i].IsUsable)
                {
                    trials.AsSpan(i * dim, dim).CopyTo(pop.AsSpan(i * dim, dim));
                    evals[i] = trialEvals[i];
                }
            }
            run.EndGeneration();
        }
        return run.Finish(used);
    }
}
