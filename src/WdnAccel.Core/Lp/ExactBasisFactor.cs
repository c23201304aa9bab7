namespace WdnAccel.Core.Lp;

/// <summary>
/// The product-form basis inverse of <see cref="BasisFactor"/> in exact rationals, used by the certifier:
/// same triangular ordering, exact nucleus elimination (any nonzero pivot is exact; the shortest is chosen
/// to limit coefficient growth), sparse etas.
/// </summary>
internal sealed class ExactBasisFactor
{
    private readonly StandardForm _sf;
    private readonly int _m;
    private readonly List<int> _pivRow = [];
    private readonly List<Rational> _pivVal = [];
    private readonly List<int> _start = [0];
    private readonly List<int> _idx = [];
    private readonly List<Rational> _val = [];

    public ExactBasisFactor(StandardForm sf)
    {
        _sf = sf;
        _m = sf.Rows;
    }

    public int Updates { get; private set; }

    /// <summary>As <see cref="BasisFactor.Factor"/>, exactly: dropped columns are those that are linearly dependent.</summary>
    public List<int> Factor(int[] head)
    {
        _pivRow.Clear(); _pivVal.Clear(); _start.Clear(); _start.Add(0); _idx.Clear(); _val.Clear();
        Updates = 0;
        var order = new BasisOrdering(_m, _sf.ColStart, _sf.RowIndex, head);
        var newHead = new int[_m];
        var dropped = new List<int>();
        foreach (var (r, k) in order.Front) AddOriginal(head[k], r, newHead);
        var w = new Rational[_m];
        var taken = order.RowTaken;
        foreach (int k in order.NucleusColumns)
        {
            int c = head[k];
            for (int p = _sf.ColStart[c]; p < _sf.ColStart[c + 1]; p++) w[_sf.RowIndex[p]] = _sf.ValueExact[p];
            Ftran(w);
            int best = -1;
            long bestSize = long.MaxValue;
            for (int i = 0; i < _m; i++)
            {
                if (taken[i] || w[i].IsZero) continue;
                long size = (long)w[i].Numerator.GetBitLength() + (long)w[i].Denominator.GetBitLength();
                if (size < bestSize) { bestSize = size; best = i; }
            }
            if (best < 0) dropped.Add(c);
            else
            {
                AddEta(best, w);
                taken[best] = true;
                newHead[best] = c;
            }
            Array.Clear(w);
        }
        for (int r = 0; r < _m; r++) if (!taken[r]) AddOriginal(_sf.Structurals + r, r, newHead);
        foreach (var (r, k) in order.Back) AddOriginal(head[k], r, newHead);
        Array.Copy(newHead, head, _m);
        return dropped;
    }

    private void AddOriginal(int column, int pivotRow, int[] newHead)
    {
        var pivot = Rational.Zero;
        for (int p = _sf.ColStart[column]; p < _sf.ColStart[column + 1]; p++)
        {
            if (_sf.RowIndex[p] == pivotRow) pivot = _sf.ValueExact[p];
            else { _idx.Add(_sf.RowIndex[p]); _val.Add(_sf.ValueExact[p]); }
        }
        _pivRow.Add(pivotRow);
        _pivVal.Add(pivot);
        _start.Add(_idx.Count);
        newHead[pivotRow] = column;
    }

    private void AddEta(int pivotRow, Rational[] dense)
    {
        for (int i = 0; i < _m; i++)
        {
            if (i == pivotRow || dense[i].IsZero) continue;
            _idx.Add(i);
            _val.Add(dense[i]);
        }
        _pivRow.Add(pivotRow);
        _pivVal.Add(dense[pivotRow]);
        _start.Add(_idx.Count);
    }

    public void Update(int row, Rational[] alpha)
    {
        AddEta(row, alpha);
        Updates++;
    }

    public void Ftran(Rational[] w)
    {
        for (int k = 0; k < _pivRow.Count; k++)
        {
            int r = _pivRow[k];
            var t = w[r];
            if (t.IsZero) continue;
            t /= _pivVal[k];
            w[r] = t;
            for (int p = _start[k]; p < _start[k + 1]; p++) w[_idx[p]] -= _val[p] * t;
        }
    }

    public void Btran(Rational[] y)
    {
        for (int k = _pivRow.Count - 1; k >= 0; k--)
        {
            int r = _pivRow[k];
            var s = y[r];
            for (int p = _start[k]; p < _start[k + 1]; p++)
            {
                var yi = y[_idx[p]];
                if (!yi.IsZero) s -= _val[p] * yi;
            }
            y[r] = s.IsZero ? s : s / _pivVal[k];
        }
    }
}
