namespace WdnAccel.Core.Optimizers;

/// <summary>
/// SHADE (Tanabe &amp; Fukunaga 2013) on catalog indices: DE/current-to-pbest/1/bin with an archive (JADE, Zhang &amp;
/// Sanderson 2009), F and CR drawn per trial from success-history memories (<see cref="ShadeMemory"/>). Discrete
/// handling (ours): the mutant gene x_i + F·(x_pbest − x_i) + F·(x_r1 − x_r2) is computed in reals, a value beyond a
/// catalog end is replaced by the midpoint between the parent's gene and that end (SHADE's bound rule), and the
/// result is rounded stochastically (down or up with probability equal to the fraction), so small F still moves
/// genes; a trial identical to its parent gets its forced gene moved one catalog step. Selection and the p-best
/// ranking use Deb's feasibility rules (Deb 2000) with constraint = 1: a feasible design beats an infeasible one, two
/// feasible ones compare by cost, two infeasible ones by violation = fitness − cost (the penalty term of
/// <see cref="IProblem"/>s whose fitness is cost + penalty·violation, as pipe sizing's is). With constraint = 2 (the
/// default) the ε-constraint method (Takahama &amp; Sakai 2006) relaxes them: two designs whose violations are both
/// ≤ ε compare by cost, ε(0) is the violation at rank θ·NP of the initial population, ε(t) = ε(0)·(1 − t/Tc)^cp with
/// t the share of the budget spent, and ε = 0 (Deb's rules) from Tc on, so the population works along the
/// feasibility boundary from both sides before it is made to settle on the feasible side. The greedy descent of
/// <c>de</c> (<see cref="GreedyDescent"/>) rides in each generation's batch, with pair_moves &gt; 0 followed, on a member
/// that is a local minimum of its one-step and swap moves, by two-pipe moves (cheaper ones only); after <c>restart</c> generations
/// without a better population best the population is re-drawn at random (the best member kept with
/// restart_keep = 1), the memories reset and the archive emptied; that re-drawn population is that generation's one
/// Evaluate call. Every generation is one Evaluate call.
/// </summary>
public sealed class Shade : IOptimizer
{
    public string Name => "shade";

    /// <summary>Restarts in the last <see cref="Run"/> (diagnostics and tests).</summary>
    public int Restarts { get; private set; }

    /// <summary>Pair-move rows evaluated and pair moves taken in the last <see cref="Run"/> (diagnostics and tests).</summary>
    public (long Rows, int Improvements) PairMoves { get; private set; }

    public IReadOnlyList<OptimizerParameter> Parameters { get; } =
    [
        new("population", 80, 4, 1_000_000, "Population size NP (at least 4; 80 measured better than 50–70 and 90 on the pipe-sizing benchmarks)."),
        new("memory", 10, 1, 10_000, "History memory size H (cells of M_F and M_CR)."),
        new("p_max", 1, 0, 1, "Each trial's p-best share is drawn uniformly from [2/NP, p_max] (SHADE: 0.2; 1 measured better on the pipe-sizing benchmarks)."),
        new("archive", 1, 0, 10, "Archive size as a multiple of NP (replaced parents, donors for x_r2); 0 = no archive."),
        new("f_init", 0.5, 0, 1, "Initial value of every M_F cell."),
        new("cr_init", 0.8, 0, 1, "Initial value of every M_CR cell."),
        new("constraint", 2, 0, 2, "1 = Deb's feasibility rules (violation = fitness − cost), 2 = ε-constraint (Takahama & Sakai 2006: violations up to a shrinking ε count as feasible), 0 = compare penalized fitness."),
        new("eps_theta", 0.2, 0, 1, "ε-constraint: ε(0) = violation of the member at this rank share of the initial population (sorted by violation)."),
        new("eps_cp", 8, 0, 1000, "ε-constraint: ε(t) = ε(0)·(1 − t/Tc)^cp."),
        new("eps_share", 0.25, 0, 1, "ε-constraint: Tc as a share of the evaluation budget; ε = 0 (Deb's rules) from then on."),
        new("local_search", 1, 0, 1, "1 = de's greedy descent on the cheapest feasible member inside each generation's batch, 0 = none."),
        new("pair_moves", 0, 0, 3, "Pair moves after the descent's one-step and swap neighbourhoods fail on the cheapest feasible member: two pipes moved together by up to this many catalog steps each (only moves cheaper than the member), in the same batch; 0 = off. Needs local_search = 1."),
        new("pair_cap", 0, 0, 1_000_000, "Most pair-move rows per generation (the list, smallest saving first, continues next generation); 0 = the whole pair neighbourhood in one batch."),
        new("restart", 0, 0, 1_000_000, "Generations without a better population best before the population is re-drawn; 0 = never."),
        new("restart_spread", 0, 0, 1_000_000, "Also restart when the members differ from the best member in fewer than this many genes on average (population collapsed); 0 = never."),
        new("restart_keep", 1, 0, 1, "1 = a restart keeps the best member in the new population, 0 = all re-drawn (the run's best is reported either way)."),
    ];

    public OptimizerResult Run(IProblem problem, OptimizerSettings settings, IProgress<ProgressReport>? progress = null, CancellationToken cancellationToken = default)
    {
        var p = ResolvedParameters.Resolve(Name, Parameters, settings);
        var used = p.Apply(settings);
        var run = new RunTracker(Name, problem, used, progress, cancellationToken);
        Restarts = 0;
        int n = p.Int("population");
        double pMax = p["p_max"];
        int archiveCap = (int)Math.Round(p["archive"] * n);
        int constraint = p.Int("constraint");
        bool deb = constraint >= 1;
        double epsCp = p["eps_cp"], epsShare = p["eps_share"];
        double eps0 = 0, eps = 0;
        bool localSearch = p.Int("local_search") == 1;
        int restartAfter = p.Int("restart");
        bool restartKeep = p.Int("restart_keep") == 1;
        double restartSpread = p["restart_spread"];
        var memory = new ShadeMemory(p.Int("memory"), p["f_init"], p["cr_init"]);
        int dim = run.Dimensions;
        var rng = run.Rng;
        var opts = run.Options;

        var descent = localSearch ? new GreedyDescent(dim, opts, problem, p.Int("pair_moves"), p.Int("pair_cap")) : null;
        int lsRows = descent?.MaxRows ?? 0;
        var pop = new int[n * dim];
        var evals = new Evaluation[n];
        var batch = new int[(n + lsRows) * dim];
        var batchEvals = new Evaluation[n + lsRows];
        var archive = new int[Math.Max(archiveCap, 1) * dim];
        int archived = 0;
        var trialF = new double[n];
        var trialCr = new double[n];
        var order = new int[n];
        var keep = new int[n];
        Comparison<int> rank = (a, b) =>
        {
            int c = Compare(evals[a], evals[b], deb, eps);
            return c != 0 ? c : a.CompareTo(b);
        };

        for (int i = 0; i < n; i++) GenomeOperators.Randomize(pop.AsSpan(i * dim, dim), opts, rng);
        run.Evaluate(pop, n, evals);
        run.Report();
        if (constraint == 2)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++) v[i] = !evals[i].IsUsable ? double.PositiveInfinity : evals[i].Feasible ? 0 : Violation(evals[i]);
            Array.Sort(v);
            eps0 = v[Math.Clamp((int)(p["eps_theta"] * n), 0, n - 1)];
            if (!double.IsFinite(eps0)) eps0 = 0;
        }
        var popBest = evals[BestIndex(evals, n, deb)];
        int stall = 0;

        while (!run.ShouldStop)
        {
            if ((restartAfter > 0 && stall >= restartAfter) || (restartSpread > 0 && Spread(pop, evals, n, dim, deb) < restartSpread))
            {
                // Restart: re-draw the population (the best member stays with restart_keep = 1) in one call.
                int bi = BestIndex(evals, n, deb);
                int rows = 0;
                for (int i = 0; i < n; i++)
                {
                    if (restartKeep && i == bi) continue;
                    GenomeOperators.Randomize(batch.AsSpan(rows * dim, dim), opts, rng);
                    keep[rows++] = i;
                }
                int doneR = run.Evaluate(batch, rows, batchEvals);
                for (int k = 0; k < doneR; k++)
                {
                    int i = keep[k];
                    batch.AsSpan(k * dim, dim).CopyTo(pop.AsSpan(i * dim, dim));
                    evals[i] = batchEvals[k];
                }
                Restarts++;
                memory.Reset();
                archived = 0;
                stall = 0;
                popBest = evals[BestIndex(evals, n, deb)];
                run.EndGeneration();
                continue;
            }

            if (constraint == 2)
            {
                double t = (double)run.EvaluationsUsed / settings.MaxEvaluations;
                eps = epsShare > 0 && t < epsShare ? eps0 * Math.Pow(1 - t / epsShare, epsCp) : 0;
            }
            for (int i = 0; i < n; i++) order[i] = i;
            Array.Sort(order, rank);
            double pMin = Math.Min(2.0 / n, pMax);
            for (int i = 0; i < n; i++)
            {
                var (f, cr) = memory.Sample(rng);
                trialF[i] = f;
                trialCr[i] = cr;
                double share = pMin + (pMax - pMin) * rng.NextDouble();
                int pCount = Math.Clamp((int)Math.Round(share * n), 1, n);
                int pb = order[rng.NextInt(pCount)];
                int r1, r2;
                do r1 = rng.NextInt(n); while (r1 == i);
                do r2 = rng.NextInt(n + archived); while (r2 == i || r2 == r1);
                var x = pop.AsSpan(i * dim, dim);
                var xp = pop.AsSpan(pb * dim, dim);
                var x1 = pop.AsSpan(r1 * dim, dim);
                var x2 = r2 < n ? pop.AsSpan(r2 * dim, dim) : archive.AsSpan((r2 - n) * dim, dim);
                var t = batch.AsSpan(i * dim, dim);
                int forced = rng.NextInt(dim);
                bool same = true;
                for (int d = 0; d < dim; d++)
                {
                    if (d == forced || rng.NextBool(cr))
                    {
                        int top = opts[d] - 1;
                        double v = x[d] + f * (xp[d] - x[d]) + f * (x1[d] - x2[d]);
                        if (v < 0) v = 0.5 * x[d];
                        else if (v > top) v = 0.5 * (x[d] + top);
                        t[d] = GenomeOperators.Clamp((long)Math.Floor(v + rng.NextDouble()), opts[d]);
                    }
                    else t[d] = x[d];
                    if (t[d] != x[d]) same = false;
                }
                if (same && opts[forced] > 1)
                {
                    // Rounding left the parent unchanged: move the forced gene one step (reflected at the ends).
                    int step = rng.NextBool(0.5) ? 1 : -1;
                    int g = x[forced] + step;
                    if (g < 0 || g >= opts[forced]) g = x[forced] - step;
                    t[forced] = g;
                }
            }

            int neighbours = 0, lsSlot = -1;
            if (descent is not null) neighbours = descent.Prepare(pop, evals, n, batch.AsSpan(n * dim), out lsSlot);

            int done = run.Evaluate(batch, n + neighbours, batchEvals);
            for (int i = 0; i < Math.Min(done, n); i++)
            {
                var te = batchEvals[i];
                if (!te.IsUsable) continue;
                int c = Compare(te, evals[i], deb, eps);
                if (c > 0) continue;
                if (c < 0)
                {
                    if (archiveCap > 0)
                    {
                        int slot = archived < archiveCap ? archived++ : rng.NextInt(archiveCap);
                        pop.AsSpan(i * dim, dim).CopyTo(archive.AsSpan(slot * dim, dim));
                    }
                    memory.AddSuccess(trialF[i], trialCr[i], evals[i].SearchKey - te.SearchKey);
                }
                batch.AsSpan(i * dim, dim).CopyTo(pop.AsSpan(i * dim, dim));
                evals[i] = te;
            }
            if (descent is not null && lsSlot >= 0)
                descent.Apply(pop, evals, lsSlot, batch.AsSpan(n * dim), batchEvals.AsSpan(n), Math.Max(0, done - n), neighbours);
            memory.Update();

            var nowBest = evals[BestIndex(evals, n, deb)];
            if (Compare(nowBest, popBest, deb) < 0) { popBest = nowBest; stall = 0; }
            else stall++;
            run.EndGeneration();
        }
        PairMoves = descent is null ? (0, 0) : (descent.PairRows, descent.PairImprovements);
        return run.Finish(used);
    }

    /// <summary>Mean number of genes in which the members differ from the best member.</summary>
    private static double Spread(ReadOnlySpan<int> pop, ReadOnlySpan<Evaluation> evals, int n, int dim, bool deb)
    {
        int bi = BestIndex(evals, n, deb);
        var best = pop.Slice(bi * dim, dim);
        long differ = 0;
        for (int i = 0; i < n; i++)
        {
            var m = pop.Slice(i * dim, dim);
            for (int d = 0; d < dim; d++) if (m[d] != best[d]) differ++;
        }
        return (double)differ / n;
    }

    private static int BestIndex(ReadOnlySpan<Evaluation> evals, int n, bool deb)
    {
        int best = 0;
        for (int i = 1; i < n; i++) if (Compare(evals[i], evals[best], deb) < 0) best = i;
        return best;
    }

    /// <summary>
    /// Order of two evaluations (negative: <paramref name="a"/> better). Unusable ones are worst. With
    /// <paramref name="feasibilityRules"/> (Deb 2000): feasible before infeasible, feasible by cost then fitness,
    /// infeasible by violation (fitness − cost) then fitness; otherwise by penalized fitness. With
    /// <paramref name="epsilon"/> &gt; 0 (the ε level order): two designs both violating by ≤ ε, or by the same
    /// amount, compare by cost then fitness, otherwise the smaller violation wins; ε = 0 is Deb's order.
    /// </summary>
    internal static int Compare(Evaluation a, Evaluation b, bool feasibilityRules, double epsilon = 0)
    {
        if (!feasibilityRules) return a.SearchKey.CompareTo(b.SearchKey);
        if (!a.IsUsable || !b.IsUsable) return a.IsUsable == b.IsUsable ? 0 : a.IsUsable ? -1 : 1;
        if (epsilon > 0)
        {
            // ε level comparison (Takahama & Sakai 2006): both within ε (or equally violated) compare by cost.
            double va = a.Feasible ? 0 : Violation(a), vb = b.Feasible ? 0 : Violation(b);
            if ((va <= epsilon && vb <= epsilon) || va == vb)
            {
                int cc = a.Cost.CompareTo(b.Cost);
                return cc != 0 ? cc : a.Fitness.CompareTo(b.Fitness);
            }
            return va.CompareTo(vb);
        }
        if (a.Feasible != b.Feasible) return a.Feasible ? -1 : 1;
        if (a.Feasible)
        {
            int c = a.Cost.CompareTo(b.Cost);
            return c != 0 ? c : a.Fitness.CompareTo(b.Fitness);
        }
        int v = Violation(a).CompareTo(Violation(b));
        return v != 0 ? v : a.Fitness.CompareTo(b.Fitness);
    }

    /// <summary>The penalty term fitness − cost of an infeasible candidate (its fitness when the cost is not finite).</summary>
    internal static double Violation(Evaluation e)
    {
        double v = e.Fitness - e.Cost;
        return double.IsFinite(v) ? Math.Max(0, v) : e.Fitness;
    }
}
