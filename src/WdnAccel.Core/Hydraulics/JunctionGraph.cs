namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The junction graph of a network (the pattern of A = A12ᵀ·P·A12 without its diagonal) in compressed adjacency
/// form: the neighbours of node v are <c>Adjacent[Start[v]..Start[v+1])</c>, without self loops or repeated
/// neighbours. Links to fixed-head nodes (index ≥ n) do not enter A's pattern and are dropped.
/// </summary>
internal sealed class JunctionGraph
{
    public int NodeCount { get; }
    public int[] Start { get; }
    public int[] Adjacent { get; }

    private JunctionGraph(int n, int[] start, int[] adjacent)
    {
        NodeCount = n;
        Start = start;
        Adjacent = adjacent;
    }

    public int Degree(int v) => Start[v + 1] - Start[v];

    public ReadOnlySpan<int> Neighbours(int v) => Adjacent.AsSpan(Start[v], Start[v + 1] - Start[v]);

    /// <summary>The graph of the links among nodes 0..n−1 (parallel links count once).</summary>
    public static JunctionGraph FromLinks(int n, int[] from, int[] to)
    {
        var count = new int[n + 1];
        for (int k = 0; k < from.Length; k++)
        {
            int a = from[k], b = to[k];
            if (a < n && b < n && a != b) { count[a + 1]++; count[b + 1]++; }
        }
        for (int v = 0; v < n; v++) count[v + 1] += count[v];
        var adj = new int[count[n]];
        var fill = count.AsSpan(0, n).ToArray();
        for (int k = 0; k < from.Length; k++)
        {
            int a = from[k], b = to[k];
            if (a < n && b < n && a != b) { adj[fill[a]++] = b; adj[fill[b]++] = a; }
        }
        return Deduplicated(n, count, adj);
    }

    /// <summary>The subgraph induced by <paramref name="nodes"/>, renumbered 0..|nodes|−1 in their order; <paramref name="local"/> maps a node to its new number and holds −1 elsewhere on entry and on return.</summary>
    public JunctionGraph Induced(ReadOnlySpan<int> nodes, int[] local)
    {
        for (int i = 0; i < nodes.Length; i++) local[nodes[i]] = i;
        var start = new int[nodes.Length + 1];
        for (int i = 0; i < nodes.Length; i++)
        {
            int c = 0;
            foreach (int u in Neighbours(nodes[i])) if (local[u] >= 0) c++;
            start[i + 1] = start[i] + c;
        }
        var adj = new int[start[nodes.Length]];
        for (int i = 0, t = 0; i < nodes.Length; i++)
        {
            foreach (int u in Neighbours(nodes[i])) if (local[u] >= 0) adj[t++] = local[u];
        }
        foreach (int v in nodes) local[v] = -1;
        return new JunctionGraph(nodes.Length, start, adj);
    }

    private static JunctionGraph Deduplicated(int n, int[] start, int[] adj)
    {
        var seen = new int[n];
        Array.Fill(seen, -1);
        var newStart = new int[n + 1];
        int w = 0;
        for (int v = 0; v < n; v++)
        {
            int s = start[v], e = start[v + 1];
            newStart[v] = w;
            for (int t = s; t < e; t++)
            {
                int u = adj[t];
                if (seen[u] == v) continue;
                seen[u] = v;
                adj[w++] = u;
            }
        }
        newStart[n] = w;
        return new JunctionGraph(n, newStart, w == adj.Length ? adj : adj[..w]);
    }
}
