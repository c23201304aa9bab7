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
        for (int j = 0; j < n + m; j++)
        {
            Lower[j] = LowerExact[j] is { } l ? l.ToDouble() : double.NegativeInfinity;
            Upper[j] = UpperExact[j] is { } u ? u.ToDouble() : double.PositiveInfinity;
            Cost[j] = CostExact[j].ToDouble();
        }
    }
}
