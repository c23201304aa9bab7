/*
 * Blocked Floyd-Warshall in three phases over TILE x TILE tiles held in local memory (Venkataraman, Sahni &
 * Mukhopadhyaya 2003, "A blocked all-pairs shortest-paths algorithm"; GPU form: Katz & Kider 2008,
 * "All-pairs shortest-paths for large graphs on the GPU"). For each block round kb:
 *   phase 1: the pivot tile (kb,kb) runs FW on itself;
 *   phase 2: tiles of row kb and column kb relax through the pivot tile;
 *   phase 3: every other tile (bi,bj) relaxes through tiles (bi,kb) and (kb,bj), which phase 3 only reads.
 * One work-group (TILE x TILE work-items) per tile; work-item (tx, ty) owns cell (ty, tx) of its tile.
 * Cells beyond n are +infinity padding and never written. Non-negative cycles assumed (as floyd_warshall.cl):
 * then row k and column k of a tile do not change at step k, so in-place updates with a barrier per k are
 * race-free. Distances equal the textbook loop's up to rounding of sums in a different association
 * (exact for integer weights); successors may pick another shortest path on ties.
 * Whole work-groups return early together, so no barrier is reached by part of a group.
 */
#ifndef WDN_FW_TILE
#define WDN_FW_TILE 16
#endif
#define FW_T WDN_FW_TILE

KERNEL void fw_blocked_phase1(const int n, const int kb,
    GLOBAL_AS real_t* RESTRICT dist, GLOBAL_AS int* RESTRICT next)
{
    LOCAL_AS real_t d[FW_T][FW_T];
    LOCAL_AS int s[FW_T][FW_T];
    const int tx = LID0, ty = LID1;
    const int i = kb * FW_T + ty, j = kb * FW_T + tx;
    const int inside = i < n && j < n;
    d[ty][tx] = inside ? dist[i * n + j] : WDN_INFINITY;
    s[ty][tx] = inside ? next[i * n + j] : -1;
    BARRIER_LOCAL();
    for (int k = 0; k < FW_T; k++)
    {
        const real_t through = d[ty][k] + d[k][tx];
        if (through < d[ty][tx])
        {
            d[ty][tx] = through;
            s[ty][tx] = s[ty][k];
        }
        BARRIER_LOCAL();
    }
    if (inside)
    {
        dist[i * n + j] = d[ty][tx];
        next[i * n + j] = s[ty][tx];
    }
}

/* Groups: dimension 0 = tile index t (t == kb does nothing), dimension 1 = 0 for tile (kb,t), 1 for tile (t,kb). */
KERNEL void fw_blocked_phase2(const int n, const int kb,
    GLOBAL_AS real_t* RESTRICT dist, GLOBAL_AS int* RESTRICT next)
{
    LOCAL_AS real_t p[FW_T][FW_T];
    LOCAL_AS int ps[FW_T][FW_T];
    LOCAL_AS real_t d[FW_T][FW_T];
    LOCAL_AS int s[FW_T][FW_T];
    const int t = GROUP0;
    if (t == kb) return;
    const int column = GROUP1;
    const int tx = LID0, ty = LID1;

    const int pi = kb * FW_T + ty, pj = kb * FW_T + tx;
    const int pivot_inside = pi < n && pj < n;
    p[ty][tx] = pivot_inside ? dist[pi * n + pj] : WDN_INFINITY;
    ps[ty][tx] = pivot_inside ? next[pi * n + pj] : -1;

    const int i = column ? t * FW_T + ty : kb * FW_T + ty;
    const int j = column ? kb * FW_T + tx : t * FW_T + tx;
    const int inside = i < n && j < n;
    d[ty][tx] = inside ? dist[i * n + j] : WDN_INFINITY;
    s[ty][tx] = inside ? next[i * n + j] : -1;
    BARRIER_LOCAL();

    for (int k = 0; k < FW_T; k++)
    {
        /* Row tile (kb,t): i is a pivot row, k a pivot column. Column tile (t,kb): k is a pivot row. */
        const real_t through = column ? d[ty][k] + p[k][tx] : p[ty][k] + d[k][tx];
        if (through < d[ty][tx])
        {
            d[ty][tx] = through;
            s[ty][tx] = column ? s[ty][k] : ps[ty][k];
        }
        BARRIER_LOCAL();
    }
    if (inside)
    {
        dist[i * n + j] = d[ty][tx];
        next[i * n + j] = s[ty][tx];
    }
}

/* Groups: (bj, bi) = tile column, tile row; tiles in row kb or column kb were finished by phase 2. */
KERNEL void fw_blocked_phase3(const int n, const int kb,
    GLOBAL_AS real_t* RESTRICT dist, GLOBAL_AS int* RESTRICT next)
{
    LOCAL_AS real_t r[FW_T][FW_T];  /* tile (bi, kb): dist[i][k] */
    LOCAL_AS int rs[FW_T][FW_T];
    LOCAL_AS real_t c[FW_T][FW_T];  /* tile (kb, bj): dist[k][j] */
    const int bj = GROUP0, bi = GROUP1;
    if (bi == kb || bj == kb) return;
    const int tx = LID0, ty = LID1;
    const int i = bi * FW_T + ty, j = bj * FW_T + tx;

    const int rk = kb * FW_T + tx; /* column of tile (bi,kb) this work-item loads */
    const int r_inside = i < n && rk < n;
    r[ty][tx] = r_inside ? dist[i * n + rk] : WDN_INFINITY;
    rs[ty][tx] = r_inside ? next[i * n + rk] : -1;
    const int ck = kb * FW_T + ty; /* row of tile (kb,bj) this work-item loads */
    c[ty][tx] = ck < n && j < n ? dist[ck * n + j] : WDN_INFINITY;
    BARRIER_LOCAL();

    if (i < n && j < n)
    {
        real_t best = dist[i * n + j];
        int successor = next[i * n + j];
        for (int k = 0; k < FW_T; k++)
        {
            const real_t through = r[ty][k] + c[k][tx];
            if (through < best)
            {
                best = through;
                successor = rs[ty][k];
            }
        }
        dist[i * n + j] = best;
        next[i * n + j] = successor;
    }
}
