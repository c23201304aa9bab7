using System.Text.Json;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Graphs;

/// <summary>Reading a routing graph from any file `paths` and batch jobs accept, by sniffing its format.</summary>
public static class RoutingGraphFiles
{
    /// <summary>
    /// Reads INPUT: a scenario (.wdn, .inp, or JSON/MessagePack with a <c>format</c> or <c>graph_allocation</c> key)
    /// becomes <see cref="SupplyGraphBuilder.Build"/> of its graph_allocation block; otherwise graph JSON or the
    /// same graph as a MessagePack map.
    /// </summary>
    public static RoutingGraph Load(string path)
    {
        InputFile.Require(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".wdn" or ".inp") return FromScenario(ScenarioFile.Load(path).Scenario, path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > 0 && bytes[0] is >= 0x80 and <= 0x8f or 0xde or 0xdf) return MessagePackGraphOrScenario(bytes, path);
        // A plain graph (no "format" or "graph_allocation" anywhere in the bytes, which every scenario has at its top
        // level) is read in one streaming pass; the rest goes through the document readers as always.
        bool maybeScenario = bytes.AsSpan().IndexOf("format"u8) >= 0 || bytes.AsSpan().IndexOf("graph_allocation"u8) >= 0;
        if (!maybeScenario) return GraphJsonReader.ReadFile(path, bytes);
        StrictText.CheckJson(bytes, path);
        try
        {
            using var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                (doc.RootElement.TryGetProperty("graph_allocation", out _) || doc.RootElement.TryGetProperty("format", out _)))
                return FromScenario(ScenarioCodec.ReadJson(System.Text.Encoding.UTF8.GetString(bytes), path), path);
            return GraphJsonReader.Read(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw JsonSyntax.Invalid(e, path);
        }
        catch (InvalidInputException e)
        {
            throw e.InFile(path);
        }
    }

    /// <summary>
    /// A MessagePack map: a scenario when it has a format or graph_allocation key at its top level, else a graph map.
    /// The graph reader goes first (one streaming pass, no scan of the whole file for those words: 14 ms at 420,000
    /// arcs) and stops at such a key; no scenario has a top-level key of a graph (nodes, edges, from, to, weight).
    /// </summary>
    private static RoutingGraph MessagePackGraphOrScenario(byte[] bytes, string path) =>
        GraphMessagePackReader.TryRead(bytes, path) ?? FromScenario(ScenarioCodec.ReadWdn(bytes, path), path);

    /// <summary>
    /// Routing graph of a scenario (for the scenario branch of <see cref="Load"/>): its graph_allocation block (the
    /// Lishui case's supply graph with pressure zones) when it has one, else its network routed on pipe lengths.
    /// </summary>
    public static RoutingGraph FromScenario(Scenario scenario, string path) =>
        scenario.GraphAllocation is { } spec
            ? SupplyGraphBuilder.Build(spec)
            : scenario.Network.Pipes.Count > 0
                ? NetworkRoutingGraph.Build(scenario.Network, path)
                : throw new InvalidInputException("the scenario has neither a graph_allocation block nor a network with pipes to route on", file: path, field: "graph_allocation");
}
