namespace WdnAccel.Core.Lp;

/// <summary>
/// Bounded primal simplex in exact rationals, started from a (floating) basis: the QSopt_ex / SoPlex strategy
/// of proving the floating answer and pivoting on exactly where it is wrong (Applegate, Cook, Dash &amp;
/// Espinoza 2007). Dantzig pricing, switching to Bland's rule after a degenerate pivot, so it terminates.
/// When the starting basis is optimal it performs no pivot: one exact factorization, one exact solve for
/// x_B and one for y, and exact reduced costs.
/// </summary>
internal sealed class ExactSimplex
{
    private const int RefactorEvery = 50;
    private readonly StandardForm _sf;
    private readonly int _m, _n;
    private readonly ExactBasisFactor _factor;
    private readonly int[] _head;
    private readonly VarStatus[] _status;
    private readonly Rational[] _x;

    public ExactSimplex(StandardForm sf, SimplexBasis start)
    {
        _sf = sf;
        _m = sf.Rows;
        _n = sf.Columns;
        _factor = new ExactBasisFactor(sf);
        _head = (int[])start.Head.Clone();
        _status = (VarStatus[])start.Status.Clone();
        _x = new Rational[_n];
        for (int j = 0; j < _n; j++) if (_status[j] != VarStatus.Basic) SetNonbasic(j, _status[j]);
        for (int r = 0; r < _m; r++) _status[_head[r]] = VarStatus.Basic;
    }

    public int Pivots { get; private set; }
    public Rational[] Values => _x;
    /// <summary>Row duals of the minimisation form (y = B⁻ᵀ c_B); phase-1 multipliers when infeasible.</summary>
    public Rational[] Duals { get; private set; } = [];
    public Rational[] ReducedCosts { get; private set; } = [];
    /// <summary>Direction over all columns along which the objective decreases without bound.</summary>
    public Rational[]? Ray { get; private set; }
    public SimplexBasis Basis => new((int[])_head.Clone(), (VarStatus[])_status.Clone());

    private void SetNonbasic(int j, VarStatus preferred)
    {
        var l = _sf.LowerExact[j];
        var u = _sf.UpperExact[j];
        if (preferred == VarStatus.AtUpper && u is { } uu) { _status[j] = VarStatus.AtUpper; _x[j] = uu; }
        else if (preferred != VarStatus.Zero && l is { } ll) { _status[j] = VarStatus.AtLower; _x[j] = ll; }
        else if (u is { } u2 && l is null && preferred != VarStatus.Zero) { _status[j] = VarStatus.AtUpper; _x[j] = u2; }
        else if (l is null && u is null) { _status[j] = VarStatus.Zero; _x[j] = Rational.Zero; }
        else if (l is { } l3) { _status[j] = VarStatus.AtLower; _x[j] = l3; }
        else { _status[j] = VarStatus.AtUpper; _x[j] = u!.Value; }
    }

    private void Refactor()
    {
        foreach (int c in _factor.Factor(_head)) SetNonbasic(c, VarStatus.AtLower);
        for (int r = 0; r < _m; r++) _status[_head[r]] = VarStatus.Basic;
        var rhs = new Rational[_m];
        for (int j = 0; j < _n; j++)
        {
            if (_status[j] == VarStatus.Basic || _x[j].IsZero) continue;
            var v = _x[j];
            for (int p = _sf.ColStart[j]; p < _sf.ColStart[j + 1]; p++) rhs[_sf.RowIndex[p]] -= _sf.ValueExact[p] * v;
        }
        _factor.Ftran(rhs);
        for (int r = 0; r < _m; r++) _x[_head[r]] = rhs[r];
    }

    private bool Below(int c) => _sf.LowerExact[c] is { } l && _x[c] < l;
    private bool Above(int c) => _sf.UpperExact[c] is { } u && _x[c] > u;

    public LpStatus Solve(int maxPivots)
    {
        Refactor();
        var y = new Rational[_m];
        var d = new Rational[_n];
        var alpha = new Rational[_m];
        bool bland = false;
        while (true)
        {
            if (_factor.Updates >= RefactorEvery) Refactor();
            bool phase1 = false;
            for (int r = 0; r < _m; r++)
            {
                int c = _head[r];
                y[r] = Below(c) ? Rational.MinusOne : Above(c) ? Rational.One : Rational.Zero;
                if (!y[r].IsZero) phase1 = true;
            }
            if (!phase1) for (int r = 0; r < _m; r++) y[r] = _sf.CostExact[_head[r]];
            _factor.Btran(y);

            int q = -1, dir = 0;
            var best = Rational.Zero;
            for (int j = 0; j < _n; j++)
            {
                var dj = phase1 ? Rational.Zero : _sf.CostExact[j];
                for (int p = _sf.ColStart[j]; p < _sf.ColStart[j + 1]; p++)
                {
                    var yi = y[_sf.RowIndex[p]];
                    if (!yi.IsZero) dj -= _sf.ValueExact[p] * yi;
                }
                d[j] = dj;
                var s = _status[j];
                if (s == VarStatus.Basic || dj.IsZero) continue;
                if (_sf.LowerExact[j] is { } lj && _sf.UpperExact[j] is { } uj && lj == uj) continue;
                int dirj = dj.Sign < 0 && s != VarStatus.AtUpper ? 1 : dj.Sign > 0 && s != VarStatus.AtLower ? -1 : 0;
                if (dirj == 0) continue;
                if (bland) { if (q < 0) { q = j; dir = dirj; } continue; }
                var a = Rational.Abs(dj);
                if (q < 0 || a > best) { best = a; q = j; dir = dirj; }
            }
            Duals = (Rational[])y.Clone();
            ReducedCosts = (Rational[])d.Clone();
            if (q < 0) return phase1 ? LpStatus.Infeasible : LpStatus.Optimal;
            if (Pivots >= maxPivots) return LpStatus.IterationLimit;

            Array.Clear(alpha);
            for (int p = _sf.ColStart[q]; p < _sf.ColStart[q + 1]; p++) alpha[_sf.RowIndex[p]] = _sf.ValueExact[p];
            _factor.Ftran(alpha);

            // Exact ratio test, ties to the lowest column index (Bland).
            int leave = -1;
            Rational theta = default, target = default;
            for (int r = 0; r < _m; r++)
            {
                if (alpha[r].IsZero) continue;
                int c = _head[r];
                var rate = dir > 0 ? -alpha[r] : alpha[r];
                Rational? bound;
                if (rate.Sign > 0) bound = Above(c) ? null : Below(c) ? _sf.LowerExact[c] : _sf.UpperExact[c];
                else bound = Below(c) ? null : Above(c) ? _sf.UpperExact[c] : _sf.LowerExact[c];
                if (bound is not { } b) continue;
                var ratio = (b - _x[c]) / rate;
                int cmp = leave < 0 ? -1 : ratio.CompareTo(theta);
                if (cmp < 0 || (cmp == 0 && c < _head[leave])) { leave = r; theta = ratio; target = b; }
            }
            Pivots++;
            Rational? flip = _sf.UpperExact[q] is { } uq && _sf.LowerExact[q] is { } lq ? uq - lq : null;
            if (flip is { } f && (leave < 0 || f <= theta))
            {
                Move(q, dir, f, alpha);
                _status[q] = dir > 0 ? VarStatus.AtUpper : VarStatus.AtLower;
                _x[q] = dir > 0 ? _sf.UpperExact[q]!.Value : _sf.LowerExact[q]!.Value;
                bland = false;
                continue;
            }
            if (leave < 0)
            {
                if (phase1) throw new InvalidOperationException("exact phase 1 found no blocking row");
                var ray = new Rational[_n];
                ray[q] = dir > 0 ? Rational.One : Rational.MinusOne;
                for (int r = 0; r < _m; r++) if (!alpha[r].IsZero) ray[_head[r]] = dir > 0 ? -alpha[r] : alpha[r];
                Ray = ray;
                return LpStatus.Unbounded;
            }
            Move(q, dir, theta, alpha);
            int leaving = _head[leave];
            _x[leaving] = target;
            _status[leaving] = _sf.LowerExact[leaving] is { } ll && ll == target ? VarStatus.AtLower : VarStatus.AtUpper;
            _head[leave] = q;
            _status[q] = VarStatus.Basic;
            _factor.Update(leave, alpha);
            bland = theta.IsZero;
        }
    }

    private void Move(int q, int dir, Rational theta, Rational[] alpha)
    {
        if (theta.IsZero) return;
        var step = dir > 0 ? theta : -theta;
        _x[q] += step;
        for (int r = 0; r < _m; r++)
            if (!alpha[r].IsZero) _x[_head[r]] -= alpha[r] * step;
    }
}
