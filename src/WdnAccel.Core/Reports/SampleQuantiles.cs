namespace WdnAccel.Core.Reports;

/// <summary>Quantiles of a sorted sample, for the summaries of batch runs and optimizer comparisons.</summary>
public static class SampleQuantiles
{
    /// <summary>
    /// Linear interpolation between closest ranks (Hyndman &amp; Fan 1996, definition 7; R's and NumPy's default).
    /// A quantile that falls on a rank, or between equal values, is that value, so samples with +∞ (a run that found
    /// nothing yet) give +∞ or a finite rank value rather than 0·∞ = NaN.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        double h = (sorted.Count - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        double fraction = h - lo;
        if (fraction == 0 || sorted[hi] == sorted[lo]) return sorted[lo];
        return sorted[lo] + fraction * (sorted[hi] - sorted[lo]);
    }

    /// <summary>The median (the mean of the middle two for an even count); NaN for an empty sample.</summary>
    public static double Median(IReadOnlyList<double> sorted) => Quantile(sorted, 0.5);
}
