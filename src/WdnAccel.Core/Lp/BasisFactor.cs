namespace WdnAccel.Core.Lp;

/// <summary>
/// Product-form inverse of the simplex basis in doubles: B⁻¹ = E_K⋯E_1 with one eta per pivot
/// (Dantzig &amp; Orchard-Hays 1954). The refactorization orders the basis with <see cref="BasisOrdering"/>
/// (triangular parts need no arithmetic), eliminates the nucleus with partial pivoting, and basis changes
/// append one eta each until the next refactorization. Basis positions are rows: after <see cref="Factor"/>
/// the column pivoted on row r is head[r].
/// </summary>
internal sealed class BasisFactor
{
    private const double SingularTolerance = 1e-9;
    private readonly StandardForm _sf;
    private readonly int _m;
    private int[] _pivRow = new int[64];
    private double[] _pivVal = new double[64];
    private int[] _start = new int[65];
    private int[] _idx = new int[256];
    private double[] _val = new double[256];
    private int _count;

    public BasisFactor(StandardForm sf)
    {
        _sf = sf;
        _m = sf.Rows;
    }

    public int Updates { get; private set; }
    public int EtaNonzeros => _start[_count];

    /// <summary>
    /// Factors the basis given by <paramref name="head"/> (m columns, any order) and rewrites head so that
    /// head[r] is the column pivoted on row r. Returns the columns dropped because the basis was singular;
    /// their rows are filled with the row's logical column.
    /// </summary>
    public List<int> Factor(int[] head)
    {
        _count = 0;
        _start[0] = 0;
        Updates = 0;
        var order = new BasisOrdering(_m, _sf.ColStart, _sf.RowIndex, head);
        var newHead = new int[_m];
        Array.Fill(newHead, -1);
        var dropped = new List<int>();
        foreach (var (r, k) in order.Front) AddOriginal(head[k], r, newHead);
        var w = new double[_m];
        var taken = order.RowTaken;
        foreach (int k in order.NucleusColumns)
        {
            int c = head[k];
            for (int p = _sf.ColStart[c]; p < _sf.ColStart[c + 1]; p++) w[_sf.RowIndex[p]] = _sf.Value[p];
            Ftran(w);
            int best = -1;
            double bestAbs = SingularTolerance;
            for (int i = 0; i < _m; i++)
                if (!taken[i] && Math.Abs(w[i]) > bestAbs) { bestAbs = Math.Abs(w[i]); best = i; }
            if (best < 0) dropped.Add(c);
            else
            {
                AddEta(best, w);
                taken[best] = true;
                newHead[best] = c;
            }
            Array.Clear(w);
        }
        for (int r = 0; r < _m; r++)
        {
            if (taken[r]) continue;
            // A logical column −e_r is untouched by every earlier eta (none pivots on row r).
            AddOriginal(_sf.Structurals + r, r, newHead);
        }
        foreach (var (r, k) in order.Back) AddOriginal(head[k], r, newHead);
        Array.Copy(newHead, head, _m);
        return dropped;
    }

    private void AddOriginal(int column, int pivotRow, int[] newHead)
    {
        int s = _sf.ColStart[column], e = _sf.ColStart[column + 1];
        EnsureEta(e - s);
        int q = _start[_count];
        double pivot = 0;
        for (int p = s; p < e; p++)
        {
            if (_sf.RowIndex[p] == pivotRow) pivot = _sf.Value[p];
            else { _idx[q] = _sf.RowIndex[p]; _val[q] = _sf.Value[p]; q++; }
        }
        _pivRow[_count] = pivotRow;
        _pivVal[_count] = pivot;
        _start[++_count] = q;
        newHead[pivotRow] = column;
    }

    private void AddEta(int pivotRow, double[] dense)
    {
        int nz = 0;
        for (int i = 0; i < _m; i++) if (dense[i] != 0) nz++;
        EnsureEta(nz);
        int q = _start[_count];
        for (int i = 0; i < _m; i++)
        {
            if (dense[i] == 0 || i == pivotRow) continue;
            _idx[q] = i;
            _val[q] = dense[i];
            q++;
        }
        _pivRow[_count] = pivotRow;
        _pivVal[_count] = dense[pivotRow];
        _start[++_count] = q;
    }

    /// <summary>
    /// Replaces the basis column at position <paramref name="row"/>; alpha = B⁻¹·a_entering, whose nonzero
    /// positions are nz[0..nzCount).
    /// </summary>
    public void Update(int row, double[] alpha, int[] nz, int nzCount)
    {
        EnsureEta(nzCount);
        int q = _start[_count];
        for (int k = 0; k < nzCount; k++)
        {
            int i = nz[k];
            if (i == row) continue;
            _idx[q] = i;
            _val[q] = alpha[i];
            q++;
        }
        _pivRow[_count] = row;
        _pivVal[_count] = alpha[row];
        _start[++_count] = q;
        Updates++;
    }

    private void EnsureEta(int nz)
    {
        if (_count + 1 >= _pivRow.Length)
        {
            Array.Resize(ref _pivRow, _pivRow.Length * 2);
            Array.Resize(ref _pivVal, _pivVal.Length * 2);
            Array.Resize(ref _start, _start.Length * 2);
        }
        int need = _start[_count] + nz;
        if (need > _idx.Length)
        {
            int size = Math.Max(need, _idx.Length * 2);
            Array.Resize(ref _idx, size);
            Array.Resize(ref _val, size);
        }
    }

    /// <summary>w ← B⁻¹·w (dense, indexed by row).</summary>
    public void Ftran(double[] w)
    {
        for (int k = 0; k < _count; k++)
        {
            int r = _pivRow[k];
            double t = w[r];
            if (t == 0) continue;
            t /= _pivVal[k];
            w[r] = t;
            for (int p = _start[k]; p < _start[k + 1]; p++) w[_idx[p]] -= _val[p] * t;
        }
    }

    /// <summary>y ← B⁻ᵀ·y (dense, indexed by basis position = row).</summary>
    public void Btran(double[] y)
    {
        for (int k = _count - 1; k >= 0; k--)
        {
            int r = _pivRow[k];
            double s = y[r];
            for (int p = _start[k]; p < _start[k + 1]; p++) s -= _val[p] * y[_idx[p]];
            y[r] = s / _pivVal[k];
        }
    }
}
