using System.Text;
using WdnAccel.Core.Graphs;
using WdnAccel.Core.Io;

namespace WdnAccel.Core.Tests.Graphs;

public class GraphJsonReaderTests
{
    private static RoutingGraph Read(string json) => GraphJsonReader.Read(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Reads_nodes_and_directed_arcs_and_builds_the_weight_matrix()
    {
        var g = Read("""{"nodes": 3, "edges": [[0, 1, 2.5], [1, 2, 1], [0, 1, 2.0], [2, 2, 4]]}""");
        Assert.Equal(3, g.NodeCount);
        Assert.Equal(4, g.Arcs.Count);
        Assert.Equal(new Arc(0, 1, 2.5), g.Arcs[0]);
        Assert.False(g.HasNamedIds);
        Assert.Equal("2", g.NodeIds[2]);
        var w = g.ToWeightMatrix<double>();
        Assert.Equal(2.0, w[0 * 3 + 1]); // the cheaper parallel arc wins
        Assert.Equal(1.0, w[1 * 3 + 2]);
        Assert.True(double.IsPositiveInfinity(w[1 * 3 + 0])); // directed: no reverse arc
        Assert.Equal(4.0, w[2 * 3 + 2]); // self-loop kept; the kernel clamps the diagonal
    }

    [Fact]
    public void Empty_graph_is_valid()
    {
        var g = Read("""{"nodes": 0, "edges": []}""");
        Assert.Equal(0, g.NodeCount);
        Assert.Empty(g.ToWeightMatrix<float>());
    }

    [Theory]
    [InlineData("""{"nodes": 3, "edges": [[0, 1, 2""", "edges[0][2]")]             // truncated: names where
    [InlineData("""[1, 2]""", null)]                                               // not an object
    [InlineData("""{"edges": []}""", "nodes")]                                     // missing count
    [InlineData("""{"nodes": "3", "edges": []}""", "nodes")]                       // wrong type
    [InlineData("""{"nodes": -1, "edges": []}""", "nodes")]                        // negative count
    [InlineData("""{"nodes": 2.5, "edges": []}""", "nodes")]                       // not an integer
    [InlineData("""{"nodes": 2}""", "edges")]                                      // missing edges
    [InlineData("""{"nodes": 2, "edges": {"a": 1}}""", "edges")]                   // wrong type
    [InlineData("""{"nodes": 2, "edges": [[0, 1]]}""", "edges[0]")]                // two items
    [InlineData("""{"nodes": 2, "edges": [[0, 1, 1], [0, "1", 1]]}""", "edges[1][1]")] // index as string
    [InlineData("""{"nodes": 2, "edges": [[0, 2, 1]]}""", "edges[0][1]")]          // out of range
    [InlineData("""{"nodes": 2, "edges": [[-1, 1, 1]]}""", "edges[0][0]")]         // negative index
    [InlineData("""{"nodes": 2, "edges": [[0, 1, "NaN"]]}""", "edges[0][2]")]      // NaN spelled as a string
    [InlineData("""{"nodes": 2, "edges": [[0, 1, NaN]]}""", "edges[0][2]")]          // NaN literal is not JSON
    [InlineData("""{"nodes": 2, "edges": [[0, 1, 1e999]]}""", "edges[0][2]")]      // overflows to infinity
    [InlineData("""{"nodes": 2, "edges": [[0, 1, null]]}""", "edges[0][2]")]
    public void Broken_input_names_the_field(string json, string? field)
    {
        var e = Assert.Throws<InvalidInputException>(() => Read(json));
        Assert.Equal(field, e.Field);
        if (field is not null) Assert.Contains($"'{field}'", e.Message);
    }

    [Fact]
    public void File_errors_carry_the_file_name()
    {
        string path = Path.Combine(Path.GetTempPath(), $"wdnaccel-graph-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"nodes": 1, "edges": [[0, 3, 1]]}""");
        try
        {
            var e = Assert.Throws<InvalidInputException>(() => GraphJsonReader.ReadFile(path));
            Assert.Equal(path, e.File);
            Assert.Equal("edges[0][1]", e.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
