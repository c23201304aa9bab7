using System.Numerics;

namespace WdnAccel.Core.Lp;

/// <summary>
/// A proven lower bound on a node LP from floating duals, in exact arithmetic: the safe dual bound of Neumaier &amp;
/// Shcherbina (2004), as exact MIP solvers use it at every node (Cook, Koch, Steffy &amp; Wolter 2013). With every row
/// written A·x − s = 0 (<see cref="StandardForm"/>), weak Lagrangian duality gives, for ANY multipliers y,
/// <c>min cᵀx ≥ L(y) = Σ_k min over [l_k, u_k] of d_k·x_k</c>, d = c − [A −I]ᵀy, over every column k (structurals and
/// logicals), as long as each minimum is finite. The floating simplex supplies y (rounded to a multiple of 2⁻ᴷ: any y
/// is valid, so rounding costs only tightness); d and L are then computed exactly in integers (Int128, or BigInteger
/// when a value does not fit), with each column scaled by the common denominator of its data.
/// The box must contain every feasible point: structural bounds are the node's (tightened by
/// <see cref="BoundPropagation"/>, so continuous columns are finite where the rows imply it); a logical's box is
/// its row's bounds intersected with the row's activity range over the root box. With zero costs the same sum
/// proves infeasibility (a Farkas certificate): L₀(y) &gt; 0 means no x in the box satisfies A·x = s.
/// The exact reduced costs also give reduced-cost fixing (as in Achterberg's thesis "Constraint Integer Programming",
/// 2007): the bound is separable, so restricting x_k changes exactly one term.
/// </summary>
internal sealed class LagrangianBound
{
    private readonly StandardForm _sf;
    private readonly int _cols, _n;
    private readonly Rational?[] _logicalLower, _logicalUpper;
    // Column k scaled by D_k (common denominator of c_k and its coefficients): C_k = c_k·D_k, A_p = a_p·D_k.
    // G = lcm over columns of D_k·den(bounds); a bound b of column k enters as the integer b·F_k, F_k = G/D_k.
    private readonly BigInteger[] _c, _a, _f;
    private readonly BigInteger _g;
    private readonly BigInteger?[] _wl, _wu;
    private readonly Int128[] _c128, _a128;
    private readonly Int128?[] _wl128, _wu128;
    private bool _fast;

    // The last evaluation: E_k = d_k·D_k·2ᴷ, T = L·G·2ᴷ.
    private readonly BigInteger[] _e;
    private readonly Int128[] _e128;
    private BigInteger _t;
    private int _k;
    private bool _lastFast;

    /// <param name="sf">The node LP; its structural bounds are read and changed through <see cref="SetBounds"/>.</param>
    /// <param name="activityLower">Per row, a lower bound on the row activity over the root box (null: none).</param>
    public LagrangianBound(StandardForm sf, Rational?[] activityLower, Rational?[] activityUpper)
    {
        _sf = sf;
        _n = sf.Structurals;
        _cols = sf.Columns;
        int m = sf.Rows;
        _logicalLower = new Rational?[m];
        _logicalUpper = new Rational?[m];
        for (int i = 0; i < m; i++)
        {
            _logicalLower[i] = MaxOf(sf.LowerExact[_n + i], activityLower[i]);
            _logicalUpper[i] = MinOf(sf.UpperExact[_n + i], activityUpper[i]);
        }
        var d = new BigInteger[_cols];
        _c = new BigInteger[_cols];
        _a = new BigInteger[sf.ValueExact.Length];
        var g = BigInteger.One;
        for (int k = 0; k < _cols; k++)
        {
            var den = sf.CostExact[k].Denominator;
            for (int p = sf.ColStart[k]; p < sf.ColStart[k + 1]; p++) den = Lcm(den, sf.ValueExact[p].Denominator);
            d[k] = den;
            _c[k] = sf.CostExact[k].Numerator * (den / sf.CostExact[k].Denominator);
            for (int p = sf.ColStart[k]; p < sf.ColStart[k + 1]; p++)
                _a[p] = sf.ValueExact[p].Numerator * (den / sf.ValueExact[p].Denominator);
            var (l, u) = Box(k);
            g = Lcm(g, den * (l?.Denominator ?? BigInteger.One));
            g = Lcm(g, den * (u?.Denominator ?? BigInteger.One));
        }
        _g = g;
        _f = new BigInteger[_cols];
        _wl = new BigInteger?[_cols];
        _wu = new BigInteger?[_cols];
        _c128 = new Int128[_cols];
        _a128 = new Int128[_a.Length];
        _wl128 = new Int128?[_cols];
        _wu128 = new Int128?[_cols];
        _e = new BigInteger[_cols];
        _e128 = new Int128[_cols];
        _fast = true;
        for (int k = 0; k < _cols; k++)
        {
            _f[k] = g / d[k];
            if (!Fits(_c[k], 80)) _fast = false; else _c128[k] = (Int128)_c[k];
            UpdateWeights(k);
        }
        for (int p = 0; p < _a.Length; p++) { if (!Fits(_a[p], 80)) _fast = false; else _a128[p] = (Int128)_a[p]; }
    }

    /// <summary>The box of column k: node bounds for structurals, row bounds ∩ activity range for logicals.</summary>
    private (Rational? Lower, Rational? Upper) Box(int k) =>
        k < _n ? (_sf.LowerExact[k], _sf.UpperExact[k]) : (_logicalLower[k - _n], _logicalUpper[k - _n]);

    /// <summary>Sets a structural column's bounds in the LP and in this bound's integer copy.</summary>
    public void SetBounds(int k, Rational? lower, Rational? upper)
    {
        _sf.SetBounds(k, lower, upper);
        UpdateWeights(k);
    }

    private void UpdateWeights(int k)
    {
        var (l, u) = Box(k);
        _wl[k] = l is { } lv ? lv.Numerator * (_f[k] / lv.Denominator) : null;
        _wu[k] = u is { } uv ? uv.Numerator * (_f[k] / uv.Denominator) : null;
        _wl128[k] = _wl[k] is { } a && Fits(a, 80) ? (Int128)a : null;
        _wu128[k] = _wu[k] is { } b && Fits(b, 80) ? (Int128)b : null;
        if ((_wl[k] is not null && _wl128[k] is null) || (_wu[k] is not null && _wu128[k] is null)) _fast = false;
    }

    /// <summary>
    /// L(y) for row multipliers <paramref name="yScaled"/> of the scaled floating LP (minimisation form), or with
    /// <paramref name="zeroCost"/> the Farkas sum L₀(y). Null when a minimum is unbounded (a reduced cost pushes a
    /// column towards an infinite bound). The exact reduced costs are kept for <see cref="FixedBounds"/>.
    /// </summary>
    public Rational? Evaluate(double[] yScaled, bool zeroCost = false)
    {
        int m = _sf.Rows;
        double ymax = 0;
        var y = new double[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = yScaled[i] * _sf.RowScale[i];
            if (!double.IsFinite(y[i])) return null;
            ymax = Math.Max(ymax, Math.Abs(y[i]));
        }
        // Y_i = round(y_i·2ᴷ) with |Y| ≤ 2⁴⁰: relative precision 1e-12 of the largest multiplier.
        _k = ymax == 0 ? 0 : Math.Clamp(40 - (int)Math.Ceiling(Math.Log2(ymax)), 0, 60);
        if (ymax * Math.ScaleB(1.0, _k) > Math.ScaleB(1.0, 62)) return null;
        var yi = new long[m];
        for (int i = 0; i < m; i++) yi[i] = (long)Math.Round(Math.ScaleB(y[i], _k));
        _lastFast = false;
        if (_fast)
        {
            try
            {
                var t = EvaluateFast(yi, zeroCost, out bool bounded);
                _lastFast = true;
                if (!bounded) return null;
                _t = (BigInteger)t;
                return new Rational(_t, _g << _k);
            }
            catch (OverflowException)
            {
                _fast = false;
            }
        }
        if (!EvaluateBig(yi, zeroCost)) return null;
        return new Rational(_t, _g << _k);
    }

    private Int128 EvaluateFast(long[] y, bool zeroCost, out bool bounded)
    {
        checked
        {
            Int128 total = 0;
            bounded = true;
            for (int k = 0; k < _cols; k++)
            {
                Int128 e = zeroCost ? 0 : _c128[k] << _k;
                for (int p = _sf.ColStart[k]; p < _sf.ColStart[k + 1]; p++)
                {
                    long yv = y[_sf.RowIndex[p]];
                    if (yv != 0) e -= _a128[p] * yv;
                }
                _e128[k] = e;
                if (e == 0) continue;
                var w = e > 0 ? _wl128[k] : _wu128[k];
                if (w is not { } wv)
                {
                    // An infinite bound in the direction the reduced cost pushes: check whether it is infinite
                    // (unbounded minimum) or merely too large for the fast path.
                    if ((e > 0 ? _wl[k] : _wu[k]) is null) { bounded = false; return 0; }
                    throw new OverflowException();
                }
                total += e * wv;
            }
            return total;
        }
    }

    private bool EvaluateBig(long[] y, bool zeroCost)
    {
        var total = BigInteger.Zero;
        bool bounded = true;
        for (int k = 0; k < _cols; k++)
        {
            var e = zeroCost ? BigInteger.Zero : _c[k] << _k;
            for (int p = _sf.ColStart[k]; p < _sf.ColStart[k + 1]; p++)
            {
                long yv = y[_sf.RowIndex[p]];
                if (yv != 0) e -= _a[p] * yv;
            }
            _e[k] = e;
            if (e.IsZero) continue;
            var w = e.Sign > 0 ? _wl[k] : _wu[k];
            if (w is not { } wv) { bounded = false; continue; }
            total += e * wv;
        }
        _t = total;
        return bounded;
    }

    private BigInteger E(int k) => _lastFast ? (BigInteger)_e128[k] : _e[k];

    /// <summary>
    /// Reduced-cost fixing after an <see cref="Evaluate"/> that returned a bound: the bounds of integer column
    /// <paramref name="k"/> outside which the Lagrangian bound reaches <paramref name="cutoff"/> (so no solution
    /// better than the incumbent lies there). Returns false when nothing tightens.
    /// </summary>
    public bool FixedBounds(int k, Rational cutoff, out Rational lower, out Rational upper)
    {
        var (l, u) = Box(k);
        lower = l ?? default;
        upper = u ?? default;
        if (l is not { } lv || u is not { } uv || lv == uv) return false;
        var e = E(k);
        if (e.IsZero) return false;
        // L with x_k = v instead of its best bound: T + |E_k|·F_k·(distance of v from that bound), over G·2ᴷ.
        var slack = cutoff.Numerator * (_g << _k) - _t * cutoff.Denominator; // (cutoff − L)·G·2ᴷ·den(cutoff)
        if (slack.Sign <= 0) return false; // the node itself is prunable
        var step = BigInteger.Abs(e) * _f[k] * cutoff.Denominator;
        // The largest distance v with T + step·v < cutoff·G·2ᴷ: ⌈slack/step⌉ − 1.
        var dist = BigInteger.DivRem(slack, step, out var rem);
        if (rem.IsZero) dist -= 1;
        if (dist >= (uv - lv).Numerator) return false;
        if (e.Sign > 0) upper = lv + new Rational(dist, BigInteger.One);
        else lower = uv - new Rational(dist, BigInteger.One);
        return true;
    }

    private static bool Fits(BigInteger v, int bits) => v.GetBitLength() <= bits;

    private static BigInteger Lcm(BigInteger a, BigInteger b) => a.IsOne ? b : b.IsOne ? a : a / BigInteger.GreatestCommonDivisor(a, b) * b;

    private static Rational? MaxOf(Rational? a, Rational? b) => a is { } x ? (b is { } y ? Rational.Max(x, y) : x) : b;
    private static Rational? MinOf(Rational? a, Rational? b) => a is { } x ? (b is { } y ? Rational.Min(x, y) : x) : b;
}
