namespace WdnAccel.Core.Graphs;

/// <summary>
/// One cycle of negative total weight, read off Floyd–Warshall's successors after the run found a diagonal below 0:
/// from such a node i the successors toward i (next[u][i]) are arcs of the graph, so following them from i must repeat
/// a node, and the stretch between the two visits is a cycle of arcs. Its weight is summed from the graph's own arcs
/// (the cheapest of parallel ones) and it is reported only where that sum is negative.
/// </summary>
public static class NegativeCycle
{
    /// <summary>A negative cycle as node indices in walking order (the first node not repeated at the end), or null
    /// where no successors were kept or the walks from the nodes tried close no negative cycle.</summary>
    public static int[]? Find(RoutingGraph graph, int[]? next, IReadOnlyList<int> onNegativeWalks)
    {
        if (next is null) return null;
        int n = graph.NodeCount;
        var weight = new Dictionary<(int, int), double>();
        foreach (var a in graph.Arcs)
            weight[(a.From, a.To)] = weight.TryGetValue((a.From, a.To), out double w) ? Math.Min(w, a.Weight) : a.Weight;
        foreach (int start in onNegativeWalks.Take(16))
        {
            if (weight.TryGetValue((start, start), out double loop) && loop < 0) return [start]; // a negative self-loop
            var seenAt = new Dictionary<int, int>();
            var walk = new List<int>();
            int u = start;
            while (u >= 0 && !seenAt.ContainsKey(u))
            {
                seenAt[u] = walk.Count;
                walk.Add(u);
                u = next[(long)u * n + start];
            }
            if (u < 0) continue;
            var cycle = walk.Skip(seenAt[u]).ToArray();
            double sum = 0;
            for (int k = 0; k < cycle.Length; k++)
                sum += weight.TryGetValue((cycle[k], cycle[(k + 1) % cycle.Length]), out double w) ? w : double.NaN;
            if (sum < 0) return cycle;
        }
        return null;
    }
}
