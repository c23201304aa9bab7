using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>The synthetic benchmark networks compile and solve, and the solves agree with the scalar oracle.</summary>
public class NetworkGeneratorTests
{
    [Theory]
    [InlineData("grid", 100)]
    [InlineData("grid", 257)]
    [InlineData("grid", 25600)] // above the update-list limit: up-looking factorization in 8-lane blocks
    [InlineData("tree", 100)]
    [InlineData("tree", 1000)]
    public void GeneratedNetworksSolveLikeTheOracle(string kind, int junctions)
    {
        var network = kind == "grid" ? NetworkGenerator.Grid(junctions, seed: 3) : NetworkGenerator.Tree(junctions, seed: 3);
        Assert.Equal(junctions, network.Junctions.Count);
        var net = CompiledNetwork.Compile(network);
        Assert.Equal(junctions > 20_000, GgaBatchSolver.FactorizesUpLooking(net));
        var simd = new HydraulicBatch(net, 5);
        var scalar = new HydraulicBatch(net, 5);
        for (int lane = 0; lane < 5; lane++)
        {
            for (int p = 0; p < net.PipeCount; p++)
            {
                double d = net.BaseDiameter[p] * (0.8 + 0.1 * lane);
                simd.SetPipe(lane, p, d);
                scalar.SetPipe(lane, p, d);
            }
        }
        new SimdBackend(2).SolveHydraulics(simd);
        new ScalarBackend().SolveHydraulics(scalar);
        for (int lane = 0; lane < 5; lane++)
        {
            Assert.Equal(LaneStatus.Converged, simd.Status[lane]);
            Assert.Equal(scalar.Iterations[lane], simd.Iterations[lane]);
        }
        for (int i = 0; i < simd.Head.Length; i++) Assert.Equal(scalar.Head[i], simd.Head[i], tolerance: 1e-6);
        // Mass balance: what the reservoirs supply equals the total demand (lane 0).
        double supply = 0;
        for (int k = 0; k < net.LinkCount; k++)
        {
            if (net.From[k] >= net.JunctionCount) supply += simd.Flow[k * 5];
            if (net.To[k] >= net.JunctionCount) supply -= simd.Flow[k * 5];
        }
        Assert.Equal(network.Junctions.Sum(j => j.BaseDemand), supply, tolerance: 1e-9);
    }

    [Theory]
    [InlineData(6400)] // one-lane block, supernodal factorization (update lists for vector blocks)
    [InlineData(25600)] // one-lane block, supernodal factorization (up-looking for vector blocks)
    public void OneLaneOfALargeNetworkSolvesInAOneLaneBlockLikeTheOracle(int junctions)
    {
        var net = CompiledNetwork.Compile(NetworkGenerator.Grid(junctions, seed: 4));
        Assert.True(net.FactorUpdates > GgaBatchSolver.SingleLaneBlockUpdates, $"{net.FactorUpdates:N0} updates");
        Assert.Equal(junctions > 20_000, GgaBatchSolver.FactorizesUpLooking(net));
        Assert.Equal("nested dissection", net.Ordering);
        var simd = new HydraulicBatch(net, 1);
        var scalar = new HydraulicBatch(net, 1);
        new SimdBackend(2).SolveHydraulics(simd);
        new ScalarBackend().SolveHydraulics(scalar);
        Assert.Equal(LaneStatus.Converged, simd.Status[0]);
        Assert.Equal(scalar.Iterations[0], simd.Iterations[0]);
        for (int i = 0; i < simd.Head.Length; i++) Assert.Equal(scalar.Head[i], simd.Head[i], tolerance: 1e-6);
    }

    [Fact]
    public void TreeNeedsNoFill()
    {
        var net = CompiledNetwork.Compile(NetworkGenerator.Tree(500, seed: 9));
        Assert.Equal(499, net.FactorSize - net.JunctionCount);
    }
}
