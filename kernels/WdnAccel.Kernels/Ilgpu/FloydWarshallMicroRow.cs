using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// One row of a phase-3 register micro-tile: four cells of row i, columns j, j+8, j+16, j+24 (the interleave of
/// <see cref="FloydWarshallKernels.BlockedRest{T, TOps, TRoutes}"/>), distance and, with routes, successor. Passed and
/// returned by value so that ILGPU keeps the fields in registers (without routes the successor fields are dead and
/// vanish). Cells outside the matrix hold +∞ and are never stored.
/// </summary>
internal struct FloydWarshallMicroRow<T, TOps, TRoutes> where T : unmanaged where TOps : struct, IFloydWarshallOps<T> where TRoutes : struct, IRouteTracking
{
    private const int Step = FloydWarshallKernels.MicroColumnGroups;

    public T D0, D1, D2, D3;
    public int S0, S1, S2, S3;

    public static FloydWarshallMicroRow<T, TOps, TRoutes> Load(ArrayView<T> dist, ArrayView<int> next, int n, int i, int j)
    {
        var inf = default(TOps).Infinity;
        bool routes = default(TRoutes).Routes;
        var row = new FloydWarshallMicroRow<T, TOps, TRoutes> { D0 = inf, D1 = inf, D2 = inf, D3 = inf, S0 = -1, S1 = -1, S2 = -1, S3 = -1 };
        if (i >= n) return row;
        int at = i * n + j;
        if (j < n) { row.D0 = dist[at]; if (routes) row.S0 = next[at]; }
        if (j + Step < n) { row.D1 = dist[at + Step]; if (routes) row.S1 = next[at + Step]; }
        if (j + 2 * Step < n) { row.D2 = dist[at + 2 * Step]; if (routes) row.S2 = next[at + 2 * Step]; }
        if (j + 3 * Step < n) { row.D3 = dist[at + 3 * Step]; if (routes) row.S3 = next[at + 3 * Step]; }
        return row;
    }

    public readonly void Store(ArrayView<T> dist, ArrayView<int> next, int n, int i, int j)
    {
        bool routes = default(TRoutes).Routes;
        if (i >= n) return;
        int at = i * n + j;
        if (j < n) { dist[at] = D0; if (routes) next[at] = S0; }
        if (j + Step < n) { dist[at + Step] = D1; if (routes) next[at + Step] = S1; }
        if (j + 2 * Step < n) { dist[at + 2 * Step] = D2; if (routes) next[at + 2 * Step] = S2; }
        if (j + 3 * Step < n) { dist[at + 3 * Step] = D3; if (routes) next[at + 3 * Step] = S3; }
    }

    /// <summary>Step k for the four cells: d[i][k] = <paramref name="ik"/> (successor <paramref name="nextIk"/>, unused
    /// without routes), d[k][j..] = <paramref name="kj0"/>..<paramref name="kj3"/>; strict improvement only, as the reference
    /// (or the hardware minimum, for <see cref="DistancesByMinimum"/>).</summary>
    public readonly FloydWarshallMicroRow<T, TOps, TRoutes> Relax(T ik, int nextIk, T kj0, T kj1, T kj2, T kj3)
    {
        var ops = default(TOps);
        bool routes = default(TRoutes).Routes;
        var row = this;
        T x0 = ops.Add(ik, kj0), x1 = ops.Add(ik, kj1), x2 = ops.Add(ik, kj2), x3 = ops.Add(ik, kj3);
        if (default(TRoutes).Minimum)
        {
            row.D0 = ops.Min(x0, row.D0);
            row.D1 = ops.Min(x1, row.D1);
            row.D2 = ops.Min(x2, row.D2);
            row.D3 = ops.Min(x3, row.D3);
            return row;
        }
        if (ops.Less(x0, row.D0)) { row.D0 = x0; if (routes) row.S0 = nextIk; }
        if (ops.Less(x1, row.D1)) { row.D1 = x1; if (routes) row.S1 = nextIk; }
        if (ops.Less(x2, row.D2)) { row.D2 = x2; if (routes) row.S2 = nextIk; }
        if (ops.Less(x3, row.D3)) { row.D3 = x3; if (routes) row.S3 = nextIk; }
        return row;
    }
}
