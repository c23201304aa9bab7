using System.Diagnostics;

namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The bookkeeping every algorithm shares: the evaluation budget (the last batch is truncated so the budget is
/// never exceeded), the best candidate (feasible by cost, else lowest fitness; invalid never), the convergence
/// history, the target, progress reports and cancellation. With <see cref="OptimizerSettings.EvaluationCache"/> it
/// also keeps the run's evaluation cache: a design the run has evaluated before is answered from the cache and is
/// neither sent to the problem again nor counted, so the budget and every evaluation count are distinct designs.
/// </summary>
internal sealed class RunTracker
{
    private readonly IProblem _problem;
    private readonly OptimizerSettings _settings;
    private readonly string _algorithm;
    private readonly IProgress<ProgressReport>? _progress;
    private readonly CancellationToken _ct;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<HistoryPoint> _history = [];
    private readonly int[] _bestGenome;
    private Evaluation _best = Evaluation.Invalid;
    private bool _haveBest;
    private long _evaluationsToBest;
    private long? _evaluationsToTarget;
    private double _lastFeasibleShare;
    private readonly EvaluationCache? _cache;
    private int[] _freshGenomes = [];
    private Evaluation[] _freshResults = [];
    private int[] _rowSource = [];

    public RunTracker(string algorithm, IProblem problem, OptimizerSettings resolvedSettings, IProgress<ProgressReport>? progress, CancellationToken ct)
    {
        _algorithm = algorithm;
        _problem = problem ?? throw new ArgumentNullException(nameof(problem));
        _settings = resolvedSettings;
        _progress = progress;
        _ct = ct;
        Dimensions = problem.Dimensions;
        if (Dimensions < 1) throw new ArgumentException($"{algorithm}: the problem has no decision variables.", nameof(problem));
        Options = new int[Dimensions];
        for (int d = 0; d < Dimensions; d++)
        {
            Options[d] = problem.Options(d);
            if (Options[d] < 1) throw new ArgumentException($"{algorithm}: decision variable {d} has no options.", nameof(problem));
        }
        _bestGenome = new int[Dimensions];
        Rng = new Xoshiro256StarStar(resolvedSettings.Seed);
        if (resolvedSettings.EvaluationCache) _cache = new EvaluationCache(Dimensions, resolvedSettings.MaxEvaluations);
    }

    /// <summary>Rows answered from the evaluation cache (designs the run had evaluated before); 0 without the cache.</summary>
    public long CacheHits { get; private set; }

    public int Dimensions { get; }

    /// <summary>Catalog size per decision variable, read once.</summary>
    public int[] Options { get; }

    public Xoshiro256StarStar Rng { get; }

    public long EvaluationsUsed { get; private set; }

    public long Remaining => _settings.MaxEvaluations - EvaluationsUsed;

    /// <summary>The best feasible candidate's genome (null while none is feasible); the tracker's own array, not a copy.</summary>
    public int[]? BestFeasibleGenome => _haveBest && _best.Feasible ? _bestGenome : null;

    /// <summary>The 1-based index of the evaluation that found the current best (0 before any).</summary>
    public long EvaluationsToBest => _evaluationsToBest;

    /// <summary>Cost of the best feasible candidate evaluated so far; +∞ while none is feasible.</summary>
    public double BestFeasibleCost => _haveBest && _best.Feasible ? _best.Cost : double.PositiveInfinity;

    public int Calls { get; private set; }

    public int Generations { get; private set; }

    public bool TargetReached => _evaluationsToTarget.HasValue;

    public bool Cancelled => _ct.IsCancellationRequested;

    /// <summary>
    /// True when the main loop must end: budget spent, target reached (if stopping there) or cancelled; with the
    /// evaluation cache also once as many rows as the budget have been answered from it (a search that keeps proposing
    /// designs it has seen, e.g. on a problem with fewer designs than the budget, would otherwise never end).
    /// </summary>
    public bool ShouldStop => Remaining <= 0 || (TargetReached && _settings.StopAtTarget) || Cancelled
        || (_cache is not null && CacheHits >= _settings.MaxEvaluations);

    /// <summary>
    /// Evaluates up to <paramref name="count"/> genomes in ONE call to the problem; rows beyond the remaining
    /// budget are not evaluated and get <see cref="Evaluation.Invalid"/>. Returns the number evaluated.
    /// </summary>
    public int Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
    {
        if (_cache is not null) return EvaluateCached(genomes, count, results);
        int n = (int)Math.Min(count, Math.Max(0, Remaining));
        if (n > 0)
        {
            results[..n].Fill(Evaluation.Invalid);
            _problem.Evaluate(genomes[..(n * Dimensions)], n, results[..n]);
            Calls++;
            int feasible = 0;
            for (int i = 0; i < n; i++)
            {
                var e = results[i];
                long index = EvaluationsUsed + i + 1;
                if (e.IsUsable && e.Feasible) feasible++;
                Consider(genomes.Slice(i * Dimensions, Dimensions), e, index);
            }
            EvaluationsUsed += n;
            _lastFeasibleShare = (double)feasible / n;
        }
        results[n..count].Fill(Evaluation.Invalid);
        return n;
    }

    /// <summary>
    /// <see cref="Evaluate"/> with the cache: the rows are taken in order while the budget lasts for the new designs
    /// among them; a design evaluated before (in an earlier call or earlier in this batch) takes its stored evaluation,
    /// the new ones go to the problem in ONE call (none when every row is known) and count one evaluation each, in row
    /// order. Rows past the last one taken get <see cref="Evaluation.Invalid"/>. Returns the number of rows taken.
    /// </summary>
    private int EvaluateCached(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
    {
        var cache = _cache!;
        if (_rowSource.Length < count) _rowSource = new int[count];
        long budget = Math.Max(0, Remaining);
        // The cache stores this batch's new designs in order from batchStart (until it is full, after which it stores
        // none): entry batchStart + j is new design j. A row's source is a stored entry (≥ 0) or ~j for new design j.
        int batchStart = cache.Count;
        int n = 0, fresh = 0;
        for (; n < count; n++)
        {
            var g = genomes.Slice(n * Dimensions, Dimensions);
            // A new design is stored only while the budget lasts for it, so the stored ones are those evaluated.
            int e = cache.FindOrAdd(g, mayAdd: fresh < budget, out bool added);
            if (!added)
            {
                if (e >= 0) { _rowSource[n] = e >= batchStart ? ~(e - batchStart) : e; continue; }
                // The table is full: an unstored design repeated within this batch is still evaluated once.
                int repeat = cache.Count >= cache.Capacity ? IndexOfFresh(g, fresh) : -1;
                if (repeat >= 0) { _rowSource[n] = ~repeat; continue; }
                if (fresh >= budget) break;
            }
            if (_freshGenomes.Length < (fresh + 1) * Dimensions) Array.Resize(ref _freshGenomes, Math.Max(64, 2 * (fresh + 1)) * Dimensions);
            g.CopyTo(_freshGenomes.AsSpan(fresh * Dimensions, Dimensions));
            _rowSource[n] = ~fresh++;
        }
        if (fresh > 0)
        {
            if (_freshResults.Length < fresh) _freshResults = new Evaluation[Math.Max(64, 2 * fresh)];
            var fr = _freshResults.AsSpan(0, fresh);
            fr.Fill(Evaluation.Invalid);
            _problem.Evaluate(_freshGenomes.AsSpan(0, fresh * Dimensions), fresh, fr);
            Calls++;
            for (int j = 0; j < fresh; j++)
            {
                Consider(_freshGenomes.AsSpan(j * Dimensions, Dimensions), fr[j], EvaluationsUsed + j + 1);
                if (batchStart + j < cache.Count) cache[batchStart + j] = fr[j];
            }
        }
        int feasible = 0;
        for (int i = 0; i < n; i++)
        {
            int source = _rowSource[i];
            var e = source >= 0 ? cache[source] : _freshResults[~source];
            results[i] = e;
            if (e.IsUsable && e.Feasible) feasible++;
        }
        CacheHits += n - fresh; // every row taken but the first of each new design
        EvaluationsUsed += fresh;
        if (n > 0) _lastFeasibleShare = (double)feasible / n;
        results[n..count].Fill(Evaluation.Invalid);
        return n;
    }

    /// <summary>The new design of this batch equal to <paramref name="genome"/> among the first <paramref name="fresh"/>, or −1.</summary>
    private int IndexOfFresh(ReadOnlySpan<int> genome, int fresh)
    {
        for (int j = 0; j < fresh; j++)
            if (_freshGenomes.AsSpan(j * Dimensions, Dimensions).SequenceEqual(genome)) return j;
        return -1;
    }

    private void Consider(ReadOnlySpan<int> genome, Evaluation e, long index)
    {
        if (!e.IsUsable) return;
        if (e.Feasible && _settings.TargetCost is double target && !_evaluationsToTarget.HasValue
            && e.Cost <= target + _settings.TargetTolerance * Math.Max(1.0, Math.Abs(target)))
            _evaluationsToTarget = index;
        if (_haveBest && !IsBetter(e, _best)) return;
        if (e.Feasible && (!_haveBest || !_best.Feasible || e.Cost < _best.Cost))
            _history.Add(new HistoryPoint(index, e.Cost));
        _best = e;
        _haveBest = true;
        _evaluationsToBest = index;
        genome.CopyTo(_bestGenome);
    }

    /// <summary>Feasible beats infeasible; among feasible lower cost (then fitness) wins; among infeasible lower fitness.</summary>
    public static bool IsBetter(Evaluation a, Evaluation b)
    {
        if (!a.IsUsable) return false;
        if (!b.IsUsable) return true;
        if (a.Feasible != b.Feasible) return a.Feasible;
        if (a.Feasible) return a.Cost < b.Cost || (a.Cost == b.Cost && a.Fitness < b.Fitness);
        return a.Fitness < b.Fitness;
    }

    /// <summary>Counts a finished generation and reports progress.</summary>
    public void EndGeneration()
    {
        Generations++;
        Report();
    }

    public void Report()
    {
        _progress?.Report(new ProgressReport(
            Generations,
            EvaluationsUsed,
            _haveBest && _best.Feasible ? _best.Cost : double.NaN,
            _haveBest ? _best.Fitness : double.NaN,
            _haveBest && _best.Feasible,
            _lastFeasibleShare,
            _clock.Elapsed));
    }

    public OptimizerResult Finish(OptimizerSettings usedSettings, StopReason? reason = null)
    {
        var stop = reason
            ?? (Cancelled ? StopReason.Cancelled
                : TargetReached && _settings.StopAtTarget ? StopReason.TargetReached
                : StopReason.EvaluationBudget);
        return new OptimizerResult
        {
            Algorithm = _algorithm,
            BestGenome = _haveBest ? (int[])_bestGenome.Clone() : [],
            Best = _best,
            Evaluations = EvaluationsUsed,
            EvaluationsToBest = _evaluationsToBest,
            EvaluationsToTarget = _evaluationsToTarget,
            History = _history.ToArray(),
            Generations = Generations,
            EvaluateCalls = Calls,
            CacheHits = CacheHits,
            StopReason = stop,
            WallTime = _clock.Elapsed,
            Settings = usedSettings,
        };
    }
}
