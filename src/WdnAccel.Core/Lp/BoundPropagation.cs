namespace WdnAccel.Core.Lp;

/// <summary>
/// Activity-based bound tightening, exactly (Savelsbergh 1994, "Preprocessing and probing techniques for mixed
/// integer programming problems"; Achterberg 2007, ch. 10): for a row l ≤ Σ a_j x_j ≤ u, the other terms' least
/// (greatest) activity over the current box bounds what a_j x_j can be. Integer bounds are rounded inwards. Every
/// tightened bound holds for every feasible point of the model (integrality used only in the rounding), so the LP
/// relaxation with the new bounds is the same set of integer-feasible points and the same LP for continuous columns.
/// Continuous bounds are taken when they were infinite or move by more than 10⁻³ of their scale, rounded outwards to
/// a multiple of 2⁻²⁰ when their denominator is large (a looser bound is still implied), so exact numbers stay short.
/// A contradiction (lower &gt; upper) is not applied: propagation stops and the search proves infeasibility itself.
/// </summary>
internal static class BoundPropagation
{
    private static readonly Rational Grid = new(1L << 20);

    /// <summary>Tightens the variable bounds of <paramref name="model"/> in place; returns how many bounds changed.</summary>
    public static int Tighten(LpModel model, int maxPasses = 5)
    {
        int changes = 0;
        for (int v = 0; v < model.Variables.Count; v++)
        {
            var x = model.Variables[v];
            if (!x.IsInteger) continue;
            Rational? l = x.Lower is { } a ? Rational.Ceiling(a) : null, u = x.Upper is { } b ? Rational.Floor(b) : null;
            if (l is { } ll && u is { } uu && ll > uu) return changes;
            if (l != x.Lower || u != x.Upper) { model.SetBounds(v, l, u); changes++; }
        }
        for (int pass = 0; pass < maxPasses; pass++)
        {
            int before = changes;
            for (int i = 0; i < model.Constraints.Count; i++)
            {
                var row = model.Constraints[i];
                var (minSum, minInf, maxSum, maxInf) = Activity(model, row);
                foreach (var t in row.Terms)
                {
                    var x = model.Variables[t.Variable];
                    var (cMin, cMax) = Contribution(t.Coefficient, x);
                    // The rest of the row: least and greatest activity without this term (null: unbounded).
                    Rational? restMin = cMin is { } a ? (minInf == 0 ? minSum - a : null) : (minInf == 1 ? minSum : null);
                    Rational? restMax = cMax is { } b ? (maxInf == 0 ? maxSum - b : null) : (maxInf == 1 ? maxSum : null);
                    Rational? newLower = null, newUpper = null;
                    if (row.Upper is { } ru && restMin is { } rmin)
                    {
                        var lim = (ru - rmin) / t.Coefficient;
                        if (t.Coefficient.Sign > 0) newUpper = lim; else newLower = lim;
                    }
                    if (row.Lower is { } rl && restMax is { } rmax)
                    {
                        var lim = (rl - rmax) / t.Coefficient;
                        if (t.Coefficient.Sign > 0) newLower = lim; else newUpper = lim;
                    }
                    if (!Apply(model, t.Variable, newLower, newUpper, ref changes)) return changes;
                    if (cMin != Contribution(t.Coefficient, model.Variables[t.Variable]).Min
                        || cMax != Contribution(t.Coefficient, model.Variables[t.Variable]).Max)
                        (minSum, minInf, maxSum, maxInf) = Activity(model, row);
                }
            }
            if (changes == before) break;
        }
        return changes;
    }

    /// <summary>Per row, the least and greatest activity over the variable bounds (null: unbounded that way).</summary>
    public static (Rational?[] Lower, Rational?[] Upper) Activities(LpModel model)
    {
        int m = model.Constraints.Count;
        var lo = new Rational?[m];
        var hi = new Rational?[m];
        for (int i = 0; i < m; i++)
        {
            var (minSum, minInf, maxSum, maxInf) = Activity(model, model.Constraints[i]);
            lo[i] = minInf == 0 ? minSum : null;
            hi[i] = maxInf == 0 ? maxSum : null;
        }
        return (lo, hi);
    }

    private static (Rational MinSum, int MinInf, Rational MaxSum, int MaxInf) Activity(LpModel model, LpConstraint row)
    {
        Rational minSum = Rational.Zero, maxSum = Rational.Zero;
        int minInf = 0, maxInf = 0;
        foreach (var t in row.Terms)
        {
            var (a, b) = Contribution(t.Coefficient, model.Variables[t.Variable]);
            if (a is { } av) minSum += av; else minInf++;
            if (b is { } bv) maxSum += bv; else maxInf++;
        }
        return (minSum, minInf, maxSum, maxInf);
    }

    /// <summary>The least and greatest value of a·x over x's bounds (null: infinite).</summary>
    private static (Rational? Min, Rational? Max) Contribution(Rational a, LpVariable x)
    {
        Rational? atLower = x.Lower is { } l ? a * l : null, atUpper = x.Upper is { } u ? a * u : null;
        return a.Sign > 0 ? (atLower, atUpper) : (atUpper, atLower);
    }

    private static bool Apply(LpModel model, int v, Rational? newLower, Rational? newUpper, ref int changes)
    {
        var x = model.Variables[v];
        Rational? l = x.Lower, u = x.Upper;
        if (newLower is { } nl)
        {
            if (x.IsInteger) nl = Rational.Ceiling(nl);
            else if (nl.Denominator.GetBitLength() > 20) nl = Rational.Floor(nl * Grid) / Grid;
            if (l is not { } ol || (x.IsInteger ? nl > ol : nl - ol > Significant(ol, u))) l = nl;
        }
        if (newUpper is { } nu)
        {
            if (x.IsInteger) nu = Rational.Floor(nu);
            else if (nu.Denominator.GetBitLength() > 20) nu = Rational.Ceiling(nu * Grid) / Grid;
            if (u is not { } ou || (x.IsInteger ? nu < ou : ou - nu > Significant(ou, l))) u = nu;
        }
        if (l == x.Lower && u == x.Upper) return true;
        if (l is { } a && u is { } b && a > b) return false;
        model.SetBounds(v, l, u);
        changes++;
        return true;
    }

    /// <summary>The least move of a continuous bound worth taking: 10⁻³ of the bound's magnitude or of the range.</summary>
    private static Rational Significant(Rational bound, Rational? other)
    {
        var scale = Rational.Max(Rational.One, Rational.Abs(bound));
        if (other is { } o) scale = Rational.Min(scale, Rational.Max(Rational.One, Rational.Abs(bound - o)));
        return scale / 1000;
    }
}
