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
/// that is a local minimum of its one-step and swap moves, by two-pipe moves (cheaper ones only); once ε is 0 and the
/// population has stalled, ruin-and-recreate chains (<see cref="RuinRecreate"/>, on by default) walk from such a local
/// minimum best-first over the local minima they reach (the ones at least ruin_far genes away first; an equally cheap
/// new local minimum joins the walk rather than restarting it), their rows in the same batch; after <c>restart</c> generations
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

    /// <summary>Ruin-and-recreate rows evaluated and improvements found in the last <see cref="Run"/> (diagnostics and tests).</summary>
    public (long Rows, int Improvements, int Centres) RuinMoves { get; private set; }

    public IReadOnlyList<OptimizerParameter> Parameters { get; } =
    [
        new("population", 80, 4, 1_000_000, "Population size NP (at least 4; 80 measured better than 50–70 and 90 on the pipe-sizing benchmarks).", Whole: true),
        new("memory", 10, 1, 10_000, "History memory size H (cells of M_F and M_CR).", Whole: true),
        new("p_max", 1, 0, 1, "Each trial's p-best share is drawn uniformly from [2/NP, p_max] (SHADE: 0.2; 1 measured better on the pipe-sizing benchmarks)."),
        new("archive", 1, 0, 10, "Archive size as a multiple of NP (replaced parents, donors for x_r2); 0 = no archive."),
        new("f_init", 0.5, 0, 1, "Initial value of every M_F cell."),
        new("cr_init", 0.8, 0, 1, "Initial value of every M_CR cell."),
        new("constraint", 2, 0, 2, "1 = Deb's feasibility rules (violation = fitness − cost), 2 = ε-constraint (Takahama & Sakai 2006: violations up to a shrinking ε count as feasible), 0 = compare penalized fitness.", Whole: true),
        new("eps_theta", 0.2, 0, 1, "ε-constraint: ε(0) = violation of the member at this rank share of the initial population (sorted by violation)."),
        new("eps_cp", 10, 0, 1000, "ε-constraint: ε(t) = ε(0)·(1 − t/Tc)^cp."),
        new("eps_share", 0.4, 0, 1, "ε-constraint: Tc as a share of the evaluation budget; ε = 0 (Deb's rules) from then on."),
        new("local_search", 1, 0, 1, "1 = de's greedy descent on the cheapest feasible member inside each generation's batch, 0 = none.", Whole: true),
        new("pair_moves", 0, 0, 3, "Pair moves after the descent's one-step and swap neighbourhoods fail on the cheapest feasible member: two pipes moved together by up to this many catalog steps each (only moves cheaper than the member), in the same batch; 0 = off. Needs local_search = 1.", Whole: true),
        new("pair_cap", 0, 0, 1_000_000, "Most pair-move rows per generation (the list, smallest saving first, continues next generation); 0 = the whole pair neighbourhood in one batch.", Whole: true),
        new("ruin_recreate", 2, 0, 100, "Ruin-and-recreate chains on a local minimum of the descent (one gene lowered one step or to its smallest option, feasibility recreated by greedy one-step increases of the others, then one-step decreases), walked best-first over the local minima they reach: about this × NP chain rows per generation (this × NP / D chains side by side, at least one); 0 = off. Needs local_search = 1 and a problem with a cheap cost."),
        new("opposition", 0, 0, 1, "1 = opposition-based initialization (Rahnamayan et al. 2008): NP random designs and their opposites evaluated in one call, the NP best start; 0 = NP random designs.", Whole: true),
        new("ruin_after", 0.15, 0, 1, "Ruin and recreate also runs (whatever ruin_rate says) once no better design has been found for this share of the evaluation budget; 0 = only ruin_rate decides."),
        new("ruin_rate", 0.08, 0, 1, "Ruin and recreate runs only while the smoothed share of trials that beat their parents (0.8·previous + 0.2·this generation's) is at most this: the population has stopped improving itself."),
        new("ruin_share", 0.5, 0, 1, "Most share of the evaluation budget the ruin-and-recreate rows may take."),
        new("ruin_slack", 0.15, 0, 1000, "A ruin-and-recreate chain ends when a recreate step would make it dearer than its centre × (1 + this)."),
        new("ruin_take", 0, 0, 1, "1 = any ruin-and-recreate chain row feasible and cheaper than the walk's origin is an improvement at once (the descent goes on from it); 0 = only a chain's end, so a chain cut short by a new walk loses what it found.", Whole: true),
        new("ruin_ties", 1, 0, 1, "1 = a new local minimum of the descent no cheaper than the ruin-and-recreate walk's origin (an equally cheap design) does not start a new walk: it waits in the walk's pool as a centre; 0 = every new local minimum starts a new walk (the behaviour before 6 Dec 2026, third pass).", Whole: true),
        new("ruin_far", 3, 0, 1_000_000, "The ruin-and-recreate walk's next centre: with this k > 0, chain ends differing from the walk's origin in at least k genes come first (cheapest first among them), then the nearer ones; 0 = cheapest first (the behaviour before 6 Dec 2026, third pass).", Whole: true),
        new("ruin_steps", 4, 0, 1_000_000, "Most recreate (one-step increase) steps of a ruin-and-recreate chain; 0 = 3·D.", Whole: true),
        new("np_min", 0, 0, 1_000_000, "Linear population size reduction (L-SHADE, Tanabe & Fukunaga 2014): NP falls linearly from population to this over the budget, the worst members leaving; 0 = constant NP.", Whole: true),
        new("restart", 0, 0, 1_000_000, "Generations without a better population best before the population is re-drawn; 0 = never.", Whole: true),
        new("restart_spread", 0, 0, 1_000_000, "Also restart when the members differ from the best member in fewer than this many genes on average (population collapsed); 0 = never."),
        new("restart_keep", 1, 0, 1, "1 = a restart keeps the best member in the new population, 0 = all re-drawn (the run's best is reported either way).", Whole: true),
        new("restart_cap", 0, 0, 1, "1 = from a restart on, designs costing as much as the run's best feasible design or more rank after every cheaper one (the search goes on below the best cost), and the re-drawn members are drawn below it (needs a problem with a cheap cost); 0 = no cap.", Whole: true),
        new("restart_radius", 0, 0, 1, "Sequential niching at restarts: the population's best member at each restart is remembered as a local minimum, and designs differing from one in at most this share of the genes rank after every other design; 0 = off."),
        new("restart_around", 0, 0, 1, "A restart re-seeds around the run's best feasible design instead of at random: each gene moved ±1–2 catalog steps with this probability (at least one gene moved); 0 = random re-draw."),
        new("restart_after_eps", 0, 0, 1, "1 = stalled generations trigger a restart only once ε has reached 0 (the ε phase is never cut short); 0 = any time.", Whole: true),
        new("restart_eps", 0, 0, 1, "1 = a restart starts the ε schedule again over the budget left (ε(0) from the re-drawn population); 0 = it goes on.", Whole: true),
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
        bool restartCap = p.Int("restart_cap") == 1;
        bool restartEps = p.Int("restart_eps") == 1;
        var costed = problem as ICostedProblem;
        double cap = double.PositiveInfinity; // designs this dear or dearer rank after every cheaper one
        long epsStart = 0;
        double around = p["restart_around"];
        bool restartAfterEps = p.Int("restart_after_eps") == 1;
        double radiusShare = p["restart_radius"];
        var minima = new List<int[]>(); // local minima remembered at restarts (sequential niching)
        var tabu = new bool[n];
        bool trialTabu = false;
        var memory = new ShadeMemory(p.Int("memory"), p["f_init"], p["cr_init"]);
        int dim = run.Dimensions;
        var rng = run.Rng;
        var opts = run.Options;

        var descent = localSearch ? new GreedyDescent(dim, opts, problem, p.Int("pair_moves"), p.Int("pair_cap")) : null;
        // ruin_recreate = r: about r·NP chain rows per generation, i.e. r·NP/D chains side by side (at least one).
        var ruin = descent is not null && costed is not null && p["ruin_recreate"] > 0
            ? new RuinRecreate(dim, opts, costed, Math.Max(1, (int)Math.Round(p["ruin_recreate"] * n / dim)), (long)Math.Ceiling(p["ruin_share"] * settings.MaxEvaluations), p["ruin_slack"], p.Int("ruin_steps"), p.Int("ruin_take") == 1, p.Int("ruin_ties") == 1, p.Int("ruin_far")) : null;
        int lsRows = (descent?.MaxRows ?? 0) + (ruin?.MaxRows ?? 0);
        var ruinGenome = new int[dim];
        double successRate = 1, ruinRate = p["ruin_rate"];
        long ruinAfter = (long)Math.Ceiling(p["ruin_after"] * settings.MaxEvaluations);
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
            if (tabu[a] != tabu[b]) return tabu[a] ? 1 : -1;
            int c = Compare(evals[a], evals[b], deb, eps, cap);
            return c != 0 ? c : a.CompareTo(b);
        };

        var violations = new double[n];
        if (p.Int("opposition") == 1)
        {
            // Opposition-based initialization (Rahnamayan, Tizhoosh & Salama 2008): n random designs and their opposites
            // (option o → options − 1 − o) in one call; the n best of the 2n by the run's order (ε(0) from all 2n) start.
            var pool = new int[2 * n * dim];
            var poolEvals = new Evaluation[2 * n];
            for (int i = 0; i < n; i++)
            {
                var x = pool.AsSpan(i * dim, dim);
                GenomeOperators.Randomize(x, opts, rng);
                var o = pool.AsSpan((n + i) * dim, dim);
                for (int d = 0; d < dim; d++) o[d] = opts[d] - 1 - x[d];
            }
            run.Evaluate(pool, 2 * n, poolEvals);
            if (constraint == 2) eps0 = InitialEpsilon(poolEvals, 2 * n, p["eps_theta"], new double[2 * n]);
            var idx = new int[2 * n];
            for (int i = 0; i < 2 * n; i++) idx[i] = i;
            Array.Sort(idx, (a, b) =>
            {
                int c = Compare(poolEvals[a], poolEvals[b], deb, constraint == 2 ? eps0 : 0);
                return c != 0 ? c : a.CompareTo(b);
            });
            for (int i = 0; i < n; i++)
            {
                pool.AsSpan(idx[i] * dim, dim).CopyTo(pop.AsSpan(i * dim, dim));
                evals[i] = poolEvals[idx[i]];
            }
            run.Report();
        }
        else
        {
            for (int i = 0; i < n; i++) GenomeOperators.Randomize(pop.AsSpan(i * dim, dim), opts, rng);
            run.Evaluate(pop, n, evals);
            run.Report();
            if (constraint == 2) eps0 = InitialEpsilon(evals, n, p["eps_theta"], violations);
        }
        int popBestIndex = BestIndex(evals, tabu, n, deb, cap);
        var popBest = evals[popBestIndex];
        bool popBestTabu = false;
        int stall = 0;

        int np = n; // the current population size (L-SHADE's reduction shrinks it with np_min > 0)
        int npMin = p.Int("np_min");
        var shrinkPop = npMin > 0 ? new int[n * dim] : [];
        var shrinkEvals = npMin > 0 ? new Evaluation[n] : [];
        var shrinkTabu = npMin > 0 ? new bool[n] : [];
        var rankComparer = Comparer<int>.Create(rank);
        while (!run.ShouldStop)
        {
            bool epsOver = constraint != 2 || !restartAfterEps || (double)(run.EvaluationsUsed - epsStart) / Math.Max(1, settings.MaxEvaluations - epsStart) >= epsShare;
            if ((restartAfter > 0 && stall >= restartAfter && epsOver) || (restartSpread > 0 && Spread(pop, evals, np, dim, deb) < restartSpread))
            {
                // Restart: re-draw the population (the best member stays with restart_keep = 1) in one call.
                int bi = BestIndex(evals, tabu, np, deb, cap);
                if (radiusShare > 0 && !tabu[bi]) minima.Add(pop.AsSpan(bi * dim, dim).ToArray());
                if (restartCap && costed is not null) cap = run.BestFeasibleCost;
                int rows = 0;
                for (int i = 0; i < np; i++)
                {
                    if (restartKeep && i == bi) continue;
                    var row = batch.AsSpan(rows * dim, dim);
                    if (around > 0 && run.BestFeasibleGenome is int[] centre) Perturb(centre, row, around, opts, rng);
                    else if (double.IsFinite(cap)) DrawBelow(row, costed!, cap, opts, rng);
                    else GenomeOperators.Randomize(row, opts, rng);
                    keep[rows++] = i;
                }
                int doneR = run.Evaluate(batch, rows, batchEvals);
                for (int k = 0; k < doneR; k++)
                {
                    int i = keep[k];
                    batch.AsSpan(k * dim, dim).CopyTo(pop.AsSpan(i * dim, dim));
                    evals[i] = batchEvals[k];
                }
                for (int i = 0; i < np; i++) tabu[i] = NearMinimum(pop.AsSpan(i * dim, dim), minima, radiusShare);
                Restarts++;
                memory.Reset();
                archived = 0;
                stall = 0;
                if (restartEps && constraint == 2)
                {
                    eps0 = InitialEpsilon(evals, np, p["eps_theta"], violations);
                    epsStart = run.EvaluationsUsed;
                }
                popBestIndex = BestIndex(evals, tabu, np, deb, cap);
                popBest = evals[popBestIndex];
                popBestTabu = tabu[popBestIndex];
                run.EndGeneration();
                continue;
            }

            if (constraint == 2)
            {
                double t = (double)(run.EvaluationsUsed - epsStart) / Math.Max(1, settings.MaxEvaluations - epsStart);
                eps = epsShare > 0 && t < epsShare ? eps0 * Math.Pow(1 - t / epsShare, epsCp) : 0;
            }
            for (int i = 0; i < np; i++) order[i] = i;
            Array.Sort(order, 0, np, rankComparer);
            double pMin = Math.Min(2.0 / np, pMax);
            for (int i = 0; i < np; i++)
            {
                var (f, cr) = memory.Sample(rng);
                trialF[i] = f;
                trialCr[i] = cr;
                double share = pMin + (pMax - pMin) * rng.NextDouble();
                int pCount = Math.Clamp((int)Math.Round(share * np), 1, np);
                int pb = order[rng.NextInt(pCount)];
                int r1, r2;
                do r1 = rng.NextInt(np); while (r1 == i);
                do r2 = rng.NextInt(np + archived); while (r2 == i || r2 == r1);
                var x = pop.AsSpan(i * dim, dim);
                var xp = pop.AsSpan(pb * dim, dim);
                var x1 = pop.AsSpan(r1 * dim, dim);
                var x2 = r2 < np ? pop.AsSpan(r2 * dim, dim) : archive.AsSpan((r2 - np) * dim, dim);
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

            int neighbours = 0, lsSlot = -1, ruinRows = 0, ruinSlot = -1;
            if (descent is not null) neighbours = descent.Prepare(pop, evals, np, batch.AsSpan(np * dim), out lsSlot);
            if (ruin is not null && lsSlot < 0 && eps == 0 && (successRate <= ruinRate || (ruinAfter > 0 && run.EvaluationsUsed - run.EvaluationsToBest >= ruinAfter)) && descent!.LocalMinimum is int[] lm)
            {
                ruinSlot = CheapestFeasible(evals, np);
                if (ruinSlot >= 0 && pop.AsSpan(ruinSlot * dim, dim).SequenceEqual(lm))
                    ruinRows = ruin.Prepare(lm, evals[ruinSlot].Cost, batch.AsSpan((np + neighbours) * dim));
                else ruinSlot = -1;
            }

            int done = run.Evaluate(batch, np + neighbours + ruinRows, batchEvals);
            int successes = 0;
            for (int i = 0; i < Math.Min(done, np); i++)
            {
                var te = batchEvals[i];
                if (!te.IsUsable) continue;
                trialTabu = minima.Count > 0 && NearMinimum(batch.AsSpan(i * dim, dim), minima, radiusShare);
                int c = trialTabu != tabu[i] ? (trialTabu ? 1 : -1) : Compare(te, evals[i], deb, eps, cap);
                if (c > 0) continue;
                if (c < 0)
                {
                    successes++;
                    if (archiveCap > 0)
                    {
                        int capNow = npMin > 0 ? Math.Max(1, (int)Math.Round(p["archive"] * np)) : archiveCap;
                        int slot = archived < capNow ? archived++ : rng.NextInt(capNow);
                        pop.AsSpan(i * dim, dim).CopyTo(archive.AsSpan(slot * dim, dim));
                    }
                    memory.AddSuccess(trialF[i], trialCr[i], evals[i].SearchKey - te.SearchKey);
                }
                batch.AsSpan(i * dim, dim).CopyTo(pop.AsSpan(i * dim, dim));
                evals[i] = te;
                tabu[i] = trialTabu;
            }
            if (descent is not null && lsSlot >= 0
                && descent.Apply(pop, evals, lsSlot, batch.AsSpan(np * dim), batchEvals.AsSpan(np), Math.Max(0, done - np), neighbours)
                && minima.Count > 0)
                tabu[lsSlot] = NearMinimum(pop.AsSpan(lsSlot * dim, dim), minima, radiusShare);
            if (ruinRows > 0
                && ruin!.Apply(batch.AsSpan((np + neighbours) * dim), batchEvals.AsSpan(np + neighbours), Math.Max(0, done - np - neighbours), ruinGenome, out var ruinEval)
                && Compare(ruinEval, evals[ruinSlot], deb, 0, cap) < 0)
            {
                // A chain ended below the local minimum: the design takes the minimum's slot and the descent goes on from it.
                ruinGenome.CopyTo(pop.AsSpan(ruinSlot * dim, dim));
                evals[ruinSlot] = ruinEval;
                tabu[ruinSlot] = NearMinimum(ruinGenome, minima, radiusShare);
            }
            memory.Update();
            successRate = 0.8 * successRate + 0.2 * successes / np;

            int nowIndex = BestIndex(evals, tabu, np, deb, cap);
            var nowBest = evals[nowIndex];
            bool nowTabu = tabu[nowIndex];
            int better = nowTabu != popBestTabu ? (nowTabu ? 1 : -1) : Compare(nowBest, popBest, deb, 0, cap);
            if (better < 0) { popBest = nowBest; popBestTabu = nowTabu; stall = 0; }
            else stall++;
            if (npMin > 0 && np > npMin)
            {
                // Linear population size reduction (L-SHADE, Tanabe & Fukunaga 2014): NP falls linearly from its
                // initial value to np_min over the budget; the worst members by the run's order leave.
                int target = (int)Math.Round(n + (npMin - n) * (double)run.EvaluationsUsed / settings.MaxEvaluations);
                target = Math.Clamp(target, npMin, np);
                if (target < np)
                {
                    for (int i = 0; i < np; i++) order[i] = i;
                    Array.Sort(order, 0, np, rankComparer);
                    for (int k = 0; k < target; k++)
                    {
                        pop.AsSpan(order[k] * dim, dim).CopyTo(shrinkPop.AsSpan(k * dim, dim));
                        shrinkEvals[k] = evals[order[k]];
                        shrinkTabu[k] = tabu[order[k]];
                    }
                    shrinkPop.AsSpan(0, target * dim).CopyTo(pop);
                    shrinkEvals.AsSpan(0, target).CopyTo(evals);
                    shrinkTabu.AsSpan(0, target).CopyTo(tabu);
                    np = target;
                    int capNow = Math.Max(1, (int)Math.Round(p["archive"] * np));
                    while (archiveCap > 0 && archived > capNow)
                    {
                        // Random members leave the archive (L-SHADE).
                        int out_ = rng.NextInt(archived);
                        archive.AsSpan((archived - 1) * dim, dim).CopyTo(archive.AsSpan(out_ * dim, dim));
                        archived--;
                    }
                    popBestIndex = BestIndex(evals, tabu, np, deb, cap);
                }
            }
            run.EndGeneration();
        }
        RuinMoves = ruin is null ? (0, 0, 0) : (ruin.RowsEvaluated, ruin.Improvements, ruin.Centres);
        PairMoves = descent is null ? (0, 0) : (descent.PairRows, descent.PairImprovements);
        return run.Finish(used);
    }

    private static int CheapestFeasible(ReadOnlySpan<Evaluation> evals, int n)
    {
        int bf = -1;
        for (int i = 0; i < n; i++)
            if (evals[i].IsUsable && evals[i].Feasible && (bf < 0 || evals[i].Cost < evals[bf].Cost)) bf = i;
        return bf;
    }

    /// <summary>Mean number of genes in which the members differ from the best member.</summary>
    private static double Spread(ReadOnlySpan<int> pop, ReadOnlySpan<Evaluation> evals, int n, int dim, bool deb)
    {
        int bi = BestIndex(evals, new bool[n], n, deb);
        var best = pop.Slice(bi * dim, dim);
        long differ = 0;
        for (int i = 0; i < n; i++)
        {
            var m = pop.Slice(i * dim, dim);
            for (int d = 0; d < dim; d++) if (m[d] != best[d]) differ++;
        }
        return (double)differ / n;
    }

    private static int BestIndex(ReadOnlySpan<Evaluation> evals, ReadOnlySpan<bool> tabu, int n, bool deb, double cap = double.PositiveInfinity)
    {
        int best = 0;
        for (int i = 1; i < n; i++)
        {
            int c = tabu[i] != tabu[best] ? (tabu[i] ? 1 : -1) : Compare(evals[i], evals[best], deb, 0, cap);
            if (c < 0) best = i;
        }
        return best;
    }

    /// <summary>True when <paramref name="genome"/> differs from one of <paramref name="minima"/> in at most share·D genes.</summary>
    internal static bool NearMinimum(ReadOnlySpan<int> genome, List<int[]> minima, double share)
    {
        if (minima.Count == 0 || share <= 0) return false;
        int limit = (int)Math.Floor(share * genome.Length);
        foreach (var m in minima)
        {
            int differ = 0;
            for (int d = 0; d < genome.Length && differ <= limit; d++) if (genome[d] != m[d]) differ++;
            if (differ <= limit) return true;
        }
        return false;
    }

    /// <summary>ε(0): the violation at rank θ·n of the members sorted by violation (0 when that is not finite).</summary>
    private static double InitialEpsilon(ReadOnlySpan<Evaluation> evals, int n, double theta, double[] v)
    {
        for (int i = 0; i < n; i++) v[i] = !evals[i].IsUsable ? double.PositiveInfinity : evals[i].Feasible ? 0 : Violation(evals[i]);
        Array.Sort(v, 0, n);
        double e = v[Math.Clamp((int)(theta * n), 0, n - 1)];
        return double.IsFinite(e) ? e : 0;
    }

    /// <summary>Writes <paramref name="centre"/> with each gene moved ±1–2 catalog steps with probability <paramref name="rate"/> (at least one moved).</summary>
    internal static void Perturb(ReadOnlySpan<int> centre, Span<int> row, double rate, int[] options, Xoshiro256StarStar rng)
    {
        centre.CopyTo(row);
        int movable = 0;
        for (int d = 0; d < row.Length; d++) if (options[d] > 1) movable++;
        if (movable == 0) return;
        int forced = rng.NextInt(movable);
        for (int d = 0, m = 0; d < row.Length; d++)
        {
            if (options[d] < 2) continue;
            bool isForced = m++ == forced;
            if (!isForced && !rng.NextBool(rate)) continue;
            int step = (1 + rng.NextInt(2)) * (rng.NextBool(0.5) ? 1 : -1);
            int g = row[d] + step;
            if (g < 0 || g >= options[d]) g = row[d] - step;                 // reflected at a catalog end
            if (g < 0 || g >= options[d]) g = row[d] + 1 < options[d] ? row[d] + 1 : row[d] - 1; // a catalog of 2
            row[d] = g;
        }
    }

    /// <summary>
    /// A random design cheaper than <paramref name="cap"/>: uniform draws until one is (at most 100), else the last
    /// draw with randomly chosen genes lowered one catalog step at a time until it is (or every gene is at 0).
    /// </summary>
    internal static void DrawBelow(Span<int> row, ICostedProblem problem, double cap, int[] options, Xoshiro256StarStar rng)
    {
        for (int tries = 0; tries < 100; tries++)
        {
            GenomeOperators.Randomize(row, options, rng);
            if (problem.Cost(row) < cap) return;
        }
        while (problem.Cost(row) >= cap)
        {
            int nonZero = 0;
            foreach (int g in row) if (g > 0) nonZero++;
            if (nonZero == 0) return;
            int k = rng.NextInt(nonZero);
            for (int d = 0; d < row.Length; d++)
                if (row[d] > 0 && k-- == 0) { row[d]--; break; }
        }
    }

    /// <summary>
    /// Order of two evaluations (negative: <paramref name="a"/> better). Unusable ones are worst. With
    /// <paramref name="feasibilityRules"/> (Deb 2000): feasible before infeasible, feasible by cost then fitness,
    /// infeasible by violation (fitness − cost) then fitness; otherwise by penalized fitness. With
    /// <paramref name="epsilon"/> &gt; 0 (the ε level order): two designs both violating by ≤ ε, or by the same
    /// amount, compare by cost then fitness, otherwise the smaller violation wins; ε = 0 is Deb's order.
    /// </summary>
    internal static int Compare(Evaluation a, Evaluation b, bool feasibilityRules, double epsilon = 0, double cap = double.PositiveInfinity)
    {
        if (cap < double.PositiveInfinity && a.IsUsable && b.IsUsable)
        {
            // The cost cap of restart_cap: a design as dear as the cap or dearer ranks after every cheaper one.
            bool aOver = a.Cost >= cap, bOver = b.Cost >= cap;
            if (aOver != bOver) return aOver ? 1 : -1;
        }
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
