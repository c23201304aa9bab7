using System.Diagnostics;

namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The bookkeeping every algorithm shares: the evaluation budget (the last batch is truncated so the budget is
/// never exceeded), the best candidate (feasible by cost, else lowest fitness; invalid never), the convergence
/// history, the target, progress reports and cancellation.
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
    }

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

    /// <summary>True when the main loop must end: budget spent, target reached (if stopping there) or cancelled.</summary>
    public bool ShouldStop => Remaining <= 0 || (TargetReached && _settings.StopAtTarget) || Cancelled;

    /// <summary>
    /// Evaluates up to <paramref name="count"/> genomes in ONE call to the problem; rows beyond the remaining
    /// budget are not evaluated and get <see cref="Evaluation.Invalid"/>. Returns the number evaluated.
    /// </summary>
    public int Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
    {
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
            StopReason = stop,
            WallTime = _clock.Elapsed,
            Settings = usedSettings,
        };
    }
}
