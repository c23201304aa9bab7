namespace WdnAccel.Core.Optimizers;

/// <summary>
/// Generational genetic algorithm on integer genomes (Goldberg 1989; for pipe sizing Simpson, Dandy &amp; Murphy
/// 1994, Savic &amp; Walters 1997): tournament selection, uniform or single-point crossover, integer mutation
/// (±k catalog steps or reset), elitism. Elites keep their evaluation, so each generation evaluates
/// population − elites children in one batch.
/// </summary>
public sealed class GeneticAlgorithm : IOptimizer
{
    public string Name => "ga";

    public IReadOnlyList<OptimizerParameter> Parameters { get; } =
    [
        new("population", 100, 2, 1_000_000, "Population size.", Whole: true),
        new("elites", 2, 0, 1_000_000, "Best individuals copied unchanged into the next generation (< population).", Whole: true),
        new("tournament", 3, 1, 1_000_000, "Tournament size for parent selection (draws with replacement).", Whole: true),
        new("crossover_rate", 0.9, 0, 1, "Probability that a child is produced by crossover rather than copied from parent 1."),
        new("single_point", 0, 0, 1, "1 = single-point crossover, 0 = uniform crossover.", Whole: true),
        new("mutation_rate", 0, 0, 1, "Per-gene mutation probability; 0 means 1/D."),
        new("mutation_step", 1, 1, 1_000_000, "Largest creep step k (a mutated gene moves by ±1..k catalog positions).", Whole: true),
        new("reset_probability", 0.1, 0, 1, "Share of mutations that reset the gene to a random other option instead of creeping."),
    ];

    public OptimizerResult Run(IProblem problem, OptimizerSettings settings, IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = ResolvedParameters.Resolve(Name, Parameters, settings);
        var used = p.Apply(settings);
        var run = new RunTracker(Name, problem, used, progress, cancellationToken);
        int n = p.Int("population");
        int elites = p.Int("elites");
        if (elites >= n) throw new ArgumentException($"ga: elites ({elites}) must be smaller than the population ({n}).", nameof(settings));
        int tournament = p.Int("tournament");
        double cxRate = p["crossover_rate"];
        bool singlePoint = p.Int("single_point") == 1;
        int dim = run.Dimensions;
        double mutRate = p["mutation_rate"] > 0 ? p["mutation_rate"] : 1.0 / dim;
        int step = p.Int("mutation_step");
        double reset = p["reset_probability"];
        var rng = run.Rng;
        var opts = run.Options;

        var pop = new int[n * dim];
        var next = new int[n * dim];
        var evals = new Evaluation[n];
        var nextEvals = new Evaluation[n];
        var keys = new double[n];
        var order = new int[n];
        var sortKeys = new double[n];

        for (int i = 0; i < n; i++) GenomeOperators.Randomize(pop.AsSpan(i * dim, dim), opts, rng);
        run.Evaluate(pop, n, evals);
        run.Report();

        while (!run.ShouldStop)
        {
            for (int i = 0; i < n; i++) { keys[i] = evals[i].SearchKey; order[i] = i; }
            keys.CopyTo(sortKeys, 0);
            Array.Sort(sortKeys, order);
            for (int e = 0; e < elites; e++)
            {
                pop.AsSpan(order[e] * dim, dim).CopyTo(next.AsSpan(e * dim, dim));
                nextEvals[e] = evals[order[e]];
            }
            for (int c = elites; c < n; c++)
            {
                var child = next.AsSpan(c * dim, dim);
                int a = GenomeOperators.Tournament(keys, n, tournament, rng);
                if (rng.NextBool(cxRate))
                {
                    int b = GenomeOperators.Tournament(keys, n, tournament, rng);
                    if (singlePoint) GenomeOperators.SinglePointCrossover(pop.AsSpan(a * dim, dim), pop.AsSpan(b * dim, dim), child, rng);
                    else GenomeOperators.UniformCrossover(pop.AsSpan(a * dim, dim), pop.AsSpan(b * dim, dim), child, rng);
                }
                else pop.AsSpan(a * dim, dim).CopyTo(child);
                GenomeOperators.Mutate(child, opts, mutRate, step, reset, rng);
            }
            run.Evaluate(next.AsSpan(elites * dim), n - elites, nextEvals.AsSpan(elites));
            (pop, next) = (next, pop);
            (evals, nextEvals) = (nextEvals, evals);
            run.EndGeneration();
        }
        return run.Finish(used);
    }
}
