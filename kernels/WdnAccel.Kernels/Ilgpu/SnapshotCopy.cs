using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// One cell e of phase 3's copy of the snapshots into shared memory (<see cref="FloydWarshallKernels.BlockedRest{T, TOps, TRoutes}"/>):
/// d[i0+hi][k0+lo] and, with routes, its successor from the column snapshot, d[k0+hi][j0+lo] from the row snapshot,
/// with hi = e / Tile, lo = e % Tile. Cells past the tile load and store nothing.
/// <para>
/// Why a value type loaded in batches: ILGPU addresses kernel arrays through PTX's generic address space, and the PTX
/// assembler keeps a generic load after a shared-memory store that precedes it (the two might alias). A loop that
/// stores each value as it loads it therefore waits out one memory latency per value, 48 in a row per thread of a
/// 64-thread group (seen in the SASS of ptxas 11.8 for sm_90); loading <see cref="Depth"/> cells before storing any
/// leaves 4 waits.
/// </para>
/// </summary>
internal struct SnapshotCopy<T, TRoutes> where T : unmanaged where TRoutes : struct, IRouteTracking
{
    /// <summary>Cells a thread loads before it stores.</summary>
    public const int Depth = 4;

    private T column, row;
    private int columnNext;

    public static SnapshotCopy<T, TRoutes> Load(int e, int i0, int j0, int nPad, ArrayView<T> colSnap, ArrayView<int> colNext, ArrayView<T> rowSnap)
    {
        var cell = default(SnapshotCopy<T, TRoutes>);
        if (e >= FloydWarshallKernels.Tile * FloydWarshallKernels.Tile) return cell;
        int hi = e / FloydWarshallKernels.Tile, lo = e % FloydWarshallKernels.Tile;
        cell.column = colSnap[(i0 + hi) * FloydWarshallKernels.Tile + lo];
        if (default(TRoutes).Routes) cell.columnNext = colNext[(i0 + hi) * FloydWarshallKernels.Tile + lo];
        cell.row = rowSnap[hi * nPad + j0 + lo];
        return cell;
    }

    /// <summary>Into a[lo][hi] (rows padded to <see cref="FloydWarshallKernels.PaddedTile"/>), an[lo][hi] (with routes) and b[e].</summary>
    public readonly void Store(int e, ArrayView<T> a, ArrayView<int> an, ArrayView<T> b)
    {
        if (e >= FloydWarshallKernels.Tile * FloydWarshallKernels.Tile) return;
        int hi = e / FloydWarshallKernels.Tile, lo = e % FloydWarshallKernels.Tile;
        a[lo * FloydWarshallKernels.PaddedTile + hi] = column;
        if (default(TRoutes).Routes) an[lo * FloydWarshallKernels.PaddedTile + hi] = columnNext;
        b[e] = row;
    }
}
