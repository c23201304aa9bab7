namespace WdnAccel.Core.Lp;

/// <summary>
/// Complemented mixed-integer rounding cuts (c-MIR; Marchand &amp; Wolsey 2001, "Aggregation and mixed integer rounding
/// to solve MIPs"; Achterberg 2007, ch. 8). For a base inequality Σ a_j x_j ≤ β (a row, or a row aggregated with
/// others to eliminate continuous variables that lie strictly between their bounds):
/// <list type="number">
/// <item>each continuous x_j is written from its closest bound at the LP point, simple or variable (x ≤ d·y + e from
/// a two-term row: the fixed-charge structure x ≤ U·y), as bound ± x̄_j with x̄_j ≥ 0;</item>
/// <item>each integer y_k is written as y_k − l_k or u_k − y_k (complemented), a nonnegative integer z_k;</item>
/// <item>with s = −Σ_{c̃_j &lt; 0} c̃_j x̄_j ≥ 0 and a divisor δ &gt; 0 (f₀ = frac(β̃/δ)), the MIR inequality
/// Σ δ·F(ã_k/δ)·z_k − s/(1 − f₀) ≤ δ·⌊β̃/δ⌋, F(a) = ⌊a⌋ + max(0, frac(a) − f₀)/(1 − f₀), holds for every
/// feasible point (Nemhauser &amp; Wolsey 1990; Wolsey, "Integer Programming", 1998);</item>
/// <item>δ is tried among the |ã_k| of integers strictly inside their bounds (then δ/2, δ/4, δ/8), then complementing
/// is flipped one integer at a time while the cut's efficacy (violation over Euclidean norm) grows.</item>
/// </list>
/// The search (aggregation, substitution, δ, complementation) runs in doubles; a cut it finds violated is then derived
/// again in exact arithmetic by replaying the same choices (exact multipliers, bounds and δ), substituted back into
/// the original variables and scaled to integer coefficients: every cut is a valid inequality of the integer program,
/// not an approximation of one. Single-node flow structures (demand Σ x ≥ d with x ≤ U·y) give the flow-cover-like
/// cuts d·y_p + Σ_{q≠p} x_q ≥ d this way.
/// </summary>
internal static class MirCuts
{
    /// <summary>A cut Σ terms ≤ rhs (terms by increasing variable), its efficacy at the separated point and its
    /// coefficients divided by their Euclidean norm, in doubles (for the parallelism test).</summary>
    internal sealed record Cut(LpTerm[] Terms, Rational Rhs, double Efficacy, double[] Unit)
    {
        /// <summary>Cosine of the angle between two cuts' normals.</summary>
        public double Parallelism(Cut other)
        {
            double dot = 0;
            for (int i = 0, k = 0; i < Terms.Length && k < other.Terms.Length;)
            {
                int a = Terms[i].Variable, b = other.Terms[k].Variable;
                if (a == b) dot += Unit[i++] * other.Unit[k++];
                else if (a < b) i++;
                else k++;
            }
            return dot;
        }
    }

    private const double Eps = 1e-6;
    private const int MaxAggregations = 4;
    private const int MaxCutsPerRow = 4;
    private const int MaxFlips = 8;

    /// <summary>A variable bound x ≤ d·y + e (upper) or x ≥ d·y + e (lower) from a two-term row.</summary>
    private readonly record struct VarBound(int Y, Rational D, Rational E, double Dd, double Ed);

    /// <summary>
    /// Bound substitution rules tried for each base inequality: the closest bound preferring variable bounds on ties,
    /// the closest preferring simple bounds, and a positive coefficient always to a lower bound (so x̄ drops out
    /// instead of bringing its variable bound's integer into the cut).
    /// </summary>
    private enum Mode : byte { PreferVariable, PreferSimple, PositiveToLower }

    private static readonly Mode[] Modes = [Mode.PreferVariable, Mode.PreferSimple, Mode.PositiveToLower];

    /// <summary>How a variable enters the transformed inequality.</summary>
    private enum Sub : byte { Lower, Upper, VarLower, VarUpper }

    /// <summary>Violated c-MIR cuts at <paramref name="x"/> (model units), best efficacy first; base rows are the
    /// first <paramref name="baseRows"/> rows of <paramref name="model"/> (earlier cuts are not aggregated).</summary>
    public static List<Cut> Separate(LpModel model, double[] x, int baseRows, double minEfficacy = 1e-4)
    {
        var s = new Separator(model, x, baseRows);
        var cuts = new List<Cut>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < baseRows; i++)
            foreach (int side in new[] { 1, -1 })
                foreach (var cut in s.FromRow(i, side, minEfficacy))
                    if (seen.Add(Key(cut))) cuts.Add(cut);
        cuts.Sort((p, q) => q.Efficacy.CompareTo(p.Efficacy));
        return cuts;
    }

    private static string Key(Cut c) => string.Join(";", c.Terms.Select(t => $"{t.Variable}:{t.Coefficient}")) + "<=" + c.Rhs;

    private sealed class Separator
    {
        private readonly LpModel _model;
        private readonly double[] _x;
        private readonly int _n, _baseRows;
        private readonly VarBound?[] _vlb, _vub;
        private readonly List<int>[] _rowsOf;
        private readonly double[] _activity, _lower, _upper;
        private readonly bool[] _integer;
        private readonly (int[] Idx, double[] Val)[] _rows;

        public Separator(LpModel model, double[] x, int baseRows)
        {
            _model = model;
            _x = x;
            _n = model.Variables.Count;
            _baseRows = baseRows;
            _integer = model.Variables.Select(v => v.IsInteger).ToArray();
            _lower = model.Variables.Select(v => v.Lower?.ToDouble() ?? double.NegativeInfinity).ToArray();
            _upper = model.Variables.Select(v => v.Upper?.ToDouble() ?? double.PositiveInfinity).ToArray();
            _rows = new (int[], double[])[baseRows];
            _rowsOf = new List<int>[_n];
            for (int j = 0; j < _n; j++) _rowsOf[j] = [];
            _activity = new double[baseRows];
            for (int i = 0; i < baseRows; i++)
            {
                var terms = model.Constraints[i].Terms;
                _rows[i] = (terms.Select(t => t.Variable).ToArray(), terms.Select(t => t.Coefficient.ToDouble()).ToArray());
                foreach (var t in terms) { _rowsOf[t.Variable].Add(i); _activity[i] += t.Coefficient.ToDouble() * x[t.Variable]; }
            }
            (_vlb, _vub) = VariableBounds();
        }

        private double Lo(int i) => _model.Constraints[i].Lower?.ToDouble() ?? double.NegativeInfinity;
        private double Up(int i) => _model.Constraints[i].Upper?.ToDouble() ?? double.PositiveInfinity;

        /// <summary>For each continuous column, its tightest variable lower and upper bound at x (two-term rows).</summary>
        private (VarBound?[] Lower, VarBound?[] Upper) VariableBounds()
        {
            var lower = new VarBound?[_n];
            var upper = new VarBound?[_n];
            for (int i = 0; i < _baseRows; i++)
            {
                var row = _model.Constraints[i];
                if (row.Terms.Count != 2) continue;
                for (int w = 0; w < 2; w++)
                {
                    var tx = row.Terms[w];
                    var ty = row.Terms[1 - w];
                    if (_integer[tx.Variable] || !_integer[ty.Variable]) continue;
                    // a·x + b·y ≤ r  ⇒  x ≤ (r − b·y)/a for a > 0, x ≥ (r − b·y)/a for a < 0; likewise for ≥.
                    foreach (var (bound, isUpperRow) in new[] { (row.Upper, true), (row.Lower, false) })
                    {
                        if (bound is not { } r) continue;
                        var d = -ty.Coefficient / tx.Coefficient;
                        var e = r / tx.Coefficient;
                        var vb = new VarBound(ty.Variable, d, e, d.ToDouble(), e.ToDouble());
                        double at = vb.Dd * _x[ty.Variable] + vb.Ed;
                        if (isUpperRow == tx.Coefficient.Sign > 0)
                        {
                            if (upper[tx.Variable] is not { } old || at < old.Dd * _x[old.Y] + old.Ed) upper[tx.Variable] = vb;
                        }
                        else if (lower[tx.Variable] is not { } old2 || at > old2.Dd * _x[old2.Y] + old2.Ed) lower[tx.Variable] = vb;
                    }
                }
            }
            return (lower, upper);
        }

        /// <summary>
        /// Starting from row i (side +1: its upper bound, −1: its lower bound, negated), tries the base inequality and
        /// then aggregations with further rows until cuts are found (one per divisor that gives a violated one).
        /// </summary>
        public List<Cut> FromRow(int i, int side, double minEfficacy)
        {
            double rhs = side > 0 ? Up(i) : -Lo(i);
            if (!double.IsFinite(rhs)) return [];
            // Only rows tight at the LP point start an aggregation (a slack row's cut is rarely violated).
            if (Math.Abs(side * _activity[i] - rhs) > 1e-6 * (1 + Math.Abs(rhs))) return [];
            var (idx, val) = _rows[i];
            bool useful = false;
            foreach (int j in idx) useful |= _integer[j] || _vlb[j] is not null || _vub[j] is not null;
            if (!useful) return [];
            var agg = new Dictionary<int, double>();
            for (int k = 0; k < idx.Length; k++) agg[idx[k]] = side * val[k];
            // The aggregation steps (row, variable eliminated), to replay exactly.
            var steps = new List<(int Row, int Var)>();
            var used = new HashSet<int> { i };
            for (int a = 0; ; a++)
            {
                // Distinct plans over the substitution modes, best first; only the best few are derived exactly.
                var plans = new Dictionary<string, MirPlan>(StringComparer.Ordinal);
                var substitutions = new HashSet<long>();
                foreach (var mode in Modes)
                    foreach (var plan in Plan(agg, rhs, mode, minEfficacy, substitutions))
                        plans.TryAdd(plan.Key, plan);
                var found = new List<Cut>();
                foreach (var plan in plans.Values.OrderByDescending(p => p.Efficacy).Take(MaxCutsPerRow))
                    if (Exact(i, side, steps, plan) is { } cut && cut.Efficacy >= minEfficacy) found.Add(cut);
                if (found.Count > 0) return found;
                bool more = a < MaxAggregations && Aggregate(agg, ref rhs, used, steps);
                if (!more) return found;
            }
        }

        /// <summary>
        /// Adds a multiple of another row to eliminate the continuous variable of the aggregate that lies deepest
        /// inside its bounds, using a row tight at x (Marchand &amp; Wolsey's aggregation heuristic).
        /// </summary>
        private bool Aggregate(Dictionary<int, double> agg, ref double rhs, HashSet<int> used, List<(int, int)> steps)
        {
            int bestVar = -1, bestRow = -1;
            double bestDist = Eps;
            foreach (var (j, aj) in agg)
            {
                if (_integer[j] || Math.Abs(aj) < 1e-12) continue;
                double lo = Math.Max(_lower[j], _vlb[j] is { } p ? p.Dd * _x[p.Y] + p.Ed : double.NegativeInfinity);
                double hi = Math.Min(_upper[j], _vub[j] is { } q ? q.Dd * _x[q.Y] + q.Ed : double.PositiveInfinity);
                double dist = Math.Min(_x[j] - lo, hi - _x[j]);
                if (dist <= bestDist) continue;
                int pick = -1;
                foreach (int r in _rowsOf[j])
                {
                    if (used.Contains(r)) continue;
                    double coef = Coefficient(r, j);
                    bool positive = aj / coef < 0; // λ = −a_j/coef: ≥ 0 needs the row's upper bound, ≤ 0 its lower
                    double bound = positive ? Up(r) : Lo(r);
                    if (!double.IsFinite(bound) || Math.Abs(bound - _activity[r]) > 1e-6 * (1 + Math.Abs(bound))) continue;
                    pick = r;
                    break;
                }
                if (pick < 0) continue;
                bestDist = dist;
                bestVar = j;
                bestRow = pick;
            }
            if (bestVar < 0) return false;
            double lambda = -agg[bestVar] / Coefficient(bestRow, bestVar);
            var (idx, val) = _rows[bestRow];
            for (int k = 0; k < idx.Length; k++) agg[idx[k]] = (agg.TryGetValue(idx[k], out var o) ? o : 0) + lambda * val[k];
            agg.Remove(bestVar);
            rhs += lambda * (lambda > 0 ? Up(bestRow) : Lo(bestRow));
            used.Add(bestRow);
            steps.Add((bestRow, bestVar));
            return true;
        }

        private double Coefficient(int row, int j)
        {
            var (idx, val) = _rows[row];
            for (int k = 0; k < idx.Length; k++) if (idx[k] == j) return val[k];
            return 0;
        }

        /// <summary>The choices of one c-MIR cut: substitutions, complementation, δ (as |ã_k| / divisor).</summary>
        private sealed record MirPlan(Dictionary<int, Sub> Subs, Dictionary<int, bool> Complemented, int DeltaVar, int Divisor, double Efficacy)
        {
            public string Key => string.Join(",", Subs.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}{(char)('a' + (int)kv.Value)}"))
                + "|" + string.Join(",", Complemented.Where(kv => kv.Value).Select(kv => kv.Key).Order()) + $"|{DeltaVar}/{Divisor}";
        }

        /// <summary>Bound substitution, δ and complementation chosen in doubles; null when no violated cut.</summary>
        private List<MirPlan> Plan(Dictionary<int, double> agg, double rhs, Mode mode, double minEfficacy, HashSet<long> substitutions)
        {
            long signature = 17;
            var intCoef = new Dictionary<int, double>();
            var subs = new Dictionary<int, Sub>();
            double beta = rhs, sStar = 0, sNorm = 0;
            foreach (var (j, a) in agg)
            {
                if (Math.Abs(a) < 1e-12) continue;
                if (_integer[j]) { intCoef[j] = (intCoef.TryGetValue(j, out var c0) ? c0 : 0) + a; continue; }
                double dl = _x[j] - _lower[j], du = _upper[j] - _x[j];
                double dvl = _vlb[j] is { } vl ? _x[j] - (vl.Dd * _x[vl.Y] + vl.Ed) : double.PositiveInfinity;
                double dvu = _vub[j] is { } vu ? vu.Dd * _x[vu.Y] + vu.Ed - _x[j] : double.PositiveInfinity;
                if (mode == Mode.PositiveToLower && a > 0 && (double.IsFinite(dl) || double.IsFinite(dvl))) { du = dvu = double.PositiveInfinity; }
                if (mode != Mode.PreferSimple) { if (dvl <= dl + Eps) dl = double.PositiveInfinity; if (dvu <= du + Eps) du = double.PositiveInfinity; }
                else { if (dl <= dvl + Eps) dvl = double.PositiveInfinity; if (du <= dvu + Eps) dvu = double.PositiveInfinity; }
                double best = Math.Min(Math.Min(dl, du), Math.Min(dvl, dvu));
                if (double.IsPositiveInfinity(best) || double.IsNaN(best)) return []; // free: no bound to substitute
                Sub how = best == dvl ? Sub.VarLower : best == dvu ? Sub.VarUpper : best == dl ? Sub.Lower : Sub.Upper;
                subs[j] = how;
                signature = signature * 1_000_003 + j * 4 + (int)how;
                double c = how is Sub.Lower or Sub.VarLower ? a : -a; // coefficient of x̄
                switch (how)
                {
                    case Sub.Lower: beta -= a * _lower[j]; break;
                    case Sub.Upper: beta -= a * _upper[j]; break;
                    case Sub.VarLower: { var p = _vlb[j]!.Value; beta -= a * p.Ed; intCoef[p.Y] = (intCoef.TryGetValue(p.Y, out var c1) ? c1 : 0) + a * p.Dd; break; }
                    default: { var q = _vub[j]!.Value; beta -= a * q.Ed; intCoef[q.Y] = (intCoef.TryGetValue(q.Y, out var c2) ? c2 : 0) + a * q.Dd; break; }
                }
                if (c < 0)
                {
                    sStar += -c * Math.Max(0, best);
                    sNorm += c * c;
                }
            }
            if (!substitutions.Add(signature)) return []; // another mode chose the same substitutions
            var keys = intCoef.Where(kv => Math.Abs(kv.Value) > 1e-12).Select(kv => kv.Key).ToArray();
            int ni = keys.Length;
            if (ni == 0) return [];
            var a0 = new double[ni];
            var flips = new bool[ni];
            var range = new double[ni];
            for (int t = 0; t < ni; t++)
            {
                int k = keys[t];
                a0[t] = intCoef[k];
                if (double.IsInfinity(_lower[k]) && double.IsInfinity(_upper[k])) return [];
                flips[t] = double.IsInfinity(_lower[k]) || (!double.IsInfinity(_upper[k]) && _x[k] > (_lower[k] + _upper[k]) / 2);
                range[t] = _upper[k] - _lower[k];
            }
            var av = new double[ni];
            var zs = new double[ni];
            double bt = 0;
            void Transform()
            {
                bt = beta;
                for (int t = 0; t < ni; t++)
                {
                    int k = keys[t];
                    if (flips[t]) { bt -= a0[t] * _upper[k]; av[t] = -a0[t]; zs[t] = _upper[k] - _x[k]; }
                    else { bt -= a0[t] * _lower[k]; av[t] = a0[t]; zs[t] = _x[k] - _lower[k]; }
                }
            }
            double Efficacy(double delta)
            {
                double q = bt / delta, f0 = q - Math.Floor(q);
                if (f0 < 0.01 || f0 > 0.99) return double.NegativeInfinity;
                double lhs = -sStar / (1 - f0), norm = sNorm / ((1 - f0) * (1 - f0));
                for (int t = 0; t < ni; t++)
                {
                    double a = av[t] / delta, fa = a - Math.Floor(a);
                    double g = delta * (Math.Floor(a) + Math.Max(0, fa - f0) / (1 - f0));
                    lhs += g * zs[t];
                    norm += g * g;
                }
                double viol = lhs - delta * Math.Floor(q);
                return norm > 0 ? viol / Math.Sqrt(norm) : double.NegativeInfinity;
            }
            Transform();
            var candidates = new List<int>();
            for (int t = 0; t < ni; t++)
                if (zs[t] > Eps && zs[t] < range[t] - Eps && !candidates.Any(c => Math.Abs(Math.Abs(a0[c]) - Math.Abs(a0[t])) <= 1e-9 * Math.Abs(a0[t])))
                    candidates.Add(t);
            if (candidates.Count == 0) return [];
            void Flip(int t)
            {
                int k = keys[t];
                flips[t] = !flips[t];
                if (flips[t]) { bt += a0[t] * (_lower[k] - _upper[k]); av[t] = -a0[t]; zs[t] = _upper[k] - _x[k]; }
                else { bt += a0[t] * (_upper[k] - _lower[k]); av[t] = a0[t]; zs[t] = _x[k] - _lower[k]; }
            }
            var order = Enumerable.Range(0, ni).Where(t => zs[t] > Eps && zs[t] < range[t] - Eps && !double.IsInfinity(range[t]))
                .OrderBy(t => Math.Abs(zs[t] - range[t] / 2)).Take(MaxFlips).ToArray();
            // One plan per divisor candidate (each gives a different cut: for a demand row, one per arc).
            var plans = new List<MirPlan>();
            var initial = (bool[])flips.Clone();
            foreach (int bt0 in candidates.OrderByDescending(c => Math.Abs(a0[c])).Take(8))
            {
                Array.Copy(initial, flips, ni);
                Transform();
                int div = 1;
                double eff = Efficacy(Math.Abs(a0[bt0]));
                foreach (int d in new[] { 2, 4, 8 })
                {
                    double e = Efficacy(Math.Abs(a0[bt0]) / d);
                    if (e > eff + 1e-9) { eff = e; div = d; }
                }
                if (double.IsNegativeInfinity(eff)) continue;
                double delta = Math.Abs(a0[bt0]) / div;
                // Flip complementation of integers strictly inside their bounds, nearest the middle first (at most
                // MaxFlips of them), while it helps.
                foreach (int t in order)
                {
                    Flip(t);
                    double e = Efficacy(delta);
                    if (e > eff + 1e-9) eff = e; else Flip(t);
                }
                if (eff < minEfficacy) continue;
                var comp = new Dictionary<int, bool>();
                for (int t = 0; t < ni; t++) comp[keys[t]] = flips[t];
                plans.Add(new MirPlan(subs, comp, keys[bt0], div, eff));
            }
            return plans;
        }

        /// <summary>Replays the aggregation and the plan in exact arithmetic and derives the cut.</summary>
        private Cut? Exact(int start, int side, List<(int Row, int Var)> steps, MirPlan plan)
        {
            var row0 = _model.Constraints[start];
            var agg = new Dictionary<int, Rational>();
            foreach (var t in row0.Terms) agg[t.Variable] = side > 0 ? t.Coefficient : -t.Coefficient;
            var rhs = side > 0 ? row0.Upper!.Value : -row0.Lower!.Value;
            foreach (var (r, v) in steps)
            {
                var row = _model.Constraints[r];
                var lambda = -agg[v] / row.Terms.First(t => t.Variable == v).Coefficient;
                foreach (var t in row.Terms)
                {
                    var c = (agg.TryGetValue(t.Variable, out var o) ? o : Rational.Zero) + lambda * t.Coefficient;
                    if (c.IsZero) agg.Remove(t.Variable); else agg[t.Variable] = c;
                }
                agg.Remove(v);
                rhs += lambda * (lambda.Sign > 0 ? row.Upper!.Value : row.Lower!.Value);
            }
            // Bound substitution as planned.
            var intCoef = new Dictionary<int, Rational>();
            var cont = new List<(int J, Rational C, Sub How)>();
            var beta = rhs;
            void AddInt(int k, Rational a) => intCoef[k] = (intCoef.TryGetValue(k, out var o) ? o : Rational.Zero) + a;
            foreach (var (j, a) in agg)
            {
                if (_integer[j]) { AddInt(j, a); continue; }
                if (!plan.Subs.TryGetValue(j, out var how)) return null; // rounding noise: the plan dropped a tiny term
                var v = _model.Variables[j];
                switch (how)
                {
                    case Sub.Lower: beta -= a * v.Lower!.Value; cont.Add((j, a, how)); break;
                    case Sub.Upper: beta -= a * v.Upper!.Value; cont.Add((j, -a, how)); break;
                    case Sub.VarLower: { var p = _vlb[j]!.Value; beta -= a * p.E; AddInt(p.Y, a * p.D); cont.Add((j, a, how)); break; }
                    default: { var q = _vub[j]!.Value; beta -= a * q.E; AddInt(q.Y, a * q.D); cont.Add((j, -a, how)); break; }
                }
            }
            // Complementation as planned (integers the plan did not see, from rounding noise, stay uncomplemented).
            var ints = new List<(int K, Rational A, bool Comp)>();
            foreach (var (k, a) in intCoef)
            {
                if (a.IsZero) continue;
                var v = _model.Variables[k];
                bool comp = plan.Complemented.TryGetValue(k, out var c) ? c : v.Lower is null;
                if (comp ? v.Upper is null : v.Lower is null) return null;
                beta -= a * (comp ? v.Upper!.Value : v.Lower!.Value);
                ints.Add((k, comp ? -a : a, comp));
            }
            if (!intCoef.TryGetValue(plan.DeltaVar, out var deltaBase) || deltaBase.IsZero) return null;
            var delta = Rational.Abs(deltaBase) / plan.Divisor;
            var q0 = beta / delta;
            var f0 = Rational.Fraction(q0);
            if (f0.IsZero) return null;
            var oneMinus = Rational.One - f0;
            var coef = new Dictionary<int, Rational>();
            void Add(int v, Rational c) { var s = (coef.TryGetValue(v, out var o) ? o : Rational.Zero) + c; if (s.IsZero) coef.Remove(v); else coef[v] = s; }
            var cutRhs = delta * Rational.Floor(q0);
            foreach (var (k, a, comp) in ints)
            {
                var g = delta * F(a / delta, f0);
                if (g.IsZero) continue;
                var v = _model.Variables[k];
                if (comp) { Add(k, -g); cutRhs -= g * v.Upper!.Value; }   // g·(u − y)
                else { Add(k, g); cutRhs += g * v.Lower!.Value; }         // g·(y − l)
            }
            foreach (var (j, c, how) in cont)
            {
                if (c.Sign >= 0) continue;
                var h = c / oneMinus; // coefficient of x̄_j (negative)
                var v = _model.Variables[j];
                switch (how)
                {
                    case Sub.Lower: Add(j, h); cutRhs += h * v.Lower!.Value; break;                                   // x̄ = x − l
                    case Sub.Upper: Add(j, -h); cutRhs -= h * v.Upper!.Value; break;                                  // x̄ = u − x
                    case Sub.VarLower: { var p = _vlb[j]!.Value; Add(j, h); Add(p.Y, -h * p.D); cutRhs += h * p.E; break; } // x̄ = x − d·y − e
                    default: { var q = _vub[j]!.Value; Add(j, -h); Add(q.Y, h * q.D); cutRhs -= h * q.E; break; }        // x̄ = d·y + e − x
                }
            }
            return Finish(coef, cutRhs);
        }

        /// <summary>Scales the cut to integer coefficients (a positive multiple of a valid inequality is valid) and
        /// rejects it when it is not violated, numerically poor (coefficient range above 10⁶) or too long to write.</summary>
        private Cut? Finish(Dictionary<int, Rational> coef, Rational rhs)
        {
            if (coef.Count == 0) return null;
            var den = System.Numerics.BigInteger.One;
            foreach (var c in coef.Values.Append(rhs)) den = den / System.Numerics.BigInteger.GreatestCommonDivisor(den, c.Denominator) * c.Denominator;
            if (den.GetBitLength() > 40) return null;
            var scale = new Rational(den, System.Numerics.BigInteger.One);
            var terms = coef.OrderBy(kv => kv.Key).Select(kv => new LpTerm(kv.Key, kv.Value * scale)).ToArray();
            rhs *= scale;
            double maxAbs = 0, minAbs = double.PositiveInfinity, lhs = 0, norm = 0;
            foreach (var t in terms)
            {
                double v = t.Coefficient.ToDouble();
                maxAbs = Math.Max(maxAbs, Math.Abs(v));
                minAbs = Math.Min(minAbs, Math.Abs(v));
                lhs += v * _x[t.Variable];
                norm += v * v;
            }
            if (maxAbs > 1e6 * minAbs) return null;
            double r = rhs.ToDouble(), viol = lhs - r;
            if (viol <= 1e-6 * Math.Max(1, Math.Abs(r))) return null;
            norm = Math.Sqrt(norm);
            return new Cut(terms, rhs, viol / norm, terms.Select(t => t.Coefficient.ToDouble() / norm).ToArray());
        }
    }

    /// <summary>F(a) = ⌊a⌋ + max(0, frac(a) − f₀)/(1 − f₀).</summary>
    private static Rational F(Rational a, Rational f0)
    {
        var fa = Rational.Fraction(a);
        var fl = a - fa;
        return fa > f0 ? fl + (fa - f0) / (Rational.One - f0) : fl;
    }
}
