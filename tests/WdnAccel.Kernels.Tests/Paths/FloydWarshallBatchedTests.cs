using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Paths;

public class FloydWarshallBatchedTests
{
    private static readonly ParallelOptions Two = new() { MaxDegreeOfParallelism = 2 };

    /// <summary>wide: the 512-bit kernel (run in software where the hardware lacks it) or the Vector&lt;T&gt; one.</summary>
    [Theory]
    [InlineData(1, 3, false)]
    [InlineData(5, 37, false)]   // G not a multiple of the lane block: padded remainder lanes
    [InlineData(17, 16, false)]
    [InlineData(33, 50, false)]
    [InlineData(1, 3, true)]
    [InlineData(5, 37, true)]
    [InlineData(33, 50, true)]
    public void Batched_simd_equals_one_graph_at_a_time(int n, int count, bool wide)
    {
        var graphs = Enumerable.Range(0, count)
            .Select(g => RandomGraphs.Matrix(n, g % 2 == 0 ? 0.15 : 0.6, seed: 1000 * n + g, integerWeights: g % 3 == 0, isolated: g % 3))
            .ToList();
        var d = RandomGraphs.Interleave(graphs, n);
        var x = new int[d.Length];
        var flags = new bool[count];
        FloydWarshallBatched.Run<double>(d, x, n, count, flags, Two, wide);

        for (int g = 0; g < count; g++)
        {
            var single = (double[])graphs[g].Clone();
            var nx = new int[n * n];
            Assert.True(FloydWarshallScalar.Run<double>(single, nx, n));
            Assert.False(flags[g]);
            for (int e = 0; e < n * n; e++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(single[e]), BitConverter.DoubleToInt64Bits(d[e * count + g]));
                Assert.Equal(nx[e], x[e * count + g]);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Batched_float_simd_equals_scalar_batched_reference(bool wide)
    {
        const int n = 9, count = 21;
        var graphs = Enumerable.Range(0, count).Select(g => RandomGraphs.ToFloat(RandomGraphs.Matrix(n, 0.3, 77 + g, false, g % 2))).ToList();
        var a = RandomGraphs.Interleave(graphs, n);
        var b = (float[])a.Clone();
        var xa = new int[a.Length];
        var xb = new int[a.Length];
        var fa = new bool[count];
        var fb = new bool[count];
        new ScalarBackend().AllPairsShortestPathsBatched(a, xa, n, count, fa);
        FloydWarshallBatched.Run<float>(b, xb, n, count, fb, Two, wide);
        Assert.Equal(a, b);
        Assert.Equal(xa, xb);
        Assert.Equal(fa, fb);
    }

    [Fact]
    public void Negative_cycle_is_flagged_only_in_its_graph()
    {
        const int n = 3, count = 19;
        var graphs = RandomGraphs.OneNegativeCycle(count, 11);
        foreach (var backend in new WdnAccel.Core.Compute.IComputeBackend[] { new ScalarBackend(), new SimdBackend(2) })
        {
            var d = RandomGraphs.Interleave(graphs, n);
            var flags = new bool[count];
            backend.AllPairsShortestPathsBatched(d, new int[d.Length], n, count, flags);
            for (int g = 0; g < count; g++) Assert.Equal(g == 11, flags[g]);
            Assert.Equal(3.0, d[(0 * n + 2) * count + 0]); // good graph: 0→1→2 = 3
        }
    }
}
