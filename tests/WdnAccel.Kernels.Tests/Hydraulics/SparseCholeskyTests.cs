using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>The sparse Cholesky over the minimum-degree pattern against dense Gaussian elimination on random SPD systems.</summary>
public class SparseCholeskyTests
{
    [Theory]
    [InlineData("HAN")]
    [InlineData("FOS")]
    [InlineData("NYT")]
    public void SolvesLikeDenseElimination(string name)
    {
        var net = HydraulicsTestData.Compile(name);
        var rng = new Random(7);
        int nj = net.JunctionCount;
        var dense = new double[nj, nj];
        var scratch = new HostGgaScratch(net);
        var v = scratch.Factor;
        for (int k = 0; k < net.LinkCount; k++)
        {
            double p = 0.1 + rng.NextDouble();
            int a = net.From[k], b = net.To[k];
            if (a < nj) { dense[a, a] += p; v[net.Position[a]] += p; }
            if (b < nj) { dense[b, b] += p; v[net.Position[b]] += p; }
            if (a < nj && b < nj) { dense[a, b] -= p; dense[b, a] -= p; v[net.LinkEntry[k]] -= p; }
            else if (a < nj) scratch.Grounding[net.Position[a]] += p; // a link to a fixed head: the row's excess
            else if (b < nj) scratch.Grounding[net.Position[b]] += p;
        }
        var rhs = Enumerable.Range(0, nj).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var f = scratch.Rhs;
        for (int j = 0; j < nj; j++) f[net.Position[j]] = rhs[j];
        Assert.True(GgaLaneSolver.CholeskySolve(new HostGgaNetwork(net), new HostGgaLane(new HydraulicBatch(net, 1), 0, scratch)));
        var x = DenseSolve(dense, rhs);
        for (int j = 0; j < nj; j++) Assert.Equal(x[j], f[net.Position[j]], 9);
        Assert.All(scratch.Work, w => Assert.Equal(0.0, w)); // the dense row is left as it was found
    }

    [Theory]
    [InlineData(900, 1)]
    [InlineData(10000, 2)]
    public void SupernodalFactorizationSolvesLikeTheUpLookingOne(int junctions, int seed)
    {
        // Same assembled SPD system through the oracle's up-looking factorization and the one-lane supernodal one.
        var net = CompiledNetwork.Compile(NetworkGenerator.Grid(junctions, seed));
        int nj = net.JunctionCount;
        var rng = new Random(seed);
        var scratch = new HostGgaScratch(net);
        RandomSpdSystem.Fill(net, rng, scratch.Factor, scratch.Rhs, scratch.Grounding);
        var v = (double[])scratch.Factor.Clone();
        var f = (double[])scratch.Rhs.Clone();
        var grounding = (double[])scratch.Grounding.Clone();
        Assert.True(GgaLaneSolver.CholeskySolve(new HostGgaNetwork(net), new HostGgaLane(new HydraulicBatch(net, 1), 0, scratch)));

        var plan = new WdnAccel.Kernels.Simd.SupernodalCholesky(net);
        Assert.True(plan.Count < nj); // supernodes do form (separators, chains)
        Assert.True(plan.Solve(net, v, f, grounding, new WdnAccel.Kernels.Simd.SupernodalCholesky.Scratch(plan, nj)));
        for (int j = 0; j < nj; j++) Assert.Equal(scratch.Rhs[j], f[j], tolerance: 1e-9 * (1 + Math.Abs(f[j])));
        for (int e = 0; e < net.RowOfEntry.Length; e++) Assert.Equal(scratch.Factor[nj + e], v[nj + e], tolerance: 1e-12);
        for (int c = 0; c < nj; c++) Assert.Equal(1.0 / scratch.Factor[c], v[c], tolerance: 1e-12); // diagonal kept inverted

        v[0] = -1; // a negative pivot is reported
        Assert.False(plan.Solve(net, v, f, grounding, new WdnAccel.Kernels.Simd.SupernodalCholesky.Scratch(plan, nj)));
    }

    [Fact]
    public void OrderingIsAPermutationAndPatternIsClosedUnderElimination()
    {
        var net = HydraulicsTestData.Compile("FOS");
        Assert.Equal(Enumerable.Range(0, net.JunctionCount), net.Order.Order());
        for (int j = 0; j < net.JunctionCount; j++) Assert.Equal(j, net.Order[net.Position[j]]);
        for (int k = 0; k < net.LinkCount; k++)
        {
            bool internalLink = net.From[k] < net.JunctionCount && net.To[k] < net.JunctionCount;
            Assert.Equal(internalLink, net.LinkEntry[k] >= 0);
        }
        // The rows of L are the transpose of its columns: columns ascending and left of the diagonal, each entry
        // found in its column at that row.
        int nj = net.JunctionCount;
        Assert.Equal(net.RowOfEntry.Length, net.RowStart[nj]);
        for (int k = 0; k < nj; k++)
        {
            for (int t = net.RowStart[k]; t < net.RowStart[k + 1]; t++)
            {
                int j = net.RowColumn[t], e = net.RowEntry[t];
                Assert.True(j < k);
                if (t > net.RowStart[k]) Assert.True(net.RowColumn[t - 1] < j);
                Assert.InRange(e, net.ColumnStart[j], net.ColumnStart[j + 1] - 1);
                Assert.Equal(k, net.RowOfEntry[e]);
            }
        }
    }

    private static double[] DenseSolve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            for (int r = c + 1; r < n; r++)
            {
                double f = m[r, c] / m[c, c];
                if (f == 0) continue;
                for (int k = c; k < n; k++) m[r, k] -= f * m[c, k];
                x[r] -= f * x[c];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double s = x[r];
            for (int k = r + 1; k < n; k++) s -= m[r, k] * x[k];
            x[r] = s / m[r, r];
        }
        return x;
    }
}
