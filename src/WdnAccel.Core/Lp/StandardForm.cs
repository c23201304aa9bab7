namespace WdnAccel.Core.Lp;

/// <summary>
/// The computational form shared by the floating and the exact simplex: columns are the n structural variables
/// followed by one logical per row (column n+i is −e_i, bounded by the row's bounds), so every row reads
/// A·x − s = 0 and every constraint is a bound. The objective is always minimised (costs negated for max).
/// </summary>
internal sealed class StandardForm
{
    public int Rows { get; }
    public int Structurals { get; }
    public int Columns => Structurals + Rows;
    public int[] ColStart { get; }
    public int[] RowIndex { get; }
    public double[] Value { get; }
    public Rational[] ValueExact { get; }
    public double[] Lower { get; }
    public double[] Upper { get; }
    public Rational?[] LowerExact { get; }
    public Rational?[] UpperExact { get; }
    public double[] Cost { get; }
    public Rational[] CostExact { get; }
    public bool Negated { get; }
    /// <summary>Power-of-two scale factors of the floating data: x_j = ColScale[j]·x'_j, y_i = RowScale[i]·y'_i.</summary>
    public double[] ColScale { get; }
    public double[] RowScale { get; }

    public StandardForm(LpModel model)
    {
        int n = model.Variables.Count, m = model.Constraints.Count;
        Rows = m;
        Structurals = n;
        Negated = model.Sense == LpSense.Maximize;
        var count = new int[n + m + 1];
        foreach (var row in model.Constraints)
            foreach (var t in row.Terms) count[t.Variable + 1]++;
        for (int i = 0; i < m; i++) count[n + i + 1] = 1;
        for (int j = 0; j < n + m; j++) count[j + 1] += count[j];
        ColStart = count;
        int nnz = count[n + m];
        RowIndex = new int[nnz];
        Value = new double[nnz];
        ValueExact = new Rational[nnz];
        var fill = (int[])count.Clone();
        for (int i = 0; i < m; i++)
        {
            foreach (var t in model.Constraints[i].Terms)
            {
                int p = fill[t.Variable]++;
                RowIndex[p] = i;
                ValueExact[p] = t.Coefficient;
                Value[p] = t.Coefficient.ToDouble();
            }
            int q = fill[n + i]++;
            RowIndex[q] = i;
            ValueExact[q] = Rational.MinusOne;
            Value[q] = -1;
        }
        Lower = new double[n + m];
        Upper = new double[n + m];
        LowerExact = new Rational?[n + m];
        UpperExact = new Rational?[n + m];
        Cost = new double[n + m];
        CostExact = new Rational[n + m];
        for (int j = 0; j < n; j++)
        {
            var v = model.Variables[j];
            LowerExact[j] = v.Lower;
            UpperExact[j] = v.Upper;
            CostExact[j] = Negated ? -v.Cost : v.Cost;
        }
        for (int i = 0; i < m; i++)
        {
            LowerExact[n + i] = model.Constraints[i].Lower;
            UpperExact[n + i] = model.Constraints[i].Upper;
            CostExact[n + i] = Rational.Zero;
        }
        (RowScale, ColScale) = Scale(n, m);
        for (int j = 0; j < n + m; j++)
        {
            double c = ColScale[j];
            for (int p = ColStart[j]; p < ColStart[j + 1]; p++) Value[p] *= RowScale[RowIndex[p]] * c;
            Lower[j] = LowerExact[j] is { } l ? l.ToDouble() / c : double.NegativeInfinity;
            Upper[j] = UpperExact[j] is { } u ? u.ToDouble() / c : double.PositiveInfinity;
            Cost[j] = CostExact[j].ToDouble() * c;
        }
    }

    /// <summary>Changes column j's bounds (a branch-and-bound node's), exactly and in the scaled floating copy.</summary>
    public void SetBounds(int j, Rational? lower, Rational? upper)
    {
        LowerExact[j] = lower;
        UpperExact[j] = upper;
        Lower[j] = lower is { } l ? l.ToDouble() / ColScale[j] : double.NegativeInfinity;
        Upper[j] = upper is { } u ? u.ToDouble() / ColScale[j] : double.PositiveInfinity;
    }

    /// <summary>
    /// Geometric-mean scaling of the structural part (a few alternating row/column passes, Curtis &amp; Reid
    /// 1972 style), rounded to powers of two so scaling itself adds no rounding error. Logical columns get
    /// 1/RowScale so they stay −e_i. Only the floating simplex sees scaled data; the exact side never does.
    /// </summary>
    private (double[] Row, double[] Col) Scale(int n, int m)
    {
        var row = new double[m];
        var col = new double[n + m];
        Array.Fill(row, 1.0);
        Array.Fill(col, 1.0);
        var rowMin = new double[m];
        var rowMax = new double[m];
        for (int pass = 0; pass < 4; pass++)
        {
            Array.Fill(rowMin, double.PositiveInfinity);
            Array.Fill(rowMax, 0.0);
            for (int j = 0; j < n; j++)
                for (int p = ColStart[j]; p < ColStart[j + 1]; p++)
                {
                    double a = Math.Abs(Value[p]) * col[j];
                    int i = RowIndex[p];
                    if (a < rowMin[i]) rowMin[i] = a;
                    if (a > rowMax[i]) rowMax[i] = a;
                }
            for (int i = 0; i < m; i++)
                row[i] = rowMax[i] > 0 ? PowerOfTwo(1 / Math.Sqrt(rowMin[i] * rowMax[i])) : 1;
            for (int j = 0; j < n; j++)
            {
                double lo = double.PositiveInfinity, hi = 0;
                for (int p = ColStart[j]; p < ColStart[j + 1]; p++)
                {
                    double a = Math.Abs(Value[p]) * row[RowIndex[p]];
                    lo = Math.Min(lo, a);
                    hi = Math.Max(hi, a);
                }
                col[j] = hi > 0 ? PowerOfTwo(1 / Math.Sqrt(lo * hi)) : 1;
            }
        }
        for (int i = 0; i < m; i++) col[n + i] = 1 / row[i];
        return (row, col);
    }

    private static double PowerOfTwo(double v) =>
        double.IsFinite(v) && v > 0 ? Math.ScaleB(1.0, Math.Clamp((int)Math.Round(Math.Log2(v)), -60, 60)) : 1.0;
}
