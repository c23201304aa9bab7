namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The links at each node in compressed form: node v's links are <c>Links[Start[v]..Start[v+1])</c>, in link order
/// (or highest first). For walks over the network (connectivity, spanning forests, water quality's transport)
/// without a list per node.
/// </summary>
internal readonly record struct LinkIncidence(int[] Start, int[] Links)
{
    /// <summary>
    /// The incidence of the links <paramref name="from"/>[k] – <paramref name="to"/>[k] over nodes 0..<paramref name="nodes"/>−1,
    /// leaving out the links <paramref name="skip"/> names; with <paramref name="highestFirst"/> each node lists its
    /// links from the highest index down (EPANET's buildadjlists prepends each link to its nodes' lists).
    /// </summary>
    public static LinkIncidence Of(int nodes, int[] from, int[] to, Func<int, bool>? skip = null, bool highestFirst = false)
    {
        var start = new int[nodes + 1];
        for (int k = 0; k < from.Length; k++)
        {
            if (skip?.Invoke(k) == true) continue;
            start[from[k] + 1]++;
            start[to[k] + 1]++;
        }
        for (int v = 0; v < nodes; v++) start[v + 1] += start[v];
        var links = new int[start[nodes]];
        var fill = (int[])start.Clone();
        for (int i = 0; i < from.Length; i++)
        {
            int k = highestFirst ? from.Length - 1 - i : i;
            if (skip?.Invoke(k) == true) continue;
            links[fill[from[k]]++] = k;
            links[fill[to[k]]++] = k;
        }
        return new LinkIncidence(start, links);
    }

    public ReadOnlySpan<int> At(int node) => Links.AsSpan(Start[node], Start[node + 1] - Start[node]);
}
