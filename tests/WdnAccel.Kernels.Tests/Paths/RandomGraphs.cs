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
}
