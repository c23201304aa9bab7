using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Graphs;

/// <summary>
/// A small hand-made the Lishui case supply graph: plant P, junction J and pump station PS in the low zone (1), demands
/// H and M in the high zone (2), demand D1 low. J–H climbs without a pump; PS–H climbs out of the pump station.
/// </summary>
internal static class ZonedGraphFixture
{
    public static GraphAllocationSpec Spec() => new()
    {
        Nodes =
        [
            new GraphNode("P", GraphNodeKind.Supply, PressureZone: 1, Capacity: 1000),
            new GraphNode("D1", GraphNodeKind.Demand, PressureZone: 1, Demand: 100),
            new GraphNode("J", GraphNodeKind.Intermediate, PressureZone: 1),
            new GraphNode("PS", GraphNodeKind.PumpStation, PressureZone: 1),
            new GraphNode("H", GraphNodeKind.Demand, PressureZone: 2, Demand: 200),
            new GraphNode("M", GraphNodeKind.Demand, PressureZone: 2, Demand: 300),
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
}
