namespace WdnAccel.Core.Optimizers;

/// <summary>
/// Coral Reefs Optimization (Salcedo-Sanz, Del Ser, Landa-Torres, Gil-López &amp; Portilla-Figueras 2014,
/// The Scientific World Journal, art. 739768), the algorithm the three 11-node layouts study names for pipe sizing. A reef of
/// <c>population</c> cells is occupied to rate ρ0 by random corals; each generation:
/// (1) broadcast spawning — a fraction Fb of the corals, paired at random, each pair yields one larva by crossover;
/// (2) brooding — every other coral yields one larva by mutation;
/// (3) larvae setting — all larvae are evaluated in one batch, then each tries k random cells, settling on an
///     empty one or on one whose coral it beats;
/// (4) asexual reproduction (budding) — the best fraction Fa of the corals bud copies that try to settle the same way
///     (no new evaluation);
/// (5) depredation — each coral in the worst fraction Fd is removed with probability Pd (never the best one).
/// </summary>
public sealed class CoralReefOptimization : IOptimizer
{
    public string Name => "cro";

    public IReadOnlyList<OptimizerParameter> Parameters { get; } =
    [
        new("population", 100, 2, 1_000_000, "Reef size N×M (number of cells).", Whole: true),
        new("rho0", 0.9, 0, 1, "Initial occupancy rate ρ0 of the reef."),
        new("fb", 0.9, 0, 1, "Fraction Fb of corals that reproduce by broadcast spawning (the rest brood)."),
        new("attempts", 3, 1, 1_000, "Settling attempts k per larva.", Whole: true),
        new("fa", 0.1, 0, 1, "Fraction Fa of the best corals that bud (asexual reproduction)."),
        new("fd", 0.1, 0, 1, "Fraction Fd of the worst corals exposed to depredation."),
        new("pd", 0.1, 0, 1, "Depredation probability Pd per exposed coral."),
        new("max_copies", 2, 1, 1_000_000, "Budding never lets more than this many identical corals live in the reef (keeps the reef diverse).", Whole: true),
        new("single_point", 0, 0, 1, "Broadcast-spawning crossover: 1 = single-point, 0 = uniform.", Whole: true),
        new("mutation_rate", 0, 0, 1, "Brooding: per-gene mutation probability; 0 means 1/D (at least one gene always changes)."),
        new("mutation_step", 1, 1, 1_000_000, "Brooding: largest creep step k in catalog positions.", Whole: true),
        new("reset_probability", 0.1, 0, 1, "Brooding: share of gene mutations that reset to a random other option."),
    ];

    public OptimizerResult Run(IProblem problem, OptimizerSettings settings, IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = ResolvedParameters.Resolve(Name, Parameters, settings);
        var used = p.Apply(settings);
        var run = new RunTracker(Name, problem, used, progress, cancellationToken);
        int cells = p.Int("population");
        double fb = p["fb"], fa = p["fa"], fd = p["fd"], pd = p["pd"];
        int attempts = p.Int("attempts");
        int maxCopies = p.Int("max_copies");
        bool singlePoint = p.Int("single_point") == 1;
        int dim = run.Dimensions;
        double mutRate = p["mutation_rate"] > 0 ? p["mutation_rate"] : 1.0 / dim;
        int step = p.Int("mutation_step");
        double reset = p["reset_probability"];
        var rng = run.Rng;
        var opts = run.Options;

        var reef = new int[cells * dim];
        var health = new Evaluation[cells];
        var occupied = new bool[cells];
        var larvae = new int[cells * dim];  // at most one larva per coral
        var larvaEvals = new Evaluation[cells];
        var corals = new int[cells];
        var keys = new double[cells];

        // Initial reef: ρ0·N random cells (at least 2 so spawning has a pair), evaluated in one batch.
        int initial = Math.Clamp((int)Math.Round(p["rho0"] * cells), Math.Min(2, cells), cells);
        var cellOrder = Enumerable.Range(0, cells).ToArray();
        rng.Shuffle(cellOrder);
        for (int i = 0; i < initial; i++) GenomeOperators.Randomize(larvae.AsSpan(i * dim, dim), opts, rng);
        int got = run.Evaluate(larvae, initial, larvaEvals);
        for (int i = 0; i < got; i++)
        {
            if (!larvaEvals[i].IsUsable) continue;
            int c = cellOrder[i];
            larvae.AsSpan(i * dim, dim).CopyTo(reef.AsSpan(c * dim, dim));
            health[c] = larvaEvals[i];
            occupied[c] = true;
        }
        run.Report();

        while (!run.ShouldStop)
        {
            int count = 0;
            for (int c = 0; c < cells; c++) if (occupied[c]) corals[count++] = c;
            int larvaCount = 0;
            if (count == 0)
            {
                // Every initial coral was invalid: reseed with random larvae rather than stall.
                for (; larvaCount < Math.Min(2, cells); larvaCount++)
                    GenomeOperators.Randomize(larvae.AsSpan(larvaCount * dim, dim), opts, rng);
            }
            else
            {
                var shuffled = corals.AsSpan(0, count);
                rng.Shuffle(shuffled);
                int spawners = (int)Math.Round(fb * count) & ~1; // pairs only
                for (int s = 0; s + 1 < spawners; s += 2)
                {
                    var child = larvae.AsSpan(larvaCount++ * dim, dim);
                    var a = reef.AsSpan(shuffled[s] * dim, dim);
                    var b = reef.AsSpan(shuffled[s + 1] * dim, dim);
                    if (singlePoint) GenomeOperators.SinglePointCrossover(a, b, child, rng);
                    else GenomeOperators.UniformCrossover(a, b, child, rng);
                }
                for (int s = spawners; s < count; s++)
                {
                    var child = larvae.AsSpan(larvaCount++ * dim, dim);
                    reef.AsSpan(shuffled[s] * dim, dim).CopyTo(child);
                    if (!GenomeOperators.Mutate(child, opts, mutRate, step, reset, rng))
                    {
                        int d = rng.NextInt(dim); // a brooded larva must differ from its parent
                        GenomeOperators.MutateGene(child, d, opts[d], step, reset, rng);
                    }
                }
            }

            int done = run.Evaluate(larvae, larvaCount, larvaEvals);
            for (int l = 0; l < done; l++)
                Settle(larvae.AsSpan(l * dim, dim), larvaEvals[l]);

            // Budding: the best Fa·count corals try to settle a copy of themselves.
            count = SortedCorals();
            int buds = (int)Math.Round(fa * count);
            for (int b = 0; b < buds; b++)
            {
                int c = corals[b];
                var copy = larvae.AsSpan(0, dim);
                reef.AsSpan(c * dim, dim).CopyTo(copy);
                if (Copies(copy) < maxCopies) Settle(copy, health[c]);
            }

            // Depredation over the worst Fd·count corals, sparing the best coral.
            count = SortedCorals();
            int exposed = Math.Min((int)Math.Round(fd * count), count - 1);
            for (int w = 0; w < exposed; w++)
            {
                int c = corals[count - 1 - w];
                if (rng.NextBool(pd)) occupied[c] = false;
            }
            run.EndGeneration();
        }
        return run.Finish(used);

        void Settle(ReadOnlySpan<int> larva, Evaluation e)
        {
            if (!e.IsUsable) return;
            for (int t = 0; t < attempts; t++)
            {
                int c = rng.NextInt(cells);
                if (!occupied[c] || e.SearchKey < health[c].SearchKey)
                {
                    larva.CopyTo(reef.AsSpan(c * dim, dim));
                    health[c] = e;
                    occupied[c] = true;
                    return;
                }
            }
        }

        int Copies(ReadOnlySpan<int> genome)
        {
            int copies = 0;
            for (int c = 0; c < cells; c++)
                if (occupied[c] && reef.AsSpan(c * dim, dim).SequenceEqual(genome)) copies++;
            return copies;
        }

        // Occupied cells sorted best first into corals[0..count).
        int SortedCorals()
        {
            int count = 0;
            for (int c = 0; c < cells; c++)
                if (occupied[c]) { keys[count] = health[c].SearchKey; corals[count++] = c; }
            Array.Sort(keys, corals, 0, count);
            return count;
        }
    }
}
