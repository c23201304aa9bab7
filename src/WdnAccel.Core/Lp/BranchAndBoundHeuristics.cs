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
/// expensive first, keeping each change that lowers the LP objective, until no change helps.</item>
/// </list>
/// </summary>
internal sealed partial class BranchAndBound
{
    private const int MaxDiveDepth = 200;

    /// <summary>Runs the heuristics from the current (optimal) LP point and restores the LP state afterwards.</summary>
    private void RunHeuristics()
    {
        var basis = _simplex.Basis;
        int ni = _integers.Length;
        var x = _integers.Select(j => _simplex.Value(j)).ToArray();
        var up = new long[ni];
        for (int t = 0; t < ni; t++) up[t] = Clamp(t, (long)Math.Ceiling(x[t] - IntegralityTol));
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
        if (SolveFloat() is not { } z) { if (Trace) Console.Error.WriteLine("  descent start infeasible"); return; }
        if (Trace) Console.Error.WriteLine($"  descent from {z}");
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
        if (Trace) Console.Error.WriteLine($"  descent to {z}");
        if (_cutoff is { } c && z >= c.ToDouble() - 1e-9 * Math.Max(1, Math.Abs(z))) return;
        TryIncumbent(values.Select(v => new Rational(v)).ToArray());
    }

    /// <summary>Fractional diving from the current LP point; the integer point it reaches, or null.</summary>
    private long[]? Dive()
    {
        int ni = _integers.Length;
        var fixedAt = new long?[ni];
        for (int depth = 0; depth < MaxDiveDepth; depth++)
        {
            if (SolveFloat() is not { } z) { if (Trace) Console.Error.WriteLine($"  dive infeasible at depth {depth}"); return null; }
            if (_cutoff is { } c && z >= c.ToDouble()) { if (Trace) Console.Error.WriteLine($"  dive cut off at depth {depth}"); return null; }
            int pick = -1;
            double best = double.PositiveInfinity;
            long target = 0;
            for (int t = 0; t < ni; t++)
            {
                if (fixedAt[t] is not null) continue;
                double v = _simplex.Value(_integers[t]);
                double f = v - Math.Floor(v);
                if (f <= IntegralityTol || f >= 1 - IntegralityTol) continue;
                // Nearest to integrality first; ties go up (opening keeps the plan feasible in covering models).
                double dist = Math.Min(f, 1 - f);
                if (dist < best) { best = dist; pick = t; target = f >= 0.5 ? (long)Math.Ceiling(v) : (long)Math.Floor(v); }
            }
            if (pick < 0)
                return _integers.Select((j, t) => fixedAt[t] ?? Clamp(t, (long)Math.Round(_simplex.Value(j)))).ToArray();
            fixedAt[pick] = target;
            FixFloat(pick, target);
        }
        return null;
    }
}
