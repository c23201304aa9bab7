namespace WdnAccel.Core.Reports;

/// <summary>
/// The Mann–Whitney U test (Mann &amp; Whitney 1947; Wilcoxon's rank-sum form) of whether one sample tends to lie below
/// another: for two optimizer variants' final costs over seeds, a small p-value says one variant's costs are lower
/// than the other's more often than chance. Two-sided. Exact null distribution (counted by recursion over ranks)
/// when there are no ties and both samples are at most 30; otherwise the normal approximation with the tie
/// correction of the variance and a continuity correction. Also the Hodges–Lehmann estimate of the shift (the
/// median of all pairwise differences a − b).
/// </summary>
public static class MannWhitneyTest
{
    public sealed record Result(double U, double PValue, double Shift, bool Exact);

    /// <summary>Compares <paramref name="a"/> with <paramref name="b"/>; +∞ values (no feasible design) rank last.</summary>
    public static Result Compare(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        int n1 = a.Count, n2 = b.Count;
        if (n1 == 0 || n2 == 0) return new Result(double.NaN, double.NaN, double.NaN, false);
        var all = a.Select(x => (Value: x, First: true)).Concat(b.Select(x => (Value: x, First: false))).OrderBy(x => x.Value).ToArray();
        int n = all.Length;
        var ranks = new double[n];
        double tieTerm = 0;
        bool ties = false;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && all[j + 1].Value.Equals(all[i].Value)) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[k] = rank;
            int t = j - i + 1;
            if (t > 1) { ties = true; tieTerm += (double)t * t * t - t; }
            i = j + 1;
        }
        double r1 = 0;
        for (int i = 0; i < n; i++) if (all[i].First) r1 += ranks[i];
        double u1 = r1 - n1 * (n1 + 1) / 2.0;
        double shift = HodgesLehmann(a, b);
        if (!ties && n1 <= 30 && n2 <= 30)
        {
            double p = ExactTwoSided(n1, n2, u1);
            return new Result(u1, p, shift, true);
        }
        double mean = n1 * (double)n2 / 2.0;
        double variance = n1 * (double)n2 / 12.0 * ((n + 1) - tieTerm / ((double)n * (n - 1)));
        if (!(variance > 0)) return new Result(u1, 1.0, shift, false);
        double z = (Math.Abs(u1 - mean) - 0.5) / Math.Sqrt(variance);
        double pNormal = Math.Min(1.0, 2.0 * UpperNormal(Math.Max(z, 0)));
        return new Result(u1, pNormal, shift, false);
    }

    /// <summary>P(|U − n1·n2/2| ≥ |u − n1·n2/2|) under the null, counting rank arrangements exactly.</summary>
    private static double ExactTwoSided(int n1, int n2, double u)
    {
        int max = n1 * n2;
        // count[i][j][k] via a rolling table: arrangements of i first-sample and j second-sample items with U = k.
        var prev = new double[n2 + 1][];
        for (int j = 0; j <= n2; j++) { prev[j] = new double[max + 1]; prev[j][0] = 1; }
        for (int i = 1; i <= n1; i++)
        {
            var cur = new double[n2 + 1][];
            cur[0] = new double[max + 1];
            cur[0][0] = 1;
            for (int j = 1; j <= n2; j++)
            {
                cur[j] = new double[max + 1];
                // The largest item is from the first sample (it beats all j of the second) or from the second.
                for (int k = 0; k <= i * j; k++)
                {
                    double c = cur[j - 1][k];
                    if (k - j >= 0) c += prev[j][k - j];
                    cur[j][k] = c;
                }
            }
            prev = cur;
        }
        var counts = prev[n2];
        double total = counts.Sum();
        double centre = max / 2.0, distance = Math.Abs(u - centre);
        double tail = 0;
        for (int k = 0; k <= max; k++) if (Math.Abs(k - centre) >= distance - 1e-9) tail += counts[k];
        return Math.Min(1.0, tail / total);
    }

    private static double HodgesLehmann(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var d = new List<double>(a.Count * b.Count);
        foreach (var x in a) foreach (var y in b) d.Add(x - y);
        d.Sort();
        return SampleQuantiles.Median(d);
    }

    /// <summary>1 − Φ(z), the standard normal upper tail, from the complementary error function.</summary>
    public static double UpperNormal(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>erfc by Lentz's continued fraction for x ≥ 0.5 and its Taylor series of erf below (Press et al., Numerical Recipes §6.2).</summary>
    public static double Erfc(double x)
    {
        if (x < 0.5)
        {
            double sum = x, term = x, x2 = x * x;
            for (int k = 1; k < 60; k++)
            {
                term *= -x2 / k;
                sum += term / (2 * k + 1);
            }
            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }
        // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...)))) evaluated by modified Lentz.
        const double tiny = 1e-300;
        double f = x, c = x, dd = 0;
        for (int k = 1; k < 300; k++)
        {
            double an = k / 2.0;
            dd = x + an * dd;
            dd = Math.Abs(dd) < tiny ? tiny : dd;
            c = x + an / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            dd = 1 / dd;
            double delta = c * dd;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
