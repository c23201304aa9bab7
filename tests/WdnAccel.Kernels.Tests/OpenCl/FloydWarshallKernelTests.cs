using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>
/// floyd_warshall.cl against the textbook triple loop written here (Cormen et al. 25.2). Tolerance: exact.
/// With non-negative weights each cell sees the same additions and comparisons in the same k order as the
/// sequential loop, so distances must agree bit for bit, and successors exactly.
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
        OpenClTestDevice.Backend.FloydWarshall(n, dist, next);
        Assert.Equal(expected, dist);
        Assert.Equal(expectedNext, next);
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
