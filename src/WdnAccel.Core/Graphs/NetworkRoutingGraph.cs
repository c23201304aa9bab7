using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Graphs;

/// <summary>
/// The routing graph of a hydraulic network, for `paths` on an EPANET `.inp` or a scenario without a supply graph:
/// every node (junctions, reservoirs, tanks) by its id; every open pipe both ways with its length in m as the weight,
/// a check-valve pipe only from node1 to node2; a pump only from suction to discharge, with weight 0 (a pump station
/// is a point on the map). Closed pipes and pumps carry no route.
/// </summary>
public static class NetworkRoutingGraph
{
    public static RoutingGraph Build(Network network, string? file = null)
    {
        var ids = network.Junctions.Select(j => j.Id).Concat(network.Reservoirs.Select(r => r.Id)).Concat(network.Tanks.Select(t => t.Id)).ToList();
        if (ids.Count == 0) throw new InvalidInputException("the network has no nodes to route between", file, field: "network");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++)
        {
            if (!index.TryAdd(ids[i], i)) throw new InvalidInputException($"node id '{ids[i]}' is used twice", file, field: "network");
        }
        int Node(string id, string link) => index.TryGetValue(id, out int i) ? i
            : throw new InvalidInputException($"link '{link}' names unknown node '{id}'", file, field: "network");
        var arcs = new List<Arc>();
        foreach (var p in network.Pipes)
        {
            if (p.Status == LinkStatus.Closed) continue;
            int a = Node(p.Node1, p.Id), b = Node(p.Node2, p.Id);
            arcs.Add(new Arc(a, b, p.Length));
            if (p.Status != LinkStatus.CheckValve) arcs.Add(new Arc(b, a, p.Length));
        }
        foreach (var pump in network.Pumps)
        {
            if (pump.Status == LinkStatus.Closed) continue;
            arcs.Add(new Arc(Node(pump.Node1, pump.Id), Node(pump.Node2, pump.Id), 0));
        }
        return new RoutingGraph(ids.Count, arcs, ids);
    }
}
