namespace WdnAccel.Kernels.Tests.Paths;

/// <summary>Random weight matrices for the path tests (seeded, so failures reproduce).</summary>
internal static class RandomGraphs
{
    /// <summary>
    /// n×n weights, +∞ where no arc. Each arc exists with probability <paramref name="density"/>; the last
    /// <paramref name="isolated"/> nodes get no in-arcs, so unreachable pairs exist. Integer weights (1..4) make
    /// many equal-length routes, which exercises the tie rule; real weights exercise rounding.
    /// </summary>
    public static double[] Matrix(int n, double density, int seed, bool integerWeights, int isolated = 0)
    {
        var rng = new Random(seed);
        var w = new double[n * n];
        Array.Fill(w, double.PositiveInfinity);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j || j >= n - isolated || rng.NextDouble() >= density) continue;
                w[i * n + j] = integerWeights ? rng.Next(1, 5) : rng.NextDouble() * 10 + 0.01;
            }
        return w;
    }

    public static float[] ToFloat(double[] w) => Array.ConvertAll(w, v => (float)v);

    /// <summary>Interleaves per-graph matrices into the batched layout d[(i*n + j) * G + g].</summary>
    public static T[] Interleave<T>(IReadOnlyList<T[]> graphs, int n)
    {
        int g = graphs.Count;
        var soa = new T[n * n * g];
        for (int k = 0; k < g; k++)
            for (int e = 0; e < n * n; e++) soa[e * g + k] = graphs[k][e];
        return soa;
    }

    /// <summary>
    /// <paramref name="count"/> three-node graphs, all 0→1→2→0 with a non-negative cycle except graph
    /// <paramref name="bad"/>, whose cycle is 1 − 3 + 1 &lt; 0: a batched run must flag that graph alone.
    /// </summary>
    public static List<double[]> OneNegativeCycle(int count, int bad)
    {
        const double X = double.PositiveInfinity;
        double[] good = [X, 1, X, X, X, 2, 4, X, X];
        double[] negative = [X, 1, X, X, X, -3, 1, X, X];
        return Enumerable.Range(0, count).Select(g => g == bad ? negative : good).ToList();
    }
}
