using WdnAccel.Core.Graphs;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Tests.Graphs;

public class SupplyGraphBuilderTests
{
    private static HashSet<(string, string, double)> Named(RoutingGraph g, IEnumerable<Arc> arcs) =>
        arcs.Select(a => (g.NodeIds[a.From], g.NodeIds[a.To], Math.Round(a.Weight, 9))).ToHashSet();

    [Fact]
    public void Climbing_arcs_are_removed_unless_they_leave_a_pump_station_or_a_plant()
    {
        var removed = new List<Arc>();
        var g = SupplyGraphBuilder.Build(ZonedGraphFixture.Spec(), removed);
        Assert.Equal(["P", "D1", "J", "PS", "H", "M"], g.NodeIds);
        Assert.Equal(GraphNodeKind.PumpStation, g.Kinds![3]);
        var expected = new HashSet<(string, string, double)>
        {
            ("P", "D1", 1000), ("D1", "P", 1000),      // same zone: both ways
            ("P", "J", 600), ("J", "P", 600),          // 500 m × 1.2
            ("H", "J", 400),                           // downhill only: J→H climbs without a pump
            ("J", "PS", 300), ("PS", "J", 300),
            ("PS", "H", 1200), ("H", "PS", 1200),      // the pump station may lift: 800 m × 1.5
            ("H", "M", 200), ("M", "H", 200),
            ("P", "M", 5000),                          // a plant pressurizes its outflow
        };
        Assert.Equal(expected, Named(g, g.Arcs));
        Assert.Equal(new HashSet<(string, string, double)> { ("J", "H", 400) }, Named(g, removed));
    }

    [Fact]
    public void Plants_pressurize_their_outflow_so_they_feed_every_class_but_junctions_do_not_climb()
    {
        var spec = new GraphAllocationSpec
        {
            Nodes =
            [
                new GraphNode("T", GraphNodeKind.Supply, PressureZone: 2),
                new GraphNode("low", GraphNodeKind.Demand, PressureZone: 1),
                new GraphNode("same", GraphNodeKind.Demand, PressureZone: 2),
                new GraphNode("high", GraphNodeKind.Demand, PressureZone: 3),
                new GraphNode("higher", GraphNodeKind.Demand, PressureZone: 4),
            ],
            Edges =
            [
                new GraphEdge("T", "low", 1, Directed: true), new GraphEdge("T", "same", 1, Directed: true), new GraphEdge("T", "high", 1, Directed: true),
                new GraphEdge("high", "higher", 1), new GraphEdge("low", "same", 1, Directed: true),
            ],
        };
        var g = SupplyGraphBuilder.Build(spec);
        Assert.Equal([(0, 1), (0, 2), (0, 3), (4, 3)], g.Arcs.Select(a => (a.From, a.To)));
    }

    [Theory]
    [InlineData("from", "graph_allocation.edges[0].from")]
    [InlineData("to", "graph_allocation.edges[0].to")]
    [InlineData("nan", "graph_allocation.edges[0].length")]
    [InlineData("negative", "graph_allocation.edges[0].length")]
    [InlineData("infinite", "graph_allocation.edges[0].length")]
    [InlineData("factor", "graph_allocation.edges[0].cost_factor")]
    [InlineData("duplicate", "graph_allocation.nodes[1].id")]
    [InlineData("kind", "graph_allocation.nodes[0].kind")]
    public void Broken_supply_graphs_name_the_field(string broken, string field)
    {
        var a = new GraphNode("a", GraphNodeKind.Supply);
        var b = new GraphNode(broken == "duplicate" ? "a" : "b", GraphNodeKind.Demand);
        if (broken == "kind") a = a with { Kind = (GraphNodeKind)9 };
        var edge = broken switch
        {
            "from" => new GraphEdge("x", "b", 1),
            "to" => new GraphEdge("a", "y", 1),
            "nan" => new GraphEdge("a", "b", double.NaN),
            "negative" => new GraphEdge("a", "b", -5),
            "infinite" => new GraphEdge("a", "b", double.PositiveInfinity),
            "factor" => new GraphEdge("a", "b", 10, CostFactor: -1),
            _ => new GraphEdge("a", "b", 1),
        };
        var spec = new GraphAllocationSpec { Nodes = [a, b], Edges = [edge] };
        var e = Assert.Throws<InvalidInputException>(() => SupplyGraphBuilder.Build(spec));
        Assert.Equal(field, e.Field);
    }
}
