using WdnAccel.Core.Graphs;
using WdnAccel.Core.Model;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Paths;

/// <summary>The Lishui case's direction rules end to end: supply graph → routing graph → Floyd–Warshall → routes.</summary>
public class SupplyGraphRoutingTests
{
    // Low zone 1: plant P, demand D1, junction J, pump station PS. High zone 2: demands H, M.
    private static readonly GraphAllocationSpec Spec = new()
    {
        Nodes =
        [
            new GraphNode("P", GraphNodeKind.Supply, PressureZone: 1),
            new GraphNode("D1", GraphNodeKind.Demand, PressureZone: 1),
            new GraphNode("J", GraphNodeKind.Intermediate, PressureZone: 1),
            new GraphNode("PS", GraphNodeKind.PumpStation, PressureZone: 1),
            new GraphNode("H", GraphNodeKind.Demand, PressureZone: 2),
            new GraphNode("M", GraphNodeKind.Demand, PressureZone: 2),
        ],
        Edges =
        [
            new GraphEdge("P", "D1", 1000),
            new GraphEdge("P", "J", 500, CostFactor: 1.2),
            new GraphEdge("J", "H", 400),
            new GraphEdge("J", "PS", 300),
            new GraphEdge("PS", "H", 800, CostFactor: 1.5),
            new GraphEdge("H", "M", 200),
            new GraphEdge("P", "M", 5000, Directed: true),
        ],
    };

    [Fact]
    public void Route_to_the_high_zone_detours_through_the_pump_station()
    {
        var g = SupplyGraphBuilder.Build(Spec);
        int n = g.NodeCount;
        foreach (var backend in new WdnAccel.Core.Compute.IComputeBackend[] { new ScalarBackend(), new SimdBackend(2) })
        {
            var d = g.ToWeightMatrix<double>();
            var next = new int[n * n];
            Assert.True(backend.AllPairsShortestPaths(d, next, n));
            int p = g.IndexOf("P"), m = g.IndexOf("M"), d1 = g.IndexOf("D1");
            // By hand: P→J 600, J→PS 300, PS→H 1200, H→M 200 = 2300 (J→H 400 and P→M 5000 climb without a pump).
            Assert.Equal(2300, d[p * n + m]);
            Assert.Equal(["P", "J", "PS", "H", "M"], ShortestPathRoute.Reconstruct(next, n, p, m).Select(i => g.NodeIds[i]));
            // Downhill the short pipe is usable: M→H 200, H→J 400, J→P 600 = 1200.
            Assert.Equal(1200, d[m * n + p]);
            Assert.Equal(["M", "H", "J", "P"], ShortestPathRoute.Reconstruct(next, n, m, p).Select(i => g.NodeIds[i]));
            Assert.Equal(1000, d[p * n + d1]);
        }
    }
}
