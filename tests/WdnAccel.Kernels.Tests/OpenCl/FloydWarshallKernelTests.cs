using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>
/// floyd_warshall.cl and floyd_warshall_blocked.cl against the textbook triple loop written here (Cormen et al.
/// 25.2). Step and batched kernels: exact (each cell sees the same additions and comparisons in the same k
/// order as the sequential loop, so distances agree bit for bit and successors exactly). Blocked kernel: sums
/// associate differently, so real weights agree to 1e-12 relative, integer weights exactly; successors may
/// choose another shortest path on ties, so they are checked by walking each path and summing its arcs.
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
    public void Step_kernel_matches_the_triple_loop(int n)
    {
        var dist = RandomGraph(n, 1, new Random(n));
        var (expected, expectedNext) = Reference(n, 1, dist);
        var next = new int[n * n];
        OpenClTestDevice.Backend.FloydWarshall(n, dist, next, blocked: false);
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
        var random = new Random(500 + n);
        var weights = RandomGraph(n, 1, random);
        for (int i = 0; i < weights.Length; i++)
            if (double.IsFinite(weights[i]) && weights[i] != 0) weights[i] = Math.Floor(weights[i] * 2) + 1; // integers 1..20
        var (expected, _) = Reference(n, 1, weights);
        var dist = (double[])weights.Clone();
        var next = new int[n * n];
        OpenClTestDevice.Backend.FloydWarshall(n, dist, next, blocked: true);
        Assert.Equal(expected, dist);
        AssertPathsRealizeDistances(n, weights, dist, next);
    }

    [OpenClTheory]
    [InlineData(31)]
    [InlineData(67)]
    public void Blocked_kernels_match_the_triple_loop_with_real_weights(int n)
    {
        var weights = RandomGraph(n, 1, new Random(900 + n));
        var (expected, _) = Reference(n, 1, weights);
        var dist = (double[])weights.Clone();
        var next = new int[n * n];
        OpenClTestDevice.Backend.FloydWarshall(n, dist, next, blocked: true);
        for (int i = 0; i < dist.Length; i++)
        {
            if (double.IsPositiveInfinity(expected[i])) Assert.Equal(expected[i], dist[i]);
            else Assert.True(Math.Abs(dist[i] - expected[i]) <= 1e-12 * expected[i], $"cell {i}: {dist[i]:R} vs {expected[i]:R}");
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
        var dist = RandomGraph(n, graphs, new Random(n * 100 + graphs));
        var (expected, expectedNext) = Reference(n, graphs, dist);
        var next = new int[n * n * graphs];
        OpenClTestDevice.Backend.FloydWarshallBatch(n, graphs, dist, next);
        Assert.Equal(expected, dist);
        Assert.Equal(expectedNext, next);
    }

    [OpenClFact]
    public void A_known_small_graph_has_its_hand_computed_distances()
    {
        // 0→1 (4), 0→2 (1), 2→1 (2), 1→3 (5): d(0,1) = 3 via 2, d(0,3) = 8, 3 reaches nothing.
        double inf = double.PositiveInfinity;
        double[] dist = [0, 4, 1, inf, inf, 0, inf, 5, inf, 2, 0, inf, inf, inf, inf, 0];
        var next = new int[16];
        OpenClTestDevice.Backend.FloydWarshall(4, dist, next);
        Assert.Equal(3.0, dist[0 * 4 + 1]);
        Assert.Equal(8.0, dist[0 * 4 + 3]);
        Assert.Equal(7.0, dist[2 * 4 + 3]);
        Assert.Equal(inf, dist[3 * 4 + 0]);
        Assert.Equal(2, next[0 * 4 + 1]); // first hop of 0→1 is 2
        Assert.Equal(2, next[0 * 4 + 3]);
        Assert.Equal(-1, next[3 * 4 + 0]);
    }

    /// <summary>Every reachable pair's successor chain reaches j and its arc weights sum to the distance exactly.</summary>
    private static void AssertPathsRealizeDistances(int n, double[] weights, double[] dist, int[] next)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i == j || !double.IsFinite(dist[i * n + j]))
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

    /// <summary>Random directed graphs, about 30 % of arcs present, weights in [0.1, 10), SoA over graphs.</summary>
    private static double[] RandomGraph(int n, int graphs, Random random)
    {
        var dist = new double[n * n * graphs];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int g = 0; g < graphs; g++)
                {
                    dist[(i * n + j) * graphs + g] = i == j ? 0
                        : random.NextDouble() < 0.3 ? 0.1 + 9.9 * random.NextDouble()
                        : double.PositiveInfinity;
                }
            }
        }
        return dist;
    }

    private static (double[] Dist, int[] Next) Reference(int n, int graphs, double[] input)
    {
        var dist = (double[])input.Clone();
        var next = new int[dist.Length];
        for (int g = 0; g < graphs; g++)
        {
            int At(int i, int j) => (i * n + j) * graphs + g;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    next[At(i, j)] = i != j && double.IsFinite(dist[At(i, j)]) ? j : -1;
            for (int k = 0; k < n; k++)
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                    {
                        double through = dist[At(i, k)] + dist[At(k, j)];
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
