using System.Numerics;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>
/// floyd_warshall.cl and floyd_warshall_blocked.cl against the textbook k-i-j loop written here (Floyd 1962;
/// Cormen et al. 25.2) with the Paths conventions (diagonal min(w, 0), next[i][i] = i, strict improvement).
/// Per-k and batched kernels: exact, distances and successors (each cell sees the same additions and
/// comparisons in the same k order). Blocked kernels: sums associate differently, so real weights agree to
/// 1e-12 relative and integer weights exactly; on ties the successor may name another shortest path, so
/// successors are checked by walking each path and summing its arcs.
/// Graphs have negative arcs but no negative cycle (Johnson's reweighting w + p[i] − p[j] of positive weights).
/// </summary>
public sealed class FloydWarshallKernelTests
{
    [OpenClTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(67)]
    public void Per_k_kernel_matches_the_triple_loop(int n)
    {
        var dist = RandomGraph<double>(n, 1, new Random(n), integer: false);
        var (expected, expectedNext) = Reference(n, 1, dist);
        var next = new int[n * n];
        Assert.True(OpenClTestDevice.Backend.AllPairsShortestPaths(dist, next, n));
        Assert.Equal(expected, dist);
        Assert.Equal(expectedNext, next);
    }

    [OpenClTheory]
    [InlineData(3)]
    [InlineData(31)]
    public void Float_overload_matches_the_float_triple_loop(int n)
    {
        var dist = RandomGraph<float>(n, 1, new Random(40 + n), integer: false);
        var (expected, expectedNext) = Reference(n, 1, dist);
        var next = new int[n * n];
        Assert.True(OpenClTestDevice.Backend.AllPairsShortestPaths(dist, next, n));
        Assert.Equal(expected, dist);
        Assert.Equal(expectedNext, next);
    }

    [OpenClTheory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(67)]
    [InlineData(100)]
    public void Blocked_kernels_match_the_triple_loop_with_integer_weights(int n)
    {
        var weights = RandomGraph<double>(n, 1, new Random(500 + n), integer: true);
        var (expected, _) = Reference(n, 1, weights);
        var dist = (double[])weights.Clone();
        var next = new int[n * n];
        Assert.True(OpenClTestDevice.Backend.AllPairsShortestPathsBlocked(dist, next, n));
        Assert.Equal(expected, dist);
        AssertPathsRealizeDistances(n, weights, dist, next);
    }

    [OpenClTheory]
    [InlineData(31)]
    [InlineData(67)]
    public void Blocked_kernels_match_the_triple_loop_with_real_weights(int n)
    {
        var weights = RandomGraph<double>(n, 1, new Random(900 + n), integer: false);
        var (expected, _) = Reference(n, 1, weights);
        var dist = (double[])weights.Clone();
        var next = new int[n * n];
        Assert.True(OpenClTestDevice.Backend.AllPairsShortestPathsBlocked(dist, next, n));
        for (int i = 0; i < dist.Length; i++)
        {
            if (double.IsPositiveInfinity(expected[i])) Assert.Equal(expected[i], dist[i]);
            else Assert.True(Math.Abs(dist[i] - expected[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"cell {i}: {dist[i]:R} vs {expected[i]:R}");
        }
    }

    [OpenClTheory]
    [InlineData(1, 1)]
    [InlineData(4, 3)]
    [InlineData(9, 31)]
    [InlineData(6, 64)]
    [InlineData(11, 67)]
    public void Batched_kernel_matches_the_triple_loop_per_graph(int n, int graphs)
    {
        var dist = RandomGraph<double>(n, graphs, new Random(n * 100 + graphs), integer: false);
        var (expected, expectedNext) = Reference(n, graphs, dist);
        var next = new int[n * n * graphs];
        var negative = new bool[graphs];
        OpenClTestDevice.Backend.AllPairsShortestPathsBatched(dist, next, n, graphs, negative);
        Assert.Equal(expected, dist);
        Assert.Equal(expectedNext, next);
        Assert.DoesNotContain(true, negative);
    }

    [OpenClFact]
    public void Batched_float_kernel_matches_and_flags_only_the_graph_with_a_negative_cycle()
    {
        const int n = 5, graphs = 7;
        var dist = RandomGraph<float>(n, graphs, new Random(77), integer: false);
        var (expected, expectedNext) = Reference(n, graphs, dist);
        // Graph 3 gets the cycle 1→2→1 of weight 1 − 4 < 0.
        dist[(1 * n + 2) * graphs + 3] = 1;
        dist[(2 * n + 1) * graphs + 3] = -4;
        var next = new int[n * n * graphs];
        var negative = new bool[graphs];
        OpenClTestDevice.Backend.AllPairsShortestPathsBatched(dist, next, n, graphs, negative);
        Assert.Equal([false, false, false, true, false, false, false], negative);
        for (int cell = 0; cell < n * n; cell++)
        {
            for (int g = 0; g < graphs; g++)
            {
                if (g == 3) continue;
                Assert.Equal(expected[cell * graphs + g], dist[cell * graphs + g]);
                Assert.Equal(expectedNext[cell * graphs + g], next[cell * graphs + g]);
            }
        }
    }

    [OpenClFact]
    public void A_negative_cycle_is_reported_by_both_single_graph_kernels()
    {
        double inf = double.PositiveInfinity;
        double[] graph = [0, 2, inf, inf, 0, -1, -2, inf, 0]; // 0→1→2→0 weighs −1
        var next = new int[9];
        Assert.False(OpenClTestDevice.Backend.AllPairsShortestPaths((double[])graph.Clone(), next, 3));
        Assert.False(OpenClTestDevice.Backend.AllPairsShortestPathsBlocked((double[])graph.Clone(), next, 3));
    }

    [OpenClFact]
    public void A_known_small_graph_has_its_hand_computed_distances()
    {
        // 0→1 (4), 0→2 (1), 2→1 (2), 1→3 (5), self-loop 3→3 (7) clamped to 0: d(0,1) = 3 via 2, d(0,3) = 8.
        double inf = double.PositiveInfinity;
        double[] dist = [0, 4, 1, inf, inf, 0, inf, 5, inf, 2, 0, inf, inf, inf, inf, 7];
        var next = new int[16];
        Assert.True(OpenClTestDevice.Backend.AllPairsShortestPaths(dist, next, 4));
        Assert.Equal(3.0, dist[0 * 4 + 1]);
        Assert.Equal(8.0, dist[0 * 4 + 3]);
        Assert.Equal(7.0, dist[2 * 4 + 3]);
        Assert.Equal(0.0, dist[3 * 4 + 3]);
        Assert.Equal(inf, dist[3 * 4 + 0]);
        Assert.Equal(2, next[0 * 4 + 1]); // first hop of 0→1 is 2
        Assert.Equal(2, next[0 * 4 + 3]);
        Assert.Equal(3, next[3 * 4 + 3]);
        Assert.Equal(-1, next[3 * 4 + 0]);
    }

    [OpenClFact]
    public void Broken_input_is_rejected()
    {
        var backend = OpenClTestDevice.Backend;
        Assert.Throws<ArgumentException>(() => backend.AllPairsShortestPaths(new double[8], new int[9], 3));
        Assert.Throws<ArgumentException>(() => backend.AllPairsShortestPaths(new double[9], new int[4], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => backend.AllPairsShortestPaths(new double[0], new int[0], -1));
        var withNaN = new double[4];
        withNaN[1] = double.NaN;
        Assert.Throws<ArgumentException>(() => backend.AllPairsShortestPaths(withNaN, new int[4], 2));
        Assert.Throws<ArgumentException>(() => backend.AllPairsShortestPathsBatched(new double[8], new int[8], 2, 2, new bool[1]));
    }

    /// <summary>Every reachable pair's successor chain reaches j and its arc weights sum to the distance exactly.</summary>
    private static void AssertPathsRealizeDistances(int n, double[] weights, double[] dist, int[] next)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i == j)
                {
                    Assert.Equal(i, next[i * n + j]);
                    continue;
                }
                if (!double.IsFinite(dist[i * n + j]))
                {
                    Assert.Equal(-1, next[i * n + j]);
                    continue;
                }
                double sum = 0;
                int u = i, hops = 0;
                while (u != j)
                {
                    int v = next[u * n + j];
                    Assert.InRange(v, 0, n - 1);
                    Assert.True(double.IsFinite(weights[u * n + v]), $"successor {v} of {u} toward {j} is not an arc");
                    sum += weights[u * n + v];
                    u = v;
                    Assert.True(++hops < n, $"successor chain {i}->{j} loops");
                }
                Assert.Equal(dist[i * n + j], sum);
            }
        }
    }

    /// <summary>
    /// Random directed graphs, SoA over graphs, about 30 % of arcs, positive weights in [0.1, 10) (or integers 1..20)
    /// reweighted by random potentials p (w + p[i] − p[j]): negative arcs appear, every cycle keeps its positive weight.
    /// </summary>
    private static T[] RandomGraph<T>(int n, int graphs, Random random, bool integer) where T : IFloatingPointIeee754<T>
    {
        var dist = new T[n * n * graphs];
        for (int g = 0; g < graphs; g++)
        {
            var p = new double[n];
            for (int i = 0; i < n; i++) p[i] = integer ? random.Next(0, 6) : 3 * random.NextDouble();
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double w = i == j ? 0
                        : random.NextDouble() < 0.3 ? (integer ? random.Next(1, 21) : 0.1 + 9.9 * random.NextDouble()) + p[i] - p[j]
                        : double.PositiveInfinity;
                    dist[(i * n + j) * graphs + g] = T.CreateChecked(w);
                }
            }
        }
        return dist;
    }

    private static (T[] Dist, int[] Next) Reference<T>(int n, int graphs, T[] input) where T : IFloatingPointIeee754<T>
    {
        var dist = (T[])input.Clone();
        var next = new int[dist.Length];
        for (int g = 0; g < graphs; g++)
        {
            int At(int i, int j) => (i * n + j) * graphs + g;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (i == j)
                    {
                        if (dist[At(i, i)] > T.Zero) dist[At(i, i)] = T.Zero;
                        next[At(i, j)] = i;
                    }
                    else next[At(i, j)] = T.IsPositiveInfinity(dist[At(i, j)]) ? -1 : j;
                }
            }
            for (int k = 0; k < n; k++)
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                    {
                        T through = dist[At(i, k)] + dist[At(k, j)];
                        if (through < dist[At(i, j)])
                        {
                            dist[At(i, j)] = through;
                            next[At(i, j)] = next[At(i, k)];
                        }
                    }
        }
        return (dist, next);
    }
}
