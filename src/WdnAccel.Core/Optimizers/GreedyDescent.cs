namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The greedy descent on a population's cheapest feasible member that <c>de</c> and <c>shade</c> carry inside each
/// generation's single Evaluate batch (docs/optimizers.md, "Local search"): first the member's one-step-smaller
/// neighbours (one gene lowered by one catalog index, ≤ D rows); when none is feasible and cheaper, next generation
/// its swap neighbours (gene i one step smaller, gene j ≠ i one step larger, only those cheaper than the member,
/// ≤ D(D − 1) rows, needs <see cref="ICostedProblem"/>). The cheapest feasible neighbour cheaper than the member
/// replaces it; when both neighbourhoods fail the member is remembered as a local minimum and the descent idles
/// until the population's cheapest feasible member changes.
/// </summary>
internal sealed class GreedyDescent
{
    private readonly int _dim;
    private readonly int[] _options;
    private readonly ICostedProblem? _costed;
    private readonly int[] _searched;  // the genome whose neighbours the current batch carries
    private readonly int[] _descended; // the genome the descent last found no improvement around
    private bool _haveSearched, _haveDescended, _swapPhase;

    public GreedyDescent(int dim, int[] options, IProblem problem)
    {
        _dim = dim;
        _options = options;
        _costed = problem as ICostedProblem;
        _searched = new int[dim];
        _descended = new int[dim];
    }

    /// <summary>The most rows one generation can add.</summary>
    public int MaxRows => _dim * Math.Max(1, _dim - 1);

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
        if (!_haveSearched || !member.SequenceEqual(_searched)) _swapPhase = false;
        member.CopyTo(_searched);
        _haveSearched = true;
        return _swapPhase ? SwapNeighbours(member, evals[bf].Cost, rows) : DownNeighbours(member, rows);
    }

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
        if (pick >= 0 && rowEvals[pick].SearchKey < evals[slot].SearchKey)
        {
            rows.Slice(pick * _dim, _dim).CopyTo(pop.Slice(slot * _dim, _dim));
            evals[slot] = rowEvals[pick];
            return true;
        }
        if (evaluated == asked)
        {
            if (!_swapPhase && _costed is not null) _swapPhase = true;
            else
            {
                _searched.CopyTo(_descended);
                _haveDescended = true;
                _swapPhase = false;
            }
        }
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
}
