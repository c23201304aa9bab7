namespace WdnAccel.Core.Lp;

/// <summary>
/// Floating-point bounded primal revised simplex on a <see cref="StandardForm"/>.
/// Phase 1 minimises the sum of bound violations of the basic variables with a composite cost vector
/// recomputed every iteration (Maros, "Computational Techniques of the Simplex Method", ch. 9); phase 2
/// the objective. Dantzig pricing, Harris two-pass ratio test (Harris 1973) with bound flipping of boxed
/// entering variables, and Bland's rule (Bland 1977) while the objective stalls, so degenerate cycling
/// (Beale's example) ends. The answer is a basis; <see cref="ExactSimplex"/> then proves it.
/// </summary>
internal sealed class BoundedSimplex
{
    private const double FeasTol = 1e-9;
    private const double OptTol = 1e-9;
    private const double PivotTol = 1e-9;
    private const int RefactorEvery = 100;
    private const int StallLimit = 50;

    private readonly StandardForm _sf;
    private readonly int _m, _n;
    private readonly BasisFactor _factor;
    private readonly int[] _head;
    private readonly VarStatus[] _status;
    private readonly double[] _x;

    public BoundedSimplex(StandardForm sf)
    {
        _sf = sf;
        _m = sf.Rows;
        _n = sf.Columns;
        _factor = new BasisFactor(sf);
        _head = new int[_m];
        _status = new VarStatus[_n];
        _x = new double[_n];
        for (int j = 0; j < sf.Structurals; j++) SetNonbasicAtBound(j);
        for (int i = 0; i < _m; i++)
        {
            _head[i] = sf.Structurals + i;
            _status[sf.Structurals + i] = VarStatus.Basic;
        }
    }

    public int Iterations { get; private set; }
    /// <summary>Iterations priced by Bland's rule (stalling) and spent in phase 1: diagnostics for tuning.</summary>
    public int BlandIterations { get; private set; }
    public int Phase1Iterations { get; private set; }
    public LpStatus Status { get; private set; }
    public SimplexBasis Basis => new((int[])_head.Clone(), (VarStatus[])_status.Clone());
    public double[] Values => _x;

    private void SetNonbasicAtBound(int j)
    {
        double l = _sf.Lower[j], u = _sf.Upper[j];
        if (!double.IsNegativeInfinity(l)) { _status[j] = VarStatus.AtLower; _x[j] = l; }
        else if (!double.IsPositiveInfinity(u)) { _status[j] = VarStatus.AtUpper; _x[j] = u; }
        else { _status[j] = VarStatus.Zero; _x[j] = 0; }
    }

    private int _freshNonzeros;

    private void Refactor()
    {
        foreach (int c in _factor.Factor(_head)) SetNonbasicAtBound(c);
        _freshNonzeros = _factor.EtaNonzeros;
        for (int r = 0; r < _m; r++) _status[_head[r]] = VarStatus.Basic;
        ComputeBasics();
    }

    private void ComputeBasics()
    {
        var rhs = new double[_m];
        for (int j = 0; j < _n; j++)
        {
            if (_status[j] == VarStatus.Basic || _x[j] == 0) continue;
            double v = _x[j];
            for (int p = _sf.ColStart[j]; p < _sf.ColStart[j + 1]; p++) rhs[_sf.RowIndex[p]] -= _sf.Value[p] * v;
        }
        _factor.Ftran(rhs);
        for (int r = 0; r < _m; r++) _x[_head[r]] = rhs[r];
    }

    public LpStatus Solve(int maxIterations)
    {
        Refactor();
        return Primal(maxIterations);
    }

    private LpStatus Primal(int maxIterations)
    {
        var y = new double[_m];
        var alpha = new double[_m];
        var nz = new int[_m];
        int nzCount = 0;
        int stall = 0;
        bool bland = false;
        while (true)
        {
            if (Iterations >= maxIterations) return Status = LpStatus.IterationLimit;
            // Refactor on a fixed period, or earlier once the update etas outweigh the fresh factor (dense
            // tree paths in network bases make update etas long), keeping FTRAN/BTRAN near O(nnz(B)).
            if (_factor.Updates >= RefactorEvery || (_factor.Updates >= 8 && _factor.EtaNonzeros > 3 * _freshNonzeros + 4 * _m)) Refactor();

            // Phase: any basic variable outside its bounds selects the composite phase-1 costs.
            bool phase1 = false;
            for (int r = 0; r < _m; r++)
            {
                int c = _head[r];
                double v = _x[c];
                double g = v < _sf.Lower[c] - FeasTol ? -1 : v > _sf.Upper[c] + FeasTol ? 1 : 0;
                y[r] = g;
                if (g != 0) phase1 = true;
            }
            if (!phase1) for (int r = 0; r < _m; r++) y[r] = _sf.Cost[_head[r]];
            _factor.Btran(y);

            if (bland) BlandIterations++;
            if (phase1) Phase1Iterations++;
            int q = Price(y, phase1, bland, out int dir);
            if (q < 0) return Status = phase1 ? LpStatus.Infeasible : LpStatus.Optimal;

            for (int k = 0; k < nzCount; k++) alpha[nz[k]] = 0;
            for (int p = _sf.ColStart[q]; p < _sf.ColStart[q + 1]; p++) alpha[_sf.RowIndex[p]] = _sf.Value[p];
            _factor.Ftran(alpha);
            // The nonzero pattern of the FTRANed column drives the ratio test, the update and the next clear.
            nzCount = 0;
            for (int r = 0; r < _m; r++) if (alpha[r] != 0) nz[nzCount++] = r;
            int leave = RatioTest(alpha, nz, nzCount, dir, bland, out double theta, out double target);

            double flip = _sf.Upper[q] - _sf.Lower[q];
            Iterations++;
            if (double.IsFinite(flip) && (leave < 0 || flip <= theta))
            {
                // Bound flip: the entering variable reaches its other bound first; the basis is unchanged.
                Move(q, dir, flip, alpha, nz, nzCount);
                _status[q] = dir > 0 ? VarStatus.AtUpper : VarStatus.AtLower;
                _x[q] = dir > 0 ? _sf.Upper[q] : _sf.Lower[q];
                stall = 0;
                bland = false;
                continue;
            }
            if (leave < 0)
            {
                if (phase1) return Status = LpStatus.IterationLimit; // cannot happen in exact arithmetic
                UnboundedColumn = q;
                UnboundedDirection = dir;
                return Status = LpStatus.Unbounded;
            }
            Move(q, dir, theta, alpha, nz, nzCount);
            int leaving = _head[leave];
            _x[leaving] = target;
            _status[leaving] = target == _sf.Lower[leaving] ? VarStatus.AtLower : VarStatus.AtUpper;
            _head[leave] = q;
            _status[q] = VarStatus.Basic;
            _factor.Update(leave, alpha, nz, nzCount);
            if (theta <= 1e-12) { if (++stall > StallLimit) bland = true; }
            else { stall = 0; bland = false; }
        }
    }

    /// <summary>
    /// Starts from <paramref name="basis"/> (a parent node's optimal basis, say) instead of the current one; nonbasic
    /// columns sit at the bound their status names, under the bounds now in the standard form.
    /// </summary>
    public void LoadBasis(SimplexBasis basis)
    {
        Array.Copy(basis.Head, _head, _m);
        Array.Copy(basis.Status, _status, _n);
        for (int j = 0; j < _n; j++) if (_status[j] != VarStatus.Basic) PlaceNonbasic(j);
    }

    /// <summary>Bounds in the standard form changed: nonbasic columns move to the bound their status names.</summary>
    public void BoundsChanged()
    {
        for (int j = 0; j < _n; j++) if (_status[j] != VarStatus.Basic) PlaceNonbasic(j);
    }

    /// <summary>Column j's bounds changed: a nonbasic j moves to the bound its status names.</summary>
    public void BoundChanged(int j)
    {
        if (_status[j] != VarStatus.Basic) PlaceNonbasic(j);
    }

    private void PlaceNonbasic(int j)
    {
        double l = _sf.Lower[j], u = _sf.Upper[j];
        switch (_status[j])
        {
            case VarStatus.AtLower when !double.IsNegativeInfinity(l): _x[j] = l; break;
            case VarStatus.AtUpper when !double.IsPositiveInfinity(u): _x[j] = u; break;
            case VarStatus.Zero when double.IsNegativeInfinity(l) && double.IsPositiveInfinity(u): _x[j] = 0; break;
            default: SetNonbasicAtBound(j); break;
        }
    }

    /// <summary>Reduced costs of the current basis (zero for basic columns; minimisation form, scaled).</summary>
    private double[] _d = [];

    private void ComputeReducedCosts()
    {
        if (_d.Length != _n) _d = new double[_n];
        var y = RowDuals();
        for (int j = 0; j < _n; j++)
        {
            if (_status[j] == VarStatus.Basic) { _d[j] = 0; continue; }
            double d = _sf.Cost[j];
            for (int p = _sf.ColStart[j]; p < _sf.ColStart[j + 1]; p++) d -= _sf.Value[p] * y[_sf.RowIndex[p]];
            _d[j] = d;
        }
    }

    /// <summary>
    /// Re-solves after bound changes from the loaded basis. While the basis is dual feasible (a parent's optimal
    /// basis is: only bounds changed) the bounded dual simplex restores primal feasibility (Koberstein 2005, ch. 3:
    /// dual pricing on the largest bound violation, pivot row by BTRAN of a unit vector, Harris two-pass dual ratio
    /// test; boxed columns whose reduced cost has the wrong sign are flipped to their other bound first). A basis
    /// that is not dual feasible, or a dual simplex that stalls, continues with the primal simplex from where it is.
    /// Returns Infeasible with <see cref="FarkasRow"/> set when a row proves it (no column can repair row r).
    /// </summary>
    public LpStatus SolveDual(int maxIterations)
    {
        int limit = Iterations + maxIterations;
        FarkasRow = -1;
        Refactor();
        ComputeReducedCosts();
        if (!MakeDualFeasible()) return Status = Primal(limit);
        var rho = new double[_m];
        var alpha = new double[_m];
        var nz = new int[_m];
        var row = new double[_n];
        int degenerate = 0;
        while (true)
        {
            if (Iterations >= limit) return Status = LpStatus.IterationLimit;
            if (_factor.Updates >= RefactorEvery || (_factor.Updates >= 8 && _factor.EtaNonzeros > 3 * _freshNonzeros + 4 * _m))
            {
                Refactor();
                ComputeReducedCosts();
                if (!MakeDualFeasible()) return Status = Primal(limit);
            }
            // Dual pricing: the basic variable farthest outside its bounds leaves.
            int r = -1;
            double worst = FeasTol;
            for (int k = 0; k < _m; k++)
            {
                int c = _head[k];
                double v = _x[c], viol = Math.Max(_sf.Lower[c] - v, v - _sf.Upper[c]);
                if (viol > worst) { worst = viol; r = k; }
            }
            if (r < 0) return Status = LpStatus.Optimal;
            int leaving = _head[r];
            bool toLower = _x[leaving] < _sf.Lower[leaving];
            double s = toLower ? 1 : -1;
            Array.Clear(rho);
            rho[r] = 1;
            _factor.Btran(rho);
            // Pivot row α_rj = ρᵀa_j over nonbasic columns, and the Harris bound on the dual step.
            double tMax = double.PositiveInfinity;
            for (int j = 0; j < _n; j++)
            {
                row[j] = 0;
                var st = _status[j];
                if (st == VarStatus.Basic || _sf.Lower[j] == _sf.Upper[j]) continue;
                double a = 0;
                for (int p = _sf.ColStart[j]; p < _sf.ColStart[j + 1]; p++) a += _sf.Value[p] * rho[_sf.RowIndex[p]];
                a *= s;
                row[j] = a;
                if (!Eligible(st, a)) continue;
                double lim = (Math.Abs(_d[j]) + OptTol) / Math.Abs(a);
                if (lim < tMax) tMax = lim;
            }
            if (double.IsPositiveInfinity(tMax))
            {
                FarkasRow = r;
                FarkasSign = toLower ? 1 : -1;
                FarkasMultipliers = (double[])rho.Clone();
                return Status = LpStatus.Infeasible;
            }
            int q = -1;
            double bestPivot = 0;
            for (int j = 0; j < _n; j++)
            {
                double a = row[j];
                if (a == 0 || !Eligible(_status[j], a)) continue;
                if (Math.Abs(_d[j]) / Math.Abs(a) > tMax) continue;
                if (Math.Abs(a) > bestPivot) { bestPivot = Math.Abs(a); q = j; }
            }
            Array.Clear(alpha);
            for (int p = _sf.ColStart[q]; p < _sf.ColStart[q + 1]; p++) alpha[_sf.RowIndex[p]] = _sf.Value[p];
            _factor.Ftran(alpha);
            int nzCount = 0;
            for (int k = 0; k < _m; k++) if (alpha[k] != 0) nz[nzCount++] = k;
            if (Math.Abs(alpha[r]) < 1e-11 || Math.Abs(alpha[r] - s * row[q]) > 1e-6 * (1 + Math.Abs(alpha[r])))
            {
                // The row and the column disagree: rounding has built up; refactor and price again.
                if (_factor.Updates == 0) return Status = Primal(limit);
                Refactor();
                ComputeReducedCosts();
                if (!MakeDualFeasible()) return Status = Primal(limit);
                continue;
            }
            Iterations++;
            // Dual step t ≥ 0 along the row: d_j ← d_j + t·ã_j makes d_q zero; the leaving column gets s·t.
            double t = Math.Max(0, -_d[q] / row[q]);
            if (t > 0)
                for (int j = 0; j < _n; j++) if (row[j] != 0) _d[j] += t * row[j];
            _d[q] = 0;
            _d[leaving] = s * t;
            // Primal step: x_q moves so that the leaving variable lands on the bound it violated.
            double target = toLower ? _sf.Lower[leaving] : _sf.Upper[leaving];
            double delta = (_x[leaving] - target) / alpha[r];
            _x[q] += delta;
            for (int k = 0; k < nzCount; k++) { int i = nz[k]; _x[_head[i]] -= delta * alpha[i]; }
            _x[leaving] = target;
            _status[leaving] = toLower ? VarStatus.AtLower : VarStatus.AtUpper;
            _head[r] = q;
            _status[q] = VarStatus.Basic;
            _factor.Update(r, alpha, nz, nzCount);
            if (t <= 1e-12) { if (++degenerate > 5 * StallLimit) return Status = Primal(limit); }
            else degenerate = 0;
        }
    }

    /// <summary>Whether a nonbasic column with pivot-row entry ã (sign-adjusted) limits the dual step.</summary>
    private static bool Eligible(VarStatus status, double a) => status switch
    {
        VarStatus.AtLower => a < -PivotTol,
        VarStatus.AtUpper => a > PivotTol,
        VarStatus.Zero => Math.Abs(a) > PivotTol,
        _ => false,
    };

    /// <summary>
    /// Dual feasibility of the current basis: a boxed nonbasic column whose reduced cost points the wrong way is
    /// moved to its other bound (which changes x_B, harmless to the dual simplex); false when another kind is
    /// dual infeasible, which only the primal simplex can repair.
    /// </summary>
    private bool MakeDualFeasible()
    {
        bool flipped = false;
        for (int j = 0; j < _n; j++)
        {
            var st = _status[j];
            if (st == VarStatus.Basic) continue;
            double l = _sf.Lower[j], u = _sf.Upper[j];
            if (l == u) continue;
            double d = _d[j];
            bool bad = st switch
            {
                VarStatus.AtLower => d < -OptTol,
                VarStatus.AtUpper => d > OptTol,
                _ => Math.Abs(d) > OptTol,
            };
            if (!bad) continue;
            if (double.IsInfinity(l) || double.IsInfinity(u)) return false;
            _status[j] = d < 0 ? VarStatus.AtUpper : VarStatus.AtLower;
            _x[j] = d < 0 ? u : l;
            flipped = true;
        }
        if (flipped) ComputeBasics();
        return true;
    }

    /// <summary>After an Infeasible answer of <see cref="SolveDual"/>: the basis position whose row proves it, or −1.</summary>
    public int FarkasRow { get; private set; } = -1;
    /// <summary>+1 when the row's basic variable cannot reach its lower bound, −1 its upper bound.</summary>
    public int FarkasSign { get; private set; }
    /// <summary>ρ = B⁻ᵀe_r of the proving row (scaled row space), for an exact Farkas check.</summary>
    public double[]? FarkasMultipliers { get; private set; }

    /// <summary>Structural value j in model units.</summary>
    public double Value(int j) => _x[j] * _sf.ColScale[j];

    /// <summary>y = B⁻ᵀc_B of the current basis (minimisation form).</summary>
    public double[] RowDuals()
    {
        var y = new double[_m];
        for (int r = 0; r < _m; r++) y[r] = _sf.Cost[_head[r]];
        _factor.Btran(y);
        return y;
    }

    public int UnboundedColumn { get; private set; } = -1;
    public int UnboundedDirection { get; private set; }

    private int _priceStart;

    /// <summary>
    /// Partial Dantzig pricing: columns are scanned in segments of about 1,000 starting after the last segment
    /// used, and the largest |d_j| of the first segment with a candidate enters (the sign of d_j must let x_j
    /// move away from its bound). Optimality is declared only after a full cycle finds none. Under Bland's rule
    /// the lowest eligible index over all columns. A method of its own so the JIT optimises the hot loop.
    /// </summary>
    private int Price(double[] y, bool phase1, bool bland, out int dir)
    {
        int[] colStart = _sf.ColStart, rowIndex = _sf.RowIndex;
        double[] value = _sf.Value, cost = _sf.Cost, lower = _sf.Lower, upper = _sf.Upper;
        var status = _status;
        int n = _n;
        int segment = bland ? n : Math.Max(1000, n / 16);
        int start = bland ? 0 : _priceStart;
        int q = -1;
        dir = 0;
        double best = 0;
        for (int scanned = 0; scanned < n;)
        {
            int count = Math.Min(segment, n - scanned);
            for (int t = 0; t < count; t++)
            {
                int j = start + t;
                if (j >= n) j -= n;
                var s = status[j];
                if (s == VarStatus.Basic || lower[j] == upper[j]) continue;
                double d = phase1 ? 0 : cost[j];
                for (int p = colStart[j], e = colStart[j + 1]; p < e; p++) d -= value[p] * y[rowIndex[p]];
                int dj = 0;
                if (d < -OptTol && s != VarStatus.AtUpper) dj = 1;
                else if (d > OptTol && s != VarStatus.AtLower) dj = -1;
                if (dj == 0) continue;
                if (bland) { dir = dj; return j; }
                double a = Math.Abs(d);
                if (a > best) { best = a; q = j; dir = dj; }
            }
            scanned += count;
            start += count;
            if (start >= n) start -= n;
            if (q >= 0) { _priceStart = start; return q; }
        }
        return -1;
    }

    private void Move(int q, int dir, double theta, double[] alpha, int[] nz, int nzCount)
    {
        if (theta == 0) return;
        _x[q] += dir * theta;
        for (int k = 0; k < nzCount; k++)
        {
            int r = nz[k];
            _x[_head[r]] -= dir * alpha[r] * theta;
        }
    }

    /// <summary>
    /// Harris two-pass ratio test: the largest step with bounds relaxed by the feasibility tolerance, then the
    /// largest |pivot| among rows that block within it. A phase-1 infeasible variable blocks when it reaches
    /// the bound it violates. Returns the leaving position, or −1 when nothing blocks.
    /// </summary>
    private int RatioTest(double[] alpha, int[] nz, int nzCount, int dir, bool bland, out double theta, out double target)
    {
        theta = double.PositiveInfinity;
        target = 0;
        double relaxed = double.PositiveInfinity;
        for (int k = 0; k < nzCount; k++)
        {
            int r = nz[k];
            double rate = -dir * alpha[r];
            if (Math.Abs(rate) <= PivotTol) continue;
            if (!BlockingBound(r, rate, out double bound)) continue;
            double x = _x[_head[r]];
            double lim = rate > 0 ? (bound + FeasTol - x) / rate : (bound - FeasTol - x) / rate;
            if (lim < relaxed) relaxed = lim;
        }
        if (double.IsPositiveInfinity(relaxed)) return -1;
        int leave = -1;
        double bestPivot = 0, bestRatio = double.PositiveInfinity;
        for (int k = 0; k < nzCount; k++)
        {
            int r = nz[k];
            double rate = -dir * alpha[r];
            if (Math.Abs(rate) <= PivotTol) continue;
            if (!BlockingBound(r, rate, out double bound)) continue;
            double ratio = Math.Max(0, (bound - _x[_head[r]]) / rate);
            if (ratio > relaxed) continue;
            bool better = bland
                ? ratio < bestRatio || (ratio == bestRatio && _head[r] < _head[leave])
                : Math.Abs(rate) > bestPivot;
            if (leave < 0 || better)
            {
                leave = r;
                bestPivot = Math.Abs(rate);
                bestRatio = ratio;
                target = bound;
            }
        }
        theta = bestRatio;
        return leave;
    }

    private bool BlockingBound(int r, double rate, out double bound)
    {
        int c = _head[r];
        double x = _x[c], l = _sf.Lower[c], u = _sf.Upper[c];
        if (rate > 0)
        {
            if (x > u + FeasTol) { bound = 0; return false; }
            bound = x < l - FeasTol ? l : u;
        }
        else
        {
            if (x < l - FeasTol) { bound = 0; return false; }
            bound = x > u + FeasTol ? u : l;
        }
        return double.IsFinite(bound);
    }
}
