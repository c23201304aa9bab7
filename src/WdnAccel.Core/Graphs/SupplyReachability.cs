using WdnAccel.Core.Model;

namespace WdnAccel.Core.Graphs;

/// <summary>Which demand units of a supply graph no plant can reach under the pressure rule (for `validate`).</summary>
public static class SupplyReachability
{
    public static IReadOnlyList<string> Unreachable(GraphAllocationSpec spec)
    {
        var graph = SupplyGraphBuilder.Build(spec);
        int n = graph.NodeCount;
        var outgoing = graph.Arcs.ToLookup(a => a.From, a => a.To);
        var reached = new bool[n];
        var stack = new Stack<int>();
        for (int i = 0; i < n; i++)
        {
            if (spec.Nodes[i].Kind != GraphNodeKind.Supply) continue;
            reached[i] = true;
            stack.Push(i);
        }
        while (stack.Count > 0)
        {
            foreach (int v in outgoing[stack.Pop()])
            {
                if (reached[v]) continue;
                reached[v] = true;
                stack.Push(v);
            }
        }
        return Enumerable.Range(0, n).Where(i => spec.Nodes[i].Kind == GraphNodeKind.Demand && !reached[i]).Select(i => spec.Nodes[i].Id).ToArray();
    }
}
