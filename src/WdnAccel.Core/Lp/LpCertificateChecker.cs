namespace WdnAccel.Core.Lp;

/// <summary>
/// Checks certificates against the original model in exact arithmetic, independently of how they were found.
/// Optimal: x satisfies every bound and row; y (row duals, y = ∂objective/∂rhs) and d = c − Aᵀy have signs that
/// are valid for the bounds, and the dual objective equals cᵀx (weak duality then proves optimality).
/// Infeasible (Farkas): for row multipliers y, max over the variable box of (Aᵀy)ᵀx is below the minimum of yᵀr
/// over the row bounds, so no x can satisfy both. Unbounded: a feasible x and a ray r within the recession cone
/// of bounds and rows with cᵀr improving. Integer infeasibility by divisibility: a row whose activity can only be its
/// fixed part plus a multiple of g, and no such value lies within its bounds (<see cref="CheckIndivisible"/>).
/// </summary>
public static class LpCertificateChecker
{
    public static bool CheckPrimalFeasible(LpModel model, IReadOnlyList<Rational> x, out string? failure)
    {
        failure = null;
        for (int j = 0; j < model.Variables.Count; j++)
        {
            var v = model.Variables[j];
            if (v.Lower is { } l && x[j] < l) { failure = $"variable {v.Name} = {x[j]} is below its lower bound {l}"; return false; }
            if (v.Upper is { } u && x[j] > u) { failure = $"variable {v.Name} = {x[j]} is above its upper bound {u}"; return false; }
        }
        for (int i = 0; i < model.Constraints.Count; i++)
        {
            var row = model.Constraints[i];
            var a = model.Activity(i, x);
            if (row.Lower is { } l && a < l) { failure = $"row {row.Name}: activity {a} is below {l}"; return false; }
            if (row.Upper is { } u && a > u) { failure = $"row {row.Name}: activity {a} is above {u}"; return false; }
        }
        return true;
    }

    /// <summary>d = c − Aᵀy, exactly.</summary>
    public static Rational[] ReducedCosts(LpModel model, IReadOnlyList<Rational> y)
    {
        var d = new Rational[model.Variables.Count];
        for (int j = 0; j < d.Length; j++) d[j] = model.Variables[j].Cost;
        for (int i = 0; i < model.Constraints.Count; i++)
        {
            if (y[i].IsZero) continue;
            foreach (var t in model.Constraints[i].Terms) d[t.Variable] -= t.Coefficient * y[i];
        }
        return d;
    }

    public static bool CheckOptimal(LpModel model, IReadOnlyList<Rational> x, IReadOnlyList<Rational> y, out string? failure)
    {
        if (!CheckPrimalFeasible(model, x, out failure)) return false;
        // For a maximisation the same algebra holds with every sign reversed.
        int s = model.Sense == LpSense.Minimize ? 1 : -1;
        var d = ReducedCosts(model, y);
        var dual = Rational.Zero;
        for (int i = 0; i < model.Constraints.Count; i++)
        {
            var row = model.Constraints[i];
            int sign = y[i].Sign * s;
            if (sign == 0) continue;
            Rational? b = sign > 0 ? row.Lower : row.Upper;
            if (b is not { } bb) { failure = $"row {row.Name}: dual {y[i]} has the wrong sign for its bounds"; return false; }
            dual += y[i] * bb;
        }
        for (int j = 0; j < d.Length; j++)
        {
            var v = model.Variables[j];
            int sign = d[j].Sign * s;
            if (sign == 0) continue;
            Rational? b = sign > 0 ? v.Lower : v.Upper;
            if (b is not { } bb) { failure = $"variable {v.Name}: reduced cost {d[j]} has the wrong sign for its bounds"; return false; }
            dual += d[j] * bb;
        }
        var primal = model.Objective(x);
        if (primal != dual) { failure = $"primal objective {primal} differs from dual objective {dual}"; return false; }
        return true;
    }

    public static bool CheckInfeasible(LpModel model, IReadOnlyList<Rational> y, out string? failure)
    {
        failure = null;
        var c = new Rational[model.Variables.Count];
        for (int i = 0; i < model.Constraints.Count; i++)
        {
            if (y[i].IsZero) continue;
            foreach (var t in model.Constraints[i].Terms) c[t.Variable] += t.Coefficient * y[i];
        }
        var boxMax = Rational.Zero;
        for (int j = 0; j < c.Length; j++)
        {
            if (c[j].IsZero) continue;
            Rational? b = c[j].Sign > 0 ? model.Variables[j].Upper : model.Variables[j].Lower;
            if (b is not { } bb) { failure = $"Farkas: variable {model.Variables[j].Name} is unbounded in the combined row"; return false; }
            boxMax += c[j] * bb;
        }
        var rowMin = Rational.Zero;
        for (int i = 0; i < model.Constraints.Count; i++)
        {
            if (y[i].IsZero) continue;
            Rational? b = y[i].Sign > 0 ? model.Constraints[i].Lower : model.Constraints[i].Upper;
            if (b is not { } bb) { failure = $"Farkas: row {model.Constraints[i].Name} multiplier {y[i]} has the wrong sign"; return false; }
            rowMin += y[i] * bb;
        }
        if (boxMax >= rowMin) { failure = $"Farkas: combined row reaches {boxMax}, not below the required {rowMin}"; return false; }
        return true;
    }

    public static bool CheckUnbounded(LpModel model, IReadOnlyList<Rational> x, IReadOnlyList<Rational> ray, out string? failure)
    {
        if (!CheckPrimalFeasible(model, x, out failure)) return false;
        for (int j = 0; j < model.Variables.Count; j++)
        {
            var v = model.Variables[j];
            if ((ray[j].Sign > 0 && v.Upper is not null) || (ray[j].Sign < 0 && v.Lower is not null))
            { failure = $"ray leaves the bounds of variable {v.Name}"; return false; }
        }
        for (int i = 0; i < model.Constraints.Count; i++)
        {
            var row = model.Constraints[i];
            var a = model.Activity(i, ray);
            if ((a.Sign > 0 && row.Upper is not null) || (a.Sign < 0 && row.Lower is not null))
            { failure = $"ray leaves row {row.Name}"; return false; }
        }
        var slope = model.Objective(ray);
        if (model.Sense == LpSense.Minimize ? slope.Sign >= 0 : slope.Sign <= 0)
        { failure = $"objective does not improve along the ray (slope {slope})"; return false; }
        return true;
    }

    /// <summary>
    /// Checks that no integer point satisfies the certificate's row: g &gt; 0; every variable of the row is integer with
    /// a coefficient that is a whole multiple of g, or fixed (its term is a constant c); and no multiple of g lies
    /// in [lo − c, hi − c].
    /// </summary>
    public static bool CheckIndivisible(LpModel model, DivisibilityCertificate proof, out string? failure)
    {
        failure = null;
        if ((uint)proof.Row >= (uint)model.Constraints.Count) { failure = $"row {proof.Row} does not exist"; return false; }
        var row = model.Constraints[proof.Row];
        var g = proof.Gcd;
        if (g.Sign <= 0) { failure = $"row {row.Name}: the divisor {g} is not positive"; return false; }
        if (row.Lower is not { } lo || row.Upper is not { } hi) { failure = $"row {row.Name} is not bounded on both sides"; return false; }
        var constant = Rational.Zero;
        foreach (var t in row.Terms)
        {
            var v = model.Variables[t.Variable];
            if (v.IsInteger)
            {
                if (!(t.Coefficient / g).IsInteger) { failure = $"row {row.Name}: the coefficient {t.Coefficient} of {v.Name} is not a multiple of {g}"; return false; }
            }
            else if (v.Lower is { } l && v.Upper == l) constant += t.Coefficient * l;
            else { failure = $"row {row.Name}: {v.Name} is continuous and not fixed"; return false; }
        }
        var least = Rational.Ceiling((lo - constant) / g) * g; // the least multiple of g at or above lo − c
        if (least <= hi - constant) { failure = $"row {row.Name}: {least + constant} lies within [{lo}, {hi}] and is the fixed part plus a multiple of {g}"; return false; }
        return true;
    }
}
