using System.Reflection;
using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Floyd–Warshall all-pairs shortest paths (Floyd 1962, "Algorithm 97: Shortest path", CACM 5(6)) as ILGPU
/// kernels, one source for double and float through <see cref="IFloydWarshallOps{T}"/>, and for runs with and without
/// successors through <see cref="IRouteTracking"/>. Every kernel reproduces the scalar k-i-j reference
/// (FloydWarshallScalar) bit for bit, successors included, when there is no negative cycle: a pair is updated only on
/// strict improvement, k in order.
/// <para>
/// Why in-place parallel updates are exact: at step k, d[i][k] + d[k][k] and d[k][k] + d[k][j] improve nothing
/// unless d[k][k] &lt; 0, so row k and column k do not change during step k and every reader sees the value the
/// reference uses. With a negative cycle the values may differ from the reference, but they only ever decrease
/// and stay walk lengths, so some diagonal still ends below 0 and the host reports the cycle.
/// </para>
/// Layouts: one graph row-major, <c>dist[i*n + j]</c>; batches structure-of-arrays, <c>dist[(i*n + j)*graphs + g]</c>.
/// </summary>
internal static class FloydWarshallKernels
{
    /// <summary>
    /// Tile edge of the blocked kernels. Shared memory per group at 32: phases 1–2 hold two distance and two
    /// successor tiles (double: 2·8 KiB + 2·4 KiB = 24 KiB), phase 3 two distance snapshots and one successor
    /// snapshot (20.4 KiB with the padding), under the 48 KiB a CUDA group may allocate statically; 64 would need 96 KiB.
    /// The distances-only kernels hold no successor tiles (double: 16 KiB and 16.3 KiB).
    /// </summary>
    public const int Tile = 32;

    /// <summary>Rows and columns of the register micro-tile each phase-3 thread owns (Volkov &amp; Demmel 2008,
    /// "Benchmarking GPUs to tune dense linear algebra": several outputs per thread amortize the shared loads).</summary>
    public const int MicroRows = 4;

    public const int MicroColumns = 4;

    private const int TileCells = Tile * Tile;

    /// <summary>
    /// Row stride of phase 3's transposed column snapshot in shared memory. The copy writes it down a column, 32
    /// threads of a warp at stride Tile: at stride 32 every write of a warp falls in one shared-memory bank (a 32-way
    /// conflict: with 64 threads per group, 1,024 serialized wavefronts per warp for the copy of a and its successors
    /// against 384 for the whole relaxation loop, 12 per k); one padding word per row spreads the writes over the
    /// banks (the padded-transpose idiom of NVIDIA's CUDA C++ Best Practices Guide, "Shared Memory and Memory Banks").
    /// The relaxation loop's reads stay conflict-free at either stride.
    /// </summary>
    internal const int PaddedTile = Tile + 1;

    private const int PaddedTileCells = Tile * PaddedTile;
    internal const int MicroRowGroups = Tile / MicroRows;     // 8: micro-tile rows are interleaved at this stride
    internal const int MicroColumnGroups = Tile / MicroColumns; // 8

    /// <summary>Micro-tiles per phase-3 tile: the group size at which each thread owns exactly one.</summary>
    public const int MicroTiles = MicroRowGroups * MicroColumnGroups;

    /// <summary>Every kernel method, closed over its element type and route tracking: name (with _f64 / _f32, _dist for
    /// distances only, _min for phase 3 by the hardware minimum), method, and whether it is explicitly grouped (launched with a KernelConfig) or implicitly
    /// grouped (an index parameter). Batched runs always keep successors.</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method, bool Grouped)> All { get; } =
    [
        .. Entries<double, FloydWarshallDoubleOps>("f64"),
        .. Entries<float, FloydWarshallFloatOps>("f32"),
    ];

    private static IEnumerable<(string, MethodInfo, bool)> Entries<T, TOps>(string suffix)
        where T : unmanaged where TOps : struct, IFloydWarshallOps<T>
    {
        foreach (var (routes, infix) in new[] { (typeof(WithRoutes), ""), (typeof(DistancesOnly), "dist_") })
        {
            yield return ($"fw_step_{infix}{suffix}", Close(nameof(Step), typeof(T), typeof(TOps), routes), false);
            yield return ($"fw_blocked_phase1_{infix}{suffix}", Close(nameof(BlockedPivot), typeof(T), typeof(TOps), routes), true);
            yield return ($"fw_blocked_phase2_{infix}{suffix}", Close(nameof(BlockedCross), typeof(T), typeof(TOps), routes), true);
            yield return ($"fw_blocked_phase3_{infix}{suffix}", Close(nameof(BlockedRest), typeof(T), typeof(TOps), routes), true);
        }
        // Phase 3 holds nearly all the relaxations; phases 1 and 2 of a by-minimum run are the distances-only ones.
        if (default(TOps).MinimumIsOneInstruction)
            yield return ($"fw_blocked_phase3_min_{suffix}", Close(nameof(BlockedRest), typeof(T), typeof(TOps), typeof(DistancesByMinimum)), true);
        yield return ($"fw_batched_{suffix}", Close(nameof(Batched), typeof(T), typeof(TOps)), false);
    }

    private static MethodInfo Close(string name, params Type[] arguments) =>
        typeof(FloydWarshallKernels).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(arguments);

    /// <summary>One step k over one graph: thread (X = j, Y = i), so neighbouring threads read along a row.
    /// Without routes <paramref name="next"/> is empty and never touched.</summary>
    public static void Step<T, TOps, TRoutes>(Index2D index, int n, int k, ArrayView<T> dist, ArrayView<int> next)
        where T : unmanaged where TOps : struct, IFloydWarshallOps<T> where TRoutes : struct, IRouteTracking
    {
        var ops = default(TOps);
        bool routes = default(TRoutes).Routes;
        int i = index.Y, j = index.X;
        if (i >= n || j >= n) return;
        T through = ops.Add(dist[i * n + k], dist[k * n + j]);
        if (ops.Less(through, dist[i * n + j]))
        {
            dist[i * n + j] = through;
            if (routes) next[i * n + j] = next[i * n + k];
        }
    }

    /// <summary>
    /// Batched small graphs: thread g runs the whole k-i-j loop on graph g; neighbouring threads touch neighbouring
    /// addresses in the structure-of-arrays layout.
    /// </summary>
    public static void Batched<T, TOps>(Index1D index, int n, int graphs, ArrayView<T> dist, ArrayView<int> next)
        where T : unmanaged where TOps : struct, IFloydWarshallOps<T>
    {
        var ops = default(TOps);
        int g = index.X;
        if (g >= graphs) return;
        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                T ik = dist[(i * n + k) * graphs + g];
                // Through an unreachable k nothing improves (∞ + x is ∞ or NaN): skipping is exact.
                if (!ops.Less(ik, ops.Infinity)) continue;
                int nextIk = next[(i * n + k) * graphs + g];
                for (int j = 0; j < n; j++)
                {
                    T through = ops.Add(ik, dist[(k * n + j) * graphs + g]);
                    int ij = (i * n + j) * graphs + g;
                    if (ops.Less(through, dist[ij]))
                    {
                        dist[ij] = through;
                        next[ij] = nextIk;
                    }
                }
            }
        }
    }

    // Blocked Floyd–Warshall in three phases per block of Tile k (Venkataraman, Sahni & Mukhopadhyaya 2003,
    // "A blocked all-pairs shortest-paths algorithm", JEA 8; on GPUs Katz & Kider 2008, "All-pairs shortest-paths
    // for large graphs on the GPU"). The classic phases 2 and 3 read the pivot row and column after the whole block
    // has passed, which rounds a+(b+c) where the reference rounds (a+b)+c and may pick other successors on ties.
    // Here they read snapshots instead, taken while phases 1 and 2 pass each step k:
    //   colSnap[i*Tile + kk], colNext[i*Tile + kk] = d[i][k0+kk], next[i][k0+kk] at step k0+kk (every row i),
    //   rowSnap[kk*nPad + j]                       = d[k0+kk][j] at step k0+kk (every column j),
    // exactly the operands of the reference's step k, so each pair sees the same sums in the same k order.
    // nPad = n rounded up to Tile; the snapshot buffers hold nPad*Tile values. Threads stride over cells by the
    // group size, so any group size works (the CPU accelerator may allow only 16 threads). Without routes next and
    // colNext are empty views, and no successor is loaded, kept in shared memory or stored.

    /// <summary>Phase 1, one group: the pivot tile (kb, kb) steps through its k in shared memory and writes its
    /// part of both snapshots.</summary>
    public static void BlockedPivot<T, TOps, TRoutes>(int n, int kb, ArrayView<T> dist, ArrayView<int> next,
        ArrayView<T> colSnap, ArrayView<int> colNext, ArrayView<T> rowSnap)
        where T : unmanaged where TOps : struct, IFloydWarshallOps<T> where TRoutes : struct, IRouteTracking
    {
        var ops = default(TOps);
        bool routes = default(TRoutes).Routes;
        var d = SharedMemory.Allocate1D<T>(TileCells);
        var s = routes ? SharedMemory.Allocate1D<int>(TileCells) : default;
        int nPad = (n + Tile - 1) / Tile * Tile;
        int k0 = kb * Tile;
        int kCount = n - k0 < Tile ? n - k0 : Tile;
        int first = Group.IdxX, stride = Group.DimX;

        for (int cell = first; cell < TileCells; cell += stride)
        {
            int i = k0 + cell / Tile, j = k0 + cell % Tile;
            bool inside = i < n && j < n;
            // Both loads before either store: a generic load stays behind a shared store (see SnapshotCopy).
            T x = inside ? dist[i * n + j] : ops.Infinity;
            int successor = routes && inside ? next[i * n + j] : -1;
            d[cell] = x;
            if (routes) s[cell] = successor;
        }
        Group.Barrier();

        for (int kk = 0; kk < kCount; kk++)
        {
            for (int cell = first; cell < TileCells; cell += stride)
            {
                int r = cell / Tile, c = cell % Tile;
                T ik = d[r * Tile + kk], kj = d[kk * Tile + c];
                int nextIk = routes ? s[r * Tile + kk] : -1;
                if (c == kk)
                {
                    colSnap[(k0 + r) * Tile + kk] = ik;
                    if (routes) colNext[(k0 + r) * Tile + kk] = nextIk;
                }
                if (r == kk) rowSnap[kk * nPad + k0 + c] = kj;
                T through = ops.Add(ik, kj);
                if (ops.Less(through, d[cell]))
                {
                    d[cell] = through;
                    if (routes) s[cell] = nextIk;
                }
            }
            Group.Barrier();
        }

        StoreTile(dist, next, d, s, n, k0, k0, first, stride, routes);
    }

    /// <summary>
    /// Phase 2, groups (t', side) with t' over the tiles other than kb: side 0 is the row tile (kb, t), which takes
    /// d[i][k] and next[i][k] from the pivot's column snapshots and writes the row snapshots of its columns; side 1
    /// is the column tile (t, kb), which takes d[k][j] from the pivot's row snapshots and writes the column
    /// snapshots of its rows. Each steps through its k in shared memory.
    /// </summary>
    public static void BlockedCross<T, TOps, TRoutes>(int n, int kb, ArrayView<T> dist, ArrayView<int> next,
        ArrayView<T> colSnap, ArrayView<int> colNext, ArrayView<T> rowSnap)
        where T : unmanaged where TOps : struct, IFloydWarshallOps<T> where TRoutes : struct, IRouteTracking
    {
        var ops = default(TOps);
        bool routes = default(TRoutes).Routes;
        var d = SharedMemory.Allocate1D<T>(TileCells);
        var s = routes ? SharedMemory.Allocate1D<int>(TileCells) : default;
        var p = SharedMemory.Allocate1D<T>(TileCells);   // pivot snapshots, laid out as the tile uses them
        var ps = routes ? SharedMemory.Allocate1D<int>(TileCells) : default;
        int nPad = (n + Tile - 1) / Tile * Tile;
        int k0 = kb * Tile;
        int kCount = n - k0 < Tile ? n - k0 : Tile;
        int t = Grid.IdxX < kb ? Grid.IdxX : Grid.IdxX + 1;
        bool column = Grid.IdxY == 1;
        int i0 = column ? t * Tile : k0, j0 = column ? k0 : t * Tile;
        int first = Group.IdxX, stride = Group.DimX;

        for (int cell = first; cell < TileCells; cell += stride)
        {
            int r = cell / Tile, c = cell % Tile;
            int i = i0 + r, j = j0 + c;
            bool inside = i < n && j < n;
            // Every load before any store: a generic load stays behind a shared store (see SnapshotCopy).
            T x = inside ? dist[i * n + j] : ops.Infinity;
            int successor = routes && inside ? next[i * n + j] : -1;
            // p[kk*Tile + c] = d[k0+kk][k0+c] for a column tile, p[r*Tile + kk] = d[k0+r][k0+kk] for a row tile.
            T pivot = column ? rowSnap[r * nPad + k0 + c] : colSnap[(k0 + r) * Tile + c];
            int pivotNext = column || !routes ? 0 : colNext[(k0 + r) * Tile + c];
            d[cell] = x;
            if (routes) s[cell] = successor;
            p[cell] = pivot;
            if (routes && !column) ps[cell] = pivotNext;
        }
        Group.Barrier();

        for (int kk = 0; kk < kCount; kk++)
        {
            for (int cell = first; cell < TileCells; cell += stride)
            {
                int r = cell / Tile, c = cell % Tile;
                T ik, kj;
                int nextIk;
                if (column)
                {
                    ik = d[r * Tile + kk];
                    nextIk = routes ? s[r * Tile + kk] : -1;
                    kj = p[kk * Tile + c];
                    if (c == kk)
                    {
                        colSnap[(i0 + r) * Tile + kk] = ik;
                        if (routes) colNext[(i0 + r) * Tile + kk] = nextIk;
                    }
                }
                else
                {
                    ik = p[r * Tile + kk];
                    nextIk = routes ? ps[r * Tile + kk] : -1;
                    kj = d[kk * Tile + c];
                    if (r == kk) rowSnap[kk * nPad + j0 + c] = kj;
                }
                T through = ops.Add(ik, kj);
                if (ops.Less(through, d[cell]))
                {
                    d[cell] = through;
                    if (routes) s[cell] = nextIk;
                }
            }
            Group.Barrier();
        }

        StoreTile(dist, next, d, s, n, i0, j0, first, stride, routes);
    }

    /// <summary>Writes a tile held in shared memory back to rows i0.. and columns j0.. of the matrices (cells inside n
    /// only), successors where <paramref name="routes"/>.</summary>
    private static void StoreTile<T>(ArrayView<T> dist, ArrayView<int> next, ArrayView<T> d, ArrayView<int> s, int n, int i0, int j0, int first, int stride, bool routes)
        where T : unmanaged
    {
        for (int cell = first; cell < TileCells; cell += stride)
        {
            int i = i0 + cell / Tile, j = j0 + cell % Tile;
            if (i < n && j < n)
            {
                dist[i * n + j] = d[cell];
                if (routes) next[i * n + j] = s[cell];
            }
        }
    }

    /// <summary>
    /// Phase 3, groups (bj', bi') over the tiles outside row and column kb: relaxes tile (bi, bj) through the
    /// snapshots only, which nothing writes in this launch, so the cells stay in registers for the whole block.
    /// Thread m owns micro-tile rows mr + 8a and columns mc + 8b (a, b &lt; 4): interleaving makes the threads of a
    /// warp read consecutive shared addresses.
    /// </summary>
    public static void BlockedRest<T, TOps, TRoutes>(int n, int kb, ArrayView<T> dist, ArrayView<int> next,
        ArrayView<T> colSnap, ArrayView<int> colNext, ArrayView<T> rowSnap)
        where T : unmanaged where TOps : struct, IFloydWarshallOps<T> where TRoutes : struct, IRouteTracking
    {
        bool routes = default(TRoutes).Routes;
        var a = SharedMemory.Allocate1D<T>(PaddedTileCells);    // a[kk*PaddedTile + r] = d[i0+r][k0+kk] at step k0+kk
        var an = routes ? SharedMemory.Allocate1D<int>(PaddedTileCells) : default; // its successors
        var b = SharedMemory.Allocate1D<T>(TileCells);    // b[kk*Tile + c] = d[k0+kk][j0+c] at step k0+kk
        int nPad = (n + Tile - 1) / Tile * Tile;
        int k0 = kb * Tile;
        int kCount = n - k0 < Tile ? n - k0 : Tile;
        int bj = Grid.IdxX < kb ? Grid.IdxX : Grid.IdxX + 1;
        int bi = Grid.IdxY < kb ? Grid.IdxY : Grid.IdxY + 1;
        int i0 = bi * Tile, j0 = bj * Tile;
        int first = Group.IdxX, stride = Group.DimX;

        // Four cells per pass, all twelve loads (eight without routes) before any store (see SnapshotCopy).
        for (int e = first; e < TileCells; e += SnapshotCopy<T, TRoutes>.Depth * stride)
        {
            var c0 = SnapshotCopy<T, TRoutes>.Load(e, i0, j0, nPad, colSnap, colNext, rowSnap);
            var c1 = SnapshotCopy<T, TRoutes>.Load(e + stride, i0, j0, nPad, colSnap, colNext, rowSnap);
            var c2 = SnapshotCopy<T, TRoutes>.Load(e + 2 * stride, i0, j0, nPad, colSnap, colNext, rowSnap);
            var c3 = SnapshotCopy<T, TRoutes>.Load(e + 3 * stride, i0, j0, nPad, colSnap, colNext, rowSnap);
            c0.Store(e, a, an, b);
            c1.Store(e + stride, a, an, b);
            c2.Store(e + 2 * stride, a, an, b);
            c3.Store(e + 3 * stride, a, an, b);
        }
        Group.Barrier();

        for (int m = first; m < MicroTiles; m += stride)
        {
            int r = m / MicroColumnGroups, c = m % MicroColumnGroups;
            var row0 = FloydWarshallMicroRow<T, TOps, TRoutes>.Load(dist, next, n, i0 + r, j0 + c);
            var row1 = FloydWarshallMicroRow<T, TOps, TRoutes>.Load(dist, next, n, i0 + r + MicroRowGroups, j0 + c);
            var row2 = FloydWarshallMicroRow<T, TOps, TRoutes>.Load(dist, next, n, i0 + r + 2 * MicroRowGroups, j0 + c);
            var row3 = FloydWarshallMicroRow<T, TOps, TRoutes>.Load(dist, next, n, i0 + r + 3 * MicroRowGroups, j0 + c);
            for (int kk = 0; kk < kCount; kk++)
            {
                // Views at step kk, indexed by constants: ptxas folds a constant into the shared load's address,
                // where a 32-bit index sum per load cost an add and a shift each (119 → 106 instructions per 16
                // relaxations in the SASS).
                var ak = a.SubView(kk * PaddedTile + r, (MicroRows - 1) * MicroRowGroups + 1);
                var ank = routes ? an.SubView(kk * PaddedTile + r, (MicroRows - 1) * MicroRowGroups + 1) : default;
                var bk = b.SubView(kk * Tile + c, (MicroColumns - 1) * MicroColumnGroups + 1);
                T b0 = bk[0], b1 = bk[MicroColumnGroups], b2 = bk[2 * MicroColumnGroups], b3 = bk[3 * MicroColumnGroups];
                row0 = row0.Relax(ak[0], routes ? ank[0] : -1, b0, b1, b2, b3);
                row1 = row1.Relax(ak[MicroRowGroups], routes ? ank[MicroRowGroups] : -1, b0, b1, b2, b3);
                row2 = row2.Relax(ak[2 * MicroRowGroups], routes ? ank[2 * MicroRowGroups] : -1, b0, b1, b2, b3);
                row3 = row3.Relax(ak[3 * MicroRowGroups], routes ? ank[3 * MicroRowGroups] : -1, b0, b1, b2, b3);
            }
            row0.Store(dist, next, n, i0 + r, j0 + c);
            row1.Store(dist, next, n, i0 + r + MicroRowGroups, j0 + c);
            row2.Store(dist, next, n, i0 + r + 2 * MicroRowGroups, j0 + c);
            row3.Store(dist, next, n, i0 + r + 3 * MicroRowGroups, j0 + c);
        }
    }
}
