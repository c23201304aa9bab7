using System.Diagnostics;

namespace WdnAccel.Core.Optimizers;

/// <summary>
/// NSGA-II (Deb, Pratap, Agarwal &amp; Meyarivan 2002) on integer catalog genomes, with Deb's (2000) constraint-domination:
/// a random population of N, then per generation N children (binary tournaments on front rank, then crowding distance;
/// uniform or single-point crossover; creep/reset mutation, as <c>ga</c>) evaluated in ONE call, parents and children
/// pooled, sorted into non-dominated fronts and the next N taken front by front, the last front by descending
/// crowding distance. Seeded xoshiro256** and index tie-breaks make a run depend on its seed and problem only.
/// </summary>
public sealed class Nsga2
{
    public string Name => "nsga2";

    public IReadOnlyList<OptimizerParameter> Parameters { get; } =
    [
        new("population", 100, 4, 1_000_000, "Population size N (children per generation).", Whole: true),
        new("crossover_rate", 0.9, 0, 1, "Probability that a child is produced by crossover rather than copied from parent 1."),
        new("single_point", 0, 0, 1, "1 = single-point crossover, 0 = uniform crossover.", Whole: true),
        new("mutation_rate", 0, 0, 1, "Per-gene mutation probability; 0 means 1/D."),
        new("mutation_step", 1, 1, 1_000_000, "Largest creep step k (a mutated gene moves by ±1..k catalog positions).", Whole: true),
        new("reset_probability", 0.1, 0, 1, "Share of mutations that reset the gene to a random other option instead of creeping."),
    ];

    /// <summary>
    /// Runs until <see cref="OptimizerSettings.MaxEvaluations"/> is spent (the last generation is truncated to what is
    /// left) or <paramref name="cancellationToken"/> is cancelled. Target settings are ignored. Progress reports carry the
    /// least first objective among the population's feasible members as the best cost.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown or out-of-range parameters, or a problem without variables or objectives.</exception>
    public Nsga2Result Run(IMultiObjectiveProblem problem, OptimizerSettings settings, IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var p = ResolvedParameters.Resolve(Name, Parameters, settings);
        var used = p.Apply(settings);
        var clock = Stopwatch.StartNew();
        int dim = problem.Dimensions, m = problem.Objectives;
        if (dim < 1) throw new ArgumentException($"{Name}: the problem has no decision variables.", nameof(problem));
        if (m < 1) throw new ArgumentException($"{Name}: the problem has no objectives.", nameof(problem));
        var options = new int[dim];
        for (int d = 0; d < dim; d++)
        {
            options[d] = problem.Options(d);
            if (options[d] < 1) throw new ArgumentException($"{Name}: decision variable {d} has no options.", nameof(problem));
        }
        int n = p.Int("population");
        double cxRate = p["crossover_rate"];
        bool singlePoint = p.Int("single_point") == 1;
        double mutRate = p["mutation_rate"] > 0 ? p["mutation_rate"] : 1.0 / dim;
        int step = p.Int("mutation_step");
        double reset = p["reset_probability"];
        var rng = new Xoshiro256StarStar(used.Seed);

        // Pool of parents [0, size) and children [size, size + k): 2N rows at most.
        var genomes = new int[2 * n * dim];
        var objectives = new double[2 * n * m];
        var violation = new double[2 * n];
        var nextGenomes = new int[2 * n * dim];
        var nextObjectives = new double[2 * n * m];
        var nextViolation = new double[2 * n];
        var rank = new int[2 * n];
        var crowding = new double[2 * n];
        var nextRank = new int[2 * n];
        var nextCrowding = new double[2 * n];
        long evaluations = 0;
        int calls = 0, generations = 0;
        double lastFeasibleShare = 0;

        int Evaluate(int first, int count)
        {
            count = (int)Math.Min(count, used.MaxEvaluations - evaluations);
            if (count <= 0) return 0;
            var f = objectives.AsSpan(first * m, count * m);
            var v = violation.AsSpan(first, count);
            f.Fill(double.NaN);
            v.Fill(double.PositiveInfinity);
            problem.Evaluate(genomes.AsSpan(first * dim, count * dim), count, f, v);
            calls++;
            evaluations += count;
            int feasible = 0;
            for (int i = 0; i < count; i++)
            {
                var fi = f.Slice(i * m, m);
                bool scored = !double.IsNaN(v[i]) && v[i] >= 0;
                for (int k = 0; k < m && scored; k++) scored = !double.IsNaN(fi[k]);
                if (!scored)
                {
                    // Unscored: worst violation, and objectives that sort last instead of NaN.
                    v[i] = double.PositiveInfinity;
                    for (int k = 0; k < m; k++) if (double.IsNaN(fi[k])) fi[k] = double.PositiveInfinity;
                }
                else if (v[i] == 0) feasible++;
            }
            lastFeasibleShare = (double)feasible / count;
            return count;
        }

        for (int i = 0; i < n; i++) GenomeOperators.Randomize(genomes.AsSpan(i * dim, dim), options, rng);
        int size = Evaluate(0, n);
        foreach (var front in ParetoFront.Sort(objectives, size, m, violation, rank))
        {
            var distance = new double[front.Length];
            ParetoFront.Crowding(objectives, m, front, distance);
            for (int i = 0; i < front.Length; i++) crowding[front[i]] = distance[i];
        }
        Report();

        while (evaluations < used.MaxEvaluations && !cancellationToken.IsCancellationRequested)
        {
            int children = (int)Math.Min(n, used.MaxEvaluations - evaluations);
            for (int c = 0; c < children; c++)
            {
                var child = genomes.AsSpan((size + c) * dim, dim);
                int a = Tournament(size);
                if (rng.NextBool(cxRate))
                {
                    int b = Tournament(size);
                    if (singlePoint) GenomeOperators.SinglePointCrossover(Row(a), Row(b), child, rng);
                    else GenomeOperators.UniformCrossover(Row(a), Row(b), child, rng);
                }
                else Row(a).CopyTo(child);
                GenomeOperators.Mutate(child, options, mutRate, step, reset, rng);
            }
            int pool = size + Evaluate(size, children);
            size = Select(pool);
            generations++;
            Report();
        }

        var result = new List<FrontPoint>();
        for (int i = 0; i < size; i++)
        {
            if (rank[i] != 0 || violation[i] != 0) continue;
            double[] f = objectives.AsSpan(i * m, m).ToArray();
            if (result.Any(r => f.AsSpan().SequenceEqual(r.Objectives))) continue; // one design per objective vector
            result.Add(new FrontPoint(Row(i).ToArray(), f));
        }
        result.Sort((x, y) =>
        {
            for (int k = 0; k < m; k++)
            {
                int c = x.Objectives[k].CompareTo(y.Objectives[k]);
                if (c != 0) return c;
            }
            return 0;
        });
        return new Nsga2Result
        {
            Front = result,
            Evaluations = evaluations,
            Generations = generations,
            EvaluateCalls = calls,
            FeasibleShare = size > 0 ? violation.AsSpan(0, size).Count(0.0) / (double)size : 0,
            StopReason = cancellationToken.IsCancellationRequested ? StopReason.Cancelled : StopReason.EvaluationBudget,
            WallTime = clock.Elapsed,
            Settings = used,
        };

        Span<int> Row(int i) => genomes.AsSpan(i * dim, dim);

        // Binary tournament under the crowded-comparison operator: lower rank, then larger crowding distance; a tie keeps the first.
        int Tournament(int count)
        {
            int a = rng.NextInt(count), b = rng.NextInt(count);
            return rank[b] < rank[a] || (rank[b] == rank[a] && crowding[b] > crowding[a]) ? b : a;
        }

        // Sorts the pool [0, pool) into fronts and keeps the best min(N, pool) in [0, kept), with their rank and crowding.
        int Select(int pool)
        {
            var fronts = ParetoFront.Sort(objectives, pool, m, violation, rank);
            int kept = 0, target = Math.Min(n, pool);
            foreach (var front in fronts)
            {
                if (kept >= target) break;
                var distance = new double[front.Length];
                ParetoFront.Crowding(objectives, m, front, distance);
                var order = Enumerable.Range(0, front.Length).ToArray();
                if (kept + front.Length > target)
                {
                    Array.Sort(order, (x, y) => distance[x] != distance[y] ? distance[y].CompareTo(distance[x]) : front[x].CompareTo(front[y]));
                }
                for (int o = 0; o < order.Length && kept < target; o++, kept++)
                {
                    int i = front[order[o]];
                    Row(i).CopyTo(nextGenomes.AsSpan(kept * dim, dim));
                    objectives.AsSpan(i * m, m).CopyTo(nextObjectives.AsSpan(kept * m, m));
                    nextViolation[kept] = violation[i];
                    nextRank[kept] = rank[i];
                    nextCrowding[kept] = distance[order[o]];
                }
            }
            (genomes, nextGenomes) = (nextGenomes, genomes);
            (objectives, nextObjectives) = (nextObjectives, objectives);
            (violation, nextViolation) = (nextViolation, violation);
            (rank, nextRank) = (nextRank, rank);
            (crowding, nextCrowding) = (nextCrowding, crowding);
            return kept;
        }

        void Report()
        {
            if (progress is null) return;
            double best = double.NaN;
            for (int i = 0; i < size; i++)
            {
                if (violation[i] == 0 && !(objectives[i * m] >= best)) best = objectives[i * m];
            }
            progress.Report(new ProgressReport(generations, evaluations, best, double.NaN, !double.IsNaN(best), lastFeasibleShare, clock.Elapsed));
        }
    }
}
