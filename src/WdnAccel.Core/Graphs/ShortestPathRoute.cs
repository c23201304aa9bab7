namespace WdnAccel.Core.Graphs;

/// <summary>Walks a successor ("Route", the Lishui case section 2.2 step 3) matrix from i to j.</summary>
public static class ShortestPathRoute
{
    /// <summary>
    /// Node indices from <paramref name="from"/> to <paramref name="to"/> inclusive, or an empty list where
    /// <paramref name="to"/> is unreachable. Stops after n steps so a corrupt matrix cannot loop forever.
    /// </summary>
    public static List<int> Reconstruct(ReadOnlySpan<int> next, int n, int from, int to)
    {
        var route = new List<int>();
        if (next[from * n + to] < 0) return route;
        int u = from;
        route.Add(u);
        while (u != to)
        {
            u = next[u * n + to];
            if (u < 0 || route.Count > n) throw new InvalidOperationException($"successor matrix has no finite route {from}->{to}");
            route.Add(u);
        }
        return route;
    }
}
