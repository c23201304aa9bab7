using WdnAccel.Core.Graphs;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Paths;

public class FloydWarshallTests
{
    private static readonly ScalarBackend Scalar = new();
    private static readonly SimdBackend Simd = new(2);

    [Theory]
    [InlineData(40, 0.08, 1, false)] // sparse, real weights
    [InlineData(40, 0.9, 2, false)]  // dense
    [InlineData(75, 0.05, 3, true)]  // sparse, integer weights (ties)
    [InlineData(97, 0.5, 4, false)]
    public void Distances_match_Dijkstra_from_every_source_and_routes_resum(int n, double density, int seed, bool integer)
    {
        var w = RandomGraphs.Matrix(n, density, seed, integer, isolated: 3);
        foreach (var backend in new WdnAccel.Core.Compute.IComputeBackend[] { Scalar, Simd })
        {
            var d = (double[])w.Clone();
            var next = new int[n * n];
            Assert.True(backend.AllPairsShortestPaths(d, next, n));
            int unreachable = 0;
            for (int s = 0; s < n; s++)
            {
                var reference = Dijkstra.From(w, n, s);
                for (int t = 0; t < n; t++)
                {
                    double expected = reference[t], actual = d[s * n + t];
                    if (double.IsPositiveInfinity(expected))
                    {
                        unreachable++;
                        Assert.True(double.IsPositiveInfinity(actual), $"{backend.Name} {s}->{t}: expected unreachable, got {actual}");
                        Assert.Equal(-1, next[s * n + t]);
                        Assert.Empty(ShortestPathRoute.Reconstruct(next, n, s, t));
                        continue;
                    }
                    // Different summation order: tolerance relative to the path length.
                    Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, expected), $"{backend.Name} {s}->{t}: {actual} vs Dijkstra {expected}");
                    var route = ShortestPathRoute.Reconstruct(next, n, s, t);
                    Assert.Equal(s, route[0]);
                    Assert.Equal(t, route[^1]);
                    double sum = 0;
                    for (int h = 0; h + 1 < route.Count; h++)
                    {
                        double arc = w[route[h] * n + route[h + 1]];
                        Assert.False(double.IsPositiveInfinity(arc), $"route {s}->{t} uses a missing arc");
                        sum += arc;
                    }
                    Assert.True(Math.Abs(sum - actual) <= 1e-12 * Math.Max(1, actual), $"{backend.Name} route {s}->{t} sums to {sum}, dist {actual}");
                }
            }
            Assert.True(unreachable >= 3 * (n - 3), "the isolated nodes must give unreachable pairs");
        }
    }

    [Fact]
    public void Hand_computed_four_node_graph()
    {
        // 0→1 (4), 0→2 (1), 2→1 (2), 1→3 (1), 2→3 (5): 0→3 best is 0-2-1-3 = 4; nothing reaches 0.
        const double X = double.PositiveInfinity;
        double[] w =
        [
            X, 4, 1, X,
            X, X, X, 1,
            X, 2, X, 5,
            X, X, X, X,
        ];
        var next = new int[16];
        Assert.True(Simd.AllPairsShortestPaths(w, next, 4));
        Assert.Equal([0, 3, 1, 4], w[0..4]);
        Assert.Equal([X, 0, X, 1], w[4..8]);
        Assert.Equal([X, 2, 0, 3], w[8..12]);
        Assert.Equal([0, 2, 1, 3], ShortestPathRoute.Reconstruct(next, 4, 0, 3));
        Assert.Equal(-1, next[3 * 4 + 0]);
        Assert.Equal(2, next[2 * 4 + 2]);
    }

    /// <summary>Tile sizes × phase-3 kernel (row kernel, or the 512-bit register tile, run in software where the
    /// hardware lacks it); tile 5 leaves a block depth that is not a multiple of 4.</summary>
    public static TheoryData<int, bool> Tiles => new() { { 64, false }, { 8, false }, { 5, false }, { 64, true }, { 8, true }, { 5, true }, { 128, true } };

    /// <summary>Sizes 1..130 cover empty, partial and multiple tiles; integer weights make ties everywhere.</summary>
    [Theory]
    [MemberData(nameof(Tiles))]
    public void Blocked_simd_equals_scalar_bit_for_bit_n1_to_130(int tile, bool registerTile)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        int step = tile == 64 ? 1 : 3;
        for (int n = 1; n <= 130; n += step)
        {
            bool integer = n % 2 == 0;
            var w = RandomGraphs.Matrix(n, n % 3 == 0 ? 0.05 : 0.3, seed: 100 + n, integer, isolated: n % 4);
            var ds = (double[])w.Clone();
            var ns = new int[n * n];
            Assert.True(FloydWarshallScalar.Run<double>(ds, ns, n));
            var dv = (double[])w.Clone();
            var nv = new int[n * n];
            Assert.True(FloydWarshallBlocked.Run<double>(dv, nv, n, parallel, tile, registerTile));
            AssertBitEqual(ds, dv, $"double n={n} tile={tile}");
            Assert.True(ns.AsSpan().SequenceEqual(nv), $"double next differs at n={n} tile={tile}");

            var fs = RandomGraphs.ToFloat(w);
            var fv = (float[])fs.Clone();
            Assert.True(FloydWarshallScalar.Run<float>(fs, ns, n));
            Assert.True(FloydWarshallBlocked.Run<float>(fv, nv, n, parallel, tile, registerTile));
            AssertBitEqual(fs, fv, $"float n={n} tile={tile}");
            Assert.True(ns.AsSpan().SequenceEqual(nv), $"float next differs at n={n} tile={tile}");
        }
    }

    /// <summary>
    /// Distances alone (an empty successor span) take their own kernels (a min per relaxation instead of a select
    /// with successors); they must give the reference's distances bit for bit, on every tile shape.
    /// </summary>
    [Theory]
    [MemberData(nameof(Tiles))]
    public void Distances_alone_equal_the_reference_bit_for_bit_n1_to_130(int tile, bool registerTile)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        int step = tile == 64 ? 1 : 3;
        for (int n = 1; n <= 130; n += step)
        {
            var w = RandomGraphs.Matrix(n, n % 3 == 0 ? 0.05 : 0.3, seed: 300 + n, n % 2 == 0, isolated: n % 4);
            var ds = (double[])w.Clone();
            Assert.True(FloydWarshallScalar.Run<double>(ds, new int[n * n], n));
            var dv = (double[])w.Clone();
            Assert.True(FloydWarshallBlocked.Run<double>(dv, [], n, parallel, tile, registerTile));
            AssertBitEqual(ds, dv, $"double n={n} tile={tile}");

            var fs = RandomGraphs.ToFloat(w);
            var fv = (float[])fs.Clone();
            Assert.True(FloydWarshallScalar.Run<float>(fs, new int[n * n], n));
            Assert.True(FloydWarshallBlocked.Run<float>(fv, [], n, parallel, tile, registerTile));
            AssertBitEqual(fs, fv, $"float n={n} tile={tile}");
        }
    }

    /// <summary>
    /// Arcs of weight +0 and −0 make equal distances with different bits; the reference keeps the first found in k
    /// order, so a kernel that took the minimum of several k at once (a min tree) would differ here.
    /// </summary>
    [Theory]
    [MemberData(nameof(Tiles))]
    public void Distances_alone_keep_the_reference_signed_zero_on_ties(int tile, bool registerTile)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 2 };
        foreach (int n in new[] { 9, 40, 97 })
        {
            var rng = new Random(n);
            var w = new double[n * n];
            for (int e = 0; e < w.Length; e++)
                w[e] = rng.Next(4) switch { 0 => 0.0, 1 => -0.0, 2 => 1.0, _ => double.PositiveInfinity };
            var scalarRoutes = (double[])w.Clone();
            Assert.True(FloydWarshallScalar.Run<double>(scalarRoutes, new int[n * n], n));
            var scalarAlone = (double[])w.Clone();
            Assert.True(FloydWarshallScalar.Run<double>(scalarAlone, [], n));
            AssertBitEqual(scalarRoutes, scalarAlone, $"scalar alone n={n}");
            var blocked = (double[])w.Clone();
            Assert.True(FloydWarshallBlocked.Run<double>(blocked, [], n, parallel, tile, registerTile));
            AssertBitEqual(scalarRoutes, blocked, $"blocked alone n={n} tile={tile}");
            Assert.Contains(blocked, v => v == 0 && double.IsNegative(v)); // the case is exercised
            // The same in float (16 lanes a vector), and the form with routes keeps the same zeros.
            var f = RandomGraphs.ToFloat(w);
            var floatReference = (float[])f.Clone();
            Assert.True(FloydWarshallScalar.Run<float>(floatReference, new int[n * n], n));
            var floatBlocked = (float[])f.Clone();
            Assert.True(FloydWarshallBlocked.Run<float>(floatBlocked, [], n, parallel, tile, registerTile));
            AssertBitEqual(floatReference, floatBlocked, $"float blocked alone n={n} tile={tile}");
            var withRoutes = (double[])w.Clone();
            Assert.True(FloydWarshallBlocked.Run<double>(withRoutes, new int[n * n], n, parallel, tile, registerTile));
            AssertBitEqual(scalarRoutes, withRoutes, $"blocked with routes n={n} tile={tile}");
        }
    }

    [Fact]
    public void Distances_alone_report_a_negative_cycle_on_every_backend()
    {
        const double X = double.PositiveInfinity;
        double[] w = [X, 1, X, X, X, -3, X, 1, X];
        foreach (var backend in new WdnAccel.Core.Compute.IComputeBackend[] { Scalar, Simd })
        {
            var d = (double[])w.Clone();
            Assert.False(backend.AllPairsShortestPaths(d, [], 3));
            Assert.True(d[1 * 3 + 1] < 0);
        }
    }

    [Fact]
    public void Float_agrees_with_double_exactly_on_integers_and_closely_on_reals()
    {
        foreach (bool integer in new[] { true, false })
        {
            const int n = 60;
            var w = RandomGraphs.Matrix(n, 0.1, seed: 7, integer, isolated: 2);
            var d = (double[])w.Clone();
            var f = RandomGraphs.ToFloat(w);
            var nd = new int[n * n];
            var nf = new int[n * n];
            Assert.True(Simd.AllPairsShortestPaths(d, nd, n));
            Assert.True(Simd.AllPairsShortestPaths(f, nf, n));
            for (int e = 0; e < n * n; e++)
            {
                if (double.IsPositiveInfinity(d[e])) { Assert.True(float.IsPositiveInfinity(f[e])); continue; }
                if (integer) Assert.Equal(d[e], f[e]);
                else Assert.True(Math.Abs(d[e] - f[e]) <= 1e-5 * Math.Max(1, d[e]), $"[{e}] float {f[e]} vs double {d[e]}");
            }
            if (integer) Assert.Equal(nd, nf); // exact sums: the same ties, the same routes
        }
    }

    [Fact]
    public void Negative_cycle_is_reported_by_both_backends()
    {
        // 1→2 (−3) and 2→1 (+1): cycle of weight −2; 0→1 (1).
        const double X = double.PositiveInfinity;
        double[] w = [X, 1, X, X, X, -3, X, 1, X];
        foreach (var backend in new WdnAccel.Core.Compute.IComputeBackend[] { Scalar, Simd })
        {
            var d = (double[])w.Clone();
            Assert.False(backend.AllPairsShortestPaths(d, new int[9], 3));
            Assert.True(d[1 * 3 + 1] < 0);
        }
        // A negative arc without a negative cycle is fine: 0→1 (−1), 1→2 (2): 0→2 = 1.
        double[] ok = [X, -1, X, X, X, 2, X, X, X];
        Assert.True(Simd.AllPairsShortestPaths(ok, new int[9], 3));
        Assert.Equal(1, ok[2]);
    }

    [Fact]
    public void Weight_matrix_of_wrong_size_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Simd.AllPairsShortestPaths(new double[8], new int[9], 3));
        Assert.Throws<ArgumentException>(() => Scalar.AllPairsShortestPaths(new double[9], new int[8], 3));
        Assert.Throws<ArgumentException>(() => Simd.AllPairsShortestPaths(new double[9], new int[1], 3));
        double[] nan = [0, double.NaN, 0, 0];
        Assert.Throws<ArgumentException>(() => Simd.AllPairsShortestPaths(nan, new int[4], 2));
        // −∞ would make NaN beside an unreachable pair (−∞ + ∞): refused as NaN is, with or without routes.
        double[] minusInfinity = [0, double.NegativeInfinity, 0, 0];
        Assert.Contains("above −∞", Assert.Throws<ArgumentException>(() => Simd.AllPairsShortestPaths(minusInfinity, [], 2)).Message);
        Assert.Throws<ArgumentException>(() => Scalar.AllPairsShortestPaths((double[])minusInfinity.Clone(), new int[4], 2));
    }

    internal static void AssertBitEqual(float[] expected, float[] actual, string what)
    {
        for (int e = 0; e < expected.Length; e++)
            if (BitConverter.SingleToInt32Bits(expected[e]) != BitConverter.SingleToInt32Bits(actual[e]))
                Assert.Fail($"{what}: [{e}] {actual[e]:R} vs scalar {expected[e]:R}");
    }

    internal static void AssertBitEqual(double[] expected, double[] actual, string what)
    {
        for (int e = 0; e < expected.Length; e++)
            if (BitConverter.DoubleToInt64Bits(expected[e]) != BitConverter.DoubleToInt64Bits(actual[e]))
                Assert.Fail($"{what}: [{e}] {actual[e]:R} vs scalar {expected[e]:R}");
    }
}
