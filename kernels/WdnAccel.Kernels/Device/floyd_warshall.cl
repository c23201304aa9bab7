/*
 * Floyd-Warshall all-pairs shortest paths (Floyd 1962; Cormen et al., Introduction to Algorithms, 25.2).
 * dist[i][j] = min(dist[i][j], dist[i][k] + dist[k][j]); next[i][j] follows next[i][k] when improved.
 * Unreachable = +infinity. Non-negative cycles assumed: then row k and column k do not change during
 * step k, so one launch per k is race-free and gives the sequential triple loop's result bit for bit.
 */

/* One k step over an n x n row-major matrix: work-item (j, i); j is dimension 0 so a warp reads a row. */
KERNEL void fw_step(const int n, const int k,
    GLOBAL_AS real_t* RESTRICT dist, GLOBAL_AS int* RESTRICT next)
{
    const int j = GID0;
    const int i = GID1;
    if (i >= n || j >= n) return;
    const real_t through = dist[i * n + k] + dist[k * n + j];
    if (through < dist[i * n + j])
    {
        dist[i * n + j] = through;
        next[i * n + j] = next[i * n + k];
    }
}

/*
 * Batched small graphs: G graphs of n nodes in SoA layout dist[(i*n + j)*G + g]; work-item g runs the whole
 * triple loop on its graph, and neighbouring work-items touch neighbouring addresses.
 */
KERNEL void fw_batched(const int n, const int graphs,
    GLOBAL_AS real_t* RESTRICT dist, GLOBAL_AS int* RESTRICT next)
{
    const int g = GID0;
    if (g >= graphs) return;
    for (int k = 0; k < n; k++)
    {
        for (int i = 0; i < n; i++)
        {
            const real_t ik = dist[(i * n + k) * graphs + g];
            if (!(ik < WDN_INFINITY)) continue; /* nothing improves through an unreachable k */
            const int next_ik = next[(i * n + k) * graphs + g];
            for (int j = 0; j < n; j++)
            {
                const real_t through = ik + dist[(k * n + j) * graphs + g];
                const int ij = (i * n + j) * graphs + g;
                if (through < dist[ij])
                {
                    dist[ij] = through;
                    next[ij] = next_ik;
                }
            }
        }
    }
}
