namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// Exact minimum-degree ordering (Tinney &amp; Walker 1967; George &amp; Liu 1981, "Computer Solution of Large Sparse
/// Positive Definite Systems", ch. 5) by simulating the elimination graph: eliminating a node joins its remaining
/// neighbours into a clique. Ties go to the lowest index, so the ordering depends on the graph alone. Its cost grows
/// with the fill (every clique is stored explicitly), so <see cref="SymbolicCholesky"/> uses it for small networks
/// only, where it is the ordering every release so far has used.
/// </summary>
internal static class MinimumDegreeOrdering
{
    /// <summary><c>order[position] = node</c>.</summary>
    public static int[] Order(JunctionGraph g)
    {
        int n = g.NodeCount;
        var adj = new HashSet<int>[n];
        for (int i = 0; i < n; i++) adj[i] = [.. g.Neighbours(i)];

        var order = new int[n];
        var eliminated = new bool[n];
        var queue = new PriorityQueue<int, (int Degree, int Node)>();
        for (int i = 0; i < n; i++) queue.Enqueue(i, (adj[i].Count, i));
        for (int pos = 0; pos < n; pos++)
        {
            int v;
            while (true)
            {
                queue.TryDequeue(out v, out var pri);
                if (!eliminated[v] && pri.Degree == adj[v].Count) break;
            }
            eliminated[v] = true;
            order[pos] = v;
            var nb = adj[v].ToArray();
            foreach (var a in nb)
            {
                adj[a].Remove(v);
                foreach (var b in nb)
                {
                    if (a != b) adj[a].Add(b);
                }
            }
            foreach (var a in nb) queue.Enqueue(a, (adj[a].Count, a));
            adj[v].Clear();
        }
        return order;
    }
}
