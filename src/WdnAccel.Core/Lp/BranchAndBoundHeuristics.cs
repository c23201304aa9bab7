namespace WdnAccel.Core.Lp;

/// <summary>
/// Primal heuristics of <see cref="BranchAndBound"/>: they only look for good integer points fast, on the floating
/// node LP with the integers fixed (the cuts are valid for every integer-feasible point, so they cut off no completion);
/// a point is accepted only through <see cref="TryIncumbent"/>, which solves and certifies its fixed LP exactly.
/// <list type="bullet">
/// <item>Rounding up: every integer to ⌈x*⌉ (in the fixed-charge models: open every arc and plant the LP uses).</item>
/// <item>Fractional diving (Achterberg 2007, ch. 9): bound the integer nearest to integrality to its rounding, re-solve
/// with the dual simplex, repeat until the LP point is integral or the dive fails.</item>
/// <item>1-opt descent on every point found: lower one integer at a time (close an arc, switch a plant off), most
/// expensive first, keeping each change that lowers the LP objective, until no change helps (at most five passes;
/// raising moves were tried and found nothing on the fixed-charge instances).</item>
/// </list>
/// </summary>
internal sealed partial class BranchAndBound
{
    private const int MaxDiveDepth = 200;

    /// <summary>Runs the heuristics from the current (optimal) root LP point; restores the bounds and basis afterwards.</summary>
    private void RunHeuristics()
    {
        var basis = _simplex.Basis;
        int ni = _integers.Length;
        var up = new long[ni];
        for (int t = 0; t < ni; t++) up[t] = Clamp(t, (long)Math.Ceiling(_simplex.Value(_integers[t]) - IntegralityTol));
        Descend(up);
        for (int t = 0; t < ni; t++) ReleaseFloat(t);
        _simplex.LoadBasis(basis);
        if (Dive() is { } dived) Descend(dived);
        for (int t = 0; t < ni; t++) _lag.SetBounds(_integers[t], _curLower[t], _curUpper[t]);
        _simplex.LoadBasis(basis);
        _simplex.SolveDual(NodeIterationLimit);
    }

    private long Clamp(int t, long v)
    {
        if (_curLower[t] is { } l && v < (long)l.Numerator) v = (long)l.Numerator;
        if (_curUpper[t] is { } u && v > (long)u.Numerator) v = (long)u.Numerator;
        return v;
    }

    /// <summary>Fixes integer t at v in the floating LP only (the exact bounds are restored by the caller).</summary>
    private void FixFloat(int t, long v)
    {
        _sf.SetBounds(_integers[t], v, v);
        _simplex.BoundChanged(_integers[t]);
    }

    /// <summary>Integer t back at the current node's bounds in the floating LP.</summary>
    private void ReleaseFloat(int t)
    {
        _sf.SetBounds(_integers[t], _curLower[t], _curUpper[t]);
        _simplex.BoundChanged(_integers[t]);
    }

    private double? SolveFloat()
    {
        int before = _simplex.Iterations;
        var status = _simplex.SolveDual(NodeIterationLimit);
        _iterations += _simplex.Iterations - before;
        return status == LpStatus.Optimal ? Objective() : null;
    }

    /// <summary>1-opt descent from <paramref name="values"/>, then the exact incumbent check of the result.</summary>
    private void Descend(long[] values)
    {
        int ni = _integers.Length;
        for (int t = 0; t < ni; t++) FixFloat(t, values[t]);
        if (SolveFloat() is not { } z) return;
        var order = Enumerable.Range(0, ni).OrderByDescending(t => Math.Abs(_cost[_integers[t]])).ToArray();
        for (int pass = 0; pass < 5; pass++)
        {
            bool improved = false;
            foreach (int t in order)
            {
                long lower = _curLower[t] is { } l ? (long)l.Numerator : long.MinValue;
                if (values[t] <= lower) continue;
                var basis = _simplex.Basis;
                FixFloat(t, values[t] - 1);
                if (SolveFloat() is { } z2 && z2 < z - 1e-9 * Math.Max(1, Math.Abs(z)))
                {
                    values[t]--;
                    z = z2;
                    improved = true;
                    continue;
                }
                FixFloat(t, values[t]);
                _simplex.LoadBasis(basis);
            }
            if (!improved) break;
        }
        if (_cutoff is { } c && z >= c.ToDouble() - 1e-9 * Math.Max(1, Math.Abs(z))) return;
        TryIncumbent(values.Select(v => new Rational(v)).ToArray());
    }

    /// <summary>
    /// Fractional diving from the current LP point, with one backtrack per level (an infeasible rounding is tried the
    /// other way); the integer point it reaches, or null.
    /// </summary>
    private long[]? Dive()
    {
        int ni = _integers.Length;
        var fixedAt = new long?[ni];
        if (SolveFloat() is null) return null;
        for (int depth = 0; depth < MaxDiveDepth; depth++)
        {
            int pick = -1;
            double best = double.PositiveInfinity, value = 0;
            for (int t = 0; t < ni; t++)
            {
                if (fixedAt[t] is not null) continue;
                double v = _simplex.Value(_integers[t]);
                double f = v - Math.Floor(v);
                if (f <= IntegralityTol || f >= 1 - IntegralityTol) continue;
                // Nearest to integrality first; ties go up (opening keeps the plan feasible in covering models).
                double dist = Math.Min(f, 1 - f);
                if (dist < best) { best = dist; pick = t; value = v; }
            }
            if (pick < 0)
                return _integers.Select((j, t) => fixedAt[t] ?? Clamp(t, (long)Math.Round(_simplex.Value(j)))).ToArray();
            long first = value - Math.Floor(value) >= 0.5 ? (long)Math.Ceiling(value) : (long)Math.Floor(value);
            long second = first == (long)Math.Ceiling(value) ? (long)Math.Floor(value) : (long)Math.Ceiling(value);
            var basis = _simplex.Basis;
            bool ok = false;
            foreach (long target in new[] { first, second })
            {
                fixedAt[pick] = target;
                FixFloat(pick, target);
                if (SolveFloat() is { } z && (_cutoff is not { } c || z < c.ToDouble())) { ok = true; break; }
                _simplex.LoadBasis(basis);
            }
            if (!ok) return null;
        }
        return null;
    }
}
