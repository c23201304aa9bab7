namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The greedy descent on a population's cheapest feasible member that <c>de</c> and <c>shade</c> carry inside each
/// generation's single Evaluate batch (docs/optimizers.md, "Local search"): first the member's one-step-smaller
/// neighbours (one gene lowered by one catalog index, ≤ D rows); when none is feasible and cheaper, next generation
/// its swap neighbours (gene i one step smaller, gene j ≠ i one step larger, only those cheaper than the member,
/// ≤ D(D − 1) rows, needs <see cref="ICostedProblem"/>). The cheapest feasible neighbour cheaper than the member
/// replaces it; when both neighbourhoods fail the member is remembered as a local minimum and the descent idles
/// until the population's cheapest feasible member changes. With pair moves (<c>shade</c>'s <c>pair_moves</c> = s &gt; 0)
/// a third, larger neighbourhood follows on a member that is a local minimum of the first two: two genes moved
/// together, gene i by a and gene j by b catalog steps, 1 ≤ |a|, |b| ≤ s (a 2-exchange, the pairwise analogue of the
/// one-gene moves), only the moves cheaper than the member (no dearer design can improve a feasible one, so both-up
/// moves never enter) and not already in the swap neighbourhood, ordered by cost saving, smallest first (the ones
/// closest to the member, most likely to stay feasible); with a cap, a pass evaluates the next <c>pair_cap</c> of
/// that order and the following generations go on down the list until it is exhausted.
/// </summary>
internal sealed class GreedyDescent
{
    private readonly int _dim;
    private readonly int[] _options;
    private readonly ICostedProblem? _costed;
    private readonly int[] _searched;  // the genome whose neighbours the current batch carries
    private readonly int[] _descended; // the genome the descent last found no improvement around
    private readonly int _pairSteps, _pairCap;
    private readonly List<(double Cost, int I, int A, int J, int B)> _pairs = [];
    private bool _haveSearched, _haveDescended;
    private int _phase; // 0 = one step down, 1 = swap, 2 = pair moves
    private int _pairOffset;

    /// <param name="pairSteps">Pair moves up to this many catalog steps per gene after down and swap fail; 0 = none.</param>
    /// <param name="pairCap">Most pair-move rows per generation; 0 = the whole pair neighbourhood in one pass.</param>
    public GreedyDescent(int dim, int[] options, IProblem problem, int pairSteps = 0, int pairCap = 0)
    {
        _dim = dim;
        _options = options;
        _costed = problem as ICostedProblem;
        _searched = new int[dim];
        _descended = new int[dim];
        _pairSteps = _costed is null ? 0 : Math.Max(0, pairSteps);
        _pairCap = Math.Max(0, pairCap);
    }

    /// <summary>Pair-move rows evaluated so far (diagnostics and tests).</summary>
    public long PairRows { get; private set; }

    /// <summary>Pair moves that replaced the member (diagnostics and tests).</summary>
    public int PairImprovements { get; private set; }

    /// <summary>The last design the descent found no improvement around (null before the first).</summary>
    public int[]? LocalMinimum => _haveDescended ? _descended : null;

    /// <summary>The most rows one generation can add.</summary>
    public int MaxRows
    {
        get
        {
            int rows = _dim * Math.Max(1, _dim - 1);
            if (_pairSteps > 0)
            {
                long all = (long)_dim * (_dim - 1) / 2 * (2L * _pairSteps) * (2L * _pairSteps);
                rows = (int)Math.Max(rows, _pairCap > 0 ? Math.Min(_pairCap, all) : all);
            }
            return rows;
        }
    }

    /// <summary>
    /// Writes the neighbours of the cheapest feasible member of <paramref name="pop"/> into <paramref name="rows"/>
    /// (room for <see cref="MaxRows"/>); returns how many, and the member's index in <paramref name="slot"/> (−1: none).
    /// </summary>
    public int Prepare(ReadOnlySpan<int> pop, ReadOnlySpan<Evaluation> evals, int n, Span<int> rows, out int slot)
    {
        slot = -1;
        int bf = -1;
        for (int i = 0; i < n; i++)
            if (evals[i].IsUsable && evals[i].Feasible && (bf < 0 || evals[i].Cost < evals[bf].Cost)) bf = i;
        if (bf < 0) return 0;
        var member = pop.Slice(bf * _dim, _dim);
        if (_haveDescended && member.SequenceEqual(_descended)) return 0;
        slot = bf;
        if (!_haveSearched || !member.SequenceEqual(_searched)) { _phase = 0; _pairs.Clear(); _pairOffset = 0; }
        member.CopyTo(_searched);
        _haveSearched = true;
        return _phase switch
        {
            0 => DownNeighbours(member, rows),
            1 => SwapNeighbours(member, evals[bf].Cost, rows),
            _ => PairNeighbours(member, evals[bf].Cost, rows),
        };
    }

    /// <summary>Rows still to come in the current pass of the pair neighbourhood (the pass rows included).</summary>
    private int _pairPass;

    /// <summary>
    /// Takes the result of the rows <see cref="Prepare"/> wrote (<paramref name="evaluated"/> of <paramref name="asked"/>
    /// evaluated): the cheapest feasible improving neighbour replaces the member at <paramref name="slot"/>.
    /// Returns true when it did.
    /// </summary>
    public bool Apply(Span<int> pop, Span<Evaluation> evals, int slot, ReadOnlySpan<int> rows, ReadOnlySpan<Evaluation> rowEvals, int evaluated, int asked)
    {
        if (slot < 0) return false;
        int pick = -1;
        for (int k = 0; k < evaluated; k++)
        {
            var e = rowEvals[k];
            if (e.IsUsable && e.Feasible && (pick < 0 || e.Cost < rowEvals[pick].Cost)) pick = k;
        }
        if (_phase == 2) PairRows += evaluated;
        if (pick >= 0 && rowEvals[pick].SearchKey < evals[slot].SearchKey)
        {
            rows.Slice(pick * _dim, _dim).CopyTo(pop.Slice(slot * _dim, _dim));
            evals[slot] = rowEvals[pick];
            if (_phase == 2) PairImprovements++;
            return true;
        }
        if (evaluated == asked)
        {
            if (_phase == 0 && _costed is not null) _phase = 1;
            else if (_phase == 1 && _pairSteps > 0) _phase = 2;
            else if (_phase == 2 && _pairOffset < _pairs.Count) { /* the next chunk of the ordered pair list */ }
            else
            {
                _searched.CopyTo(_descended);
                _haveDescended = true;
                _phase = 0;
                _pairs.Clear();
                _pairOffset = 0;
            }
        }
        else if (_phase == 2) _pairOffset -= _pairPass - evaluated; // budget cut the pass: those rows come again
        return false;
    }

    private int DownNeighbours(ReadOnlySpan<int> member, Span<int> rows)
    {
        int count = 0;
        for (int d = 0; d < _dim; d++)
        {
            if (member[d] == 0) continue;
            var row = rows.Slice(count++ * _dim, _dim);
            member.CopyTo(row);
            row[d]--;
        }
        return count;
    }

    private int SwapNeighbours(ReadOnlySpan<int> member, double cost, Span<int> rows)
    {
        if (_costed is null) return 0;
        int count = 0;
        for (int i = 0; i < _dim; i++)
        {
            if (member[i] == 0) continue;
            for (int j = 0; j < _dim; j++)
            {
                if (j == i || member[j] + 1 >= _options[j]) continue;
                var row = rows.Slice(count * _dim, _dim);
                member.CopyTo(row);
                row[i]--;
                row[j]++;
                if (_costed.Cost(row) < cost) count++;
            }
        }
        return count;
    }

    private int PairNeighbours(ReadOnlySpan<int> member, double cost, Span<int> rows)
    {
        if (_costed is null || _pairSteps <= 0) return 0;
        var row = rows[.._dim];
        if (_pairOffset == 0 && _pairs.Count == 0)
        {
            int s = _pairSteps;
            for (int i = 0; i < _dim; i++)
                for (int j = i + 1; j < _dim; j++)
                    for (int a = -s; a <= s; a++)
                    {
                        if (a == 0 || member[i] + a < 0 || member[i] + a >= _options[i]) continue;
                        for (int b = -s; b <= s; b++)
                        {
                            if (b == 0 || member[j] + b < 0 || member[j] + b >= _options[j]) continue;
                            if (Math.Abs(a) == 1 && Math.Abs(b) == 1 && a != b) continue; // a swap move, already tried
                            member.CopyTo(row);
                            row[i] += a;
                            row[j] += b;
                            double c = _costed.Cost(row);
                            if (c < cost) _pairs.Add((c, i, a, j, b));
                        }
                    }
            // Smallest saving first (closest to the member); a stable sort keeps ties in generation order, so runs repeat exactly.
            var sorted = _pairs.OrderByDescending(p => p.Cost).ToArray();
            _pairs.Clear();
            _pairs.AddRange(sorted);
        }
        int take = _pairs.Count - _pairOffset;
        if (_pairCap > 0) take = Math.Min(take, _pairCap);
        for (int k = 0; k < take; k++)
        {
            var (_, i, a, j, b) = _pairs[_pairOffset + k];
            var r = rows.Slice(k * _dim, _dim);
            member.CopyTo(r);
            r[i] += a;
            r[j] += b;
        }
        _pairOffset += take;
        _pairPass = take;
        return take;
    }
}
