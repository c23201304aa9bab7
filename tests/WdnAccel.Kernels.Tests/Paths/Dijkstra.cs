namespace WdnAccel.Kernels.Tests.Paths;

/// <summary>
/// Independent oracle: Dijkstra (1959) with a binary heap from one source over a weight matrix (non-negative
/// weights only). Written separately from the Floyd–Warshall code so the two can disagree.
/// </summary>
internal static class Dijkstra
{
    public static double[] From(double[] w, int n, int source)
    {
        var dist = new double[n];
        Array.Fill(dist, double.PositiveInfinity);
        dist[source] = 0;
        var done = new bool[n];
        var heap = new PriorityQueue<int, double>();
        heap.Enqueue(source, 0);
        while (heap.TryDequeue(out int u, out double du))
        {
            if (done[u] || du > dist[u]) continue;
            done[u] = true;
            for (int v = 0; v < n; v++)
            {
                double wuv = w[u * n + v];
                if (u == v || double.IsPositiveInfinity(wuv)) continue;
                double dv = du + wuv;
                if (dv < dist[v])
                {
                    dist[v] = dv;
                    heap.Enqueue(v, dv);
                }
            }
        }
        return dist;
    }
}
