namespace WdnAccel.Core.Reports;

/// <summary>
/// A least-squares regression as the three 11-node layouts study reports them: a polynomial y = Σ c_k·x^k (the paper fits head loss
/// against diameter with a 2nd-degree polynomial, R² = 0.9638) or an exponential y = a·e^(b·x) (its
/// pressure–velocity comparison). <see cref="RSquared"/> = 1 − SS_res/SS_tot and <see cref="Rmse"/> are
/// measured on y itself, also for the exponential, so the two models compare on the same scale.
/// </summary>
public sealed record LayoutsStudyFit(string Model, IReadOnlyList<double> Coefficients, double RSquared, double Rmse, int Points)
{
    /// <summary>Evaluates the fitted model at <paramref name="x"/>.</summary>
    public double Evaluate(double x) => Model == "exponential"
        ? Coefficients[0] * Math.Exp(Coefficients[1] * x)
        : Coefficients.Select((c, k) => c * Math.Pow(x, k)).Sum();

    /// <summary>Polynomial of <paramref name="degree"/> by the normal equations (solved with partial pivoting).</summary>
    public static LayoutsStudyFit Polynomial(IReadOnlyList<double> x, IReadOnlyList<double> y, int degree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 0);
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length");
        if (x.Concat(y).Any(v => !double.IsFinite(v))) throw new ArgumentException("x and y must be finite numbers");
        int n = degree + 1;
        if (x.Count < n) throw new ArgumentException($"a degree-{degree} polynomial needs at least {n} points, got {x.Count}");
        var a = new double[n, n + 1];
        for (int i = 0; i < x.Count; i++)
        {
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < n; c++) a[r, c] += Math.Pow(x[i], r + c);
                a[r, n] += y[i] * Math.Pow(x[i], r);
            }
        }
        var coefficients = Solve(a, n);
        return Score("polynomial", coefficients, x, y);
    }

    /// <summary>
    /// Exponential a·e^(b·x) by linear least squares on ln y (the usual spreadsheet trend line); only points with
    /// y &gt; 0 can enter, the others are skipped and <see cref="Points"/> says how many were used.
    /// </summary>
    public static LayoutsStudyFit Exponential(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count != y.Count) throw new ArgumentException("x and y differ in length");
        if (x.Concat(y).Any(v => !double.IsFinite(v))) throw new ArgumentException("x and y must be finite numbers");
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < x.Count; i++)
        {
            if (y[i] > 0) { xs.Add(x[i]); ys.Add(y[i]); }
        }
        if (xs.Count < 2) throw new ArgumentException("an exponential fit needs at least two points with y > 0");
        var line = Polynomial(xs, ys.Select(v => Math.Log(v)).ToArray(), 1);
        return Score("exponential", [Math.Exp(line.Coefficients[0]), line.Coefficients[1]], xs, ys);
    }

    private static LayoutsStudyFit Score(string model, IReadOnlyList<double> coefficients, IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var fit = new LayoutsStudyFit(model, coefficients, 0, 0, x.Count);
        double mean = y.Average(), ssTot = 0, ssRes = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double e = y[i] - fit.Evaluate(x[i]);
            ssRes += e * e;
            ssTot += (y[i] - mean) * (y[i] - mean);
        }
        return fit with { RSquared = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : 0), Rmse = Math.Sqrt(ssRes / x.Count) };
    }

    private static double[] Solve(double[,] a, int n)
    {
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            if (a[pivot, col] == 0) throw new ArgumentException("the fit is singular (too few distinct x values)");
            for (int c = 0; c <= n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            for (int r = 0; r < n; r++)
            {
                if (r == col) continue;
                double f = a[r, col] / a[col, col];
                for (int c = col; c <= n; c++) a[r, c] -= f * a[col, c];
            }
        }
        var result = new double[n];
        for (int i = 0; i < n; i++) result[i] = a[i, n] / a[i, i];
        return result;
    }
}
