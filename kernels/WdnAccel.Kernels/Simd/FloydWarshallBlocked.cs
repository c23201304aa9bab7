using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// Blocked (tiled) Floyd–Warshall in the three-phase order of Venkataraman, Sahni &amp; Mukhopadhyaya, "A blocked
/// all-pairs shortest-paths algorithm", JEA 8 (2003): per diagonal block K, (1) the diagonal tile, (2) the tiles in
/// row K and column K, (3) every other tile, so each tile's working set stays in cache; phases 2 and 3 run their
/// tiles on parallel threads and <see cref="FloydWarshallRelax.Row{T}"/> vectorizes along the row.
/// <para>
/// Bit-identity with the k-i-j reference: plain blocking reads d[i,k] and d[k,j] after the whole block K has
/// been applied, which gives the same distances in exact arithmetic but may round differently and break ties
/// differently. Here every tile reads snapshots instead: column k (distance and successor) and row k as they were
/// at step k, captured while phases 1–2 pass step k. Step k never changes row or column k (d[k,k] = 0), so the
/// snapshots are exactly the operands the reference uses, and the k order per pair is the same.
/// </para>
/// <para>
/// Where 512-bit vectors are accelerated, runs of k go through <see cref="FloydWarshallRegisterTile"/>: all of
/// phase 3, and phase 2 by splitting each phase-2 tile into sub-blocks the height or width of a register tile
/// (below): column tiles step through their sub-diagonal pieces in registers too
/// (<see cref="FloydWarshallRegisterTile.OwnColumns{T}"/>), so only the row tiles' 4 × 4-step pieces (1/32 of a
/// tile at block 128) and ragged edges take the row kernel.
/// </para>
/// <para>
/// With an empty successor span the same blocks run the distance-only kernels (a min per relaxation, no successor
/// snapshots): the same distances bit for bit.
/// </para>
/// </summary>
internal static class FloydWarshallBlocked
{
    /// <summary>
    /// Block size for the row kernels: 64 doubles, so a 32 KiB row-k tile stays in L1 while the 64 rows of a tile
    /// stream past it.
    /// </summary>
    public const int DefaultTile = 64;

    /// <summary>
    /// Block size with register tiles: d stays in registers for the whole block, so a deeper block halves the
    /// passes over the matrix (measured ~8 % faster than 64 at n = 2048; docs/performance.md) while a register
    /// tile's snapshot panel (128 × 16 doubles, 16 KiB) still fits L1.
    /// </summary>
    public const int RegisterTileDefault = 128;

    /// <summary>Columns per phase-3 call: several tiles wide; the row kernels' four row-k snapshots (8 KiB) stay in L1.</summary>
    internal const int PhaseThreeWidth = 256;

    /// <param name="tile">Block size; 0 = <see cref="RegisterTileDefault"/> or <see cref="DefaultTile"/>.</param>
    /// <param name="registerTile">Runs of k through <see cref="FloydWarshallRegisterTile"/>; null = where 512-bit
    /// vectors are hardware-accelerated (tests force it either way).</param>
    /// <param name="progress">Share of the steps done after each block (the last report is 1).</param>
    public static bool Run<T>(Span<T> dist, Span<int> next, int n, ParallelOptions parallel, int tile = 0, bool? registerTile = null,
        IProgress<double>? progress = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool useRegisterTile = registerTile ?? Vector512.IsHardwareAccelerated;
        if (tile == 0) tile = useRegisterTile ? RegisterTileDefault : DefaultTile;
        ArgumentOutOfRangeException.ThrowIfLessThan(tile, 1);
        FloydWarshallScalar.Initialize(dist, next, n);
        if (n == 0)
        {
            progress?.Report(1.0);
            return true;
        }
        unsafe
        {
            fixed (T* pd = dist)
            fixed (int* pn = next)
            {
                var s = new State<T>((nint)pd, (nint)pn, n, tile, useRegisterTile, routes: !next.IsEmpty);
                int blocks = (n + tile - 1) / tile;
                for (int kb = 0; kb < blocks; kb++)
                {
                    int k0 = kb * tile, k1 = Math.Min(n, k0 + tile);
                    Diagonal(s, k0, k1);
                    if (blocks > 1)
                    {
                        // Phase 2: row-K tiles (index < blocks) and column-K tiles (index >= blocks), K itself skipped.
                        Parallel.For(0, 2 * blocks, parallel, t => PhaseTwo(s, kb, blocks, t));
                        if (s.RowPanels.Length > 0) Parallel.For(0, s.PanelCount, parallel, p => s.CopyPanel(p, k1 - k0));
                        Parallel.For(0, blocks, parallel, ib => PhaseThree(s, kb, ib));
                    }
                    progress?.Report((double)k1 / n);
                }
            }
        }
        return FloydWarshallScalar.NoNegativeCycle<T>(dist, n);
    }

    /// <summary>Raw matrix addresses (pinned by the caller for the whole run) and the step-k snapshots.</summary>
    private sealed class State<T>(nint dist, nint next, int n, int tile, bool registerTile, bool routes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly int N = n;
        public readonly int Tile = tile;
        public readonly bool RegisterTile = registerTile;
        /// <summary>Successors kept (next given); otherwise distances alone and no successor snapshots.</summary>
        public readonly bool Routes = routes;
        /// <summary>RowSnap[kk*n + j] = d[k0+kk, j] at step k0+kk.</summary>
        public readonly T[] RowSnap = new T[tile * n];
        /// <summary>ColSnap[i*tile + kk] = d[i, k0+kk] at step k0+kk; NextSnap likewise for the successor.</summary>
        public readonly T[] ColSnap = new T[n * tile];
        public readonly int[] NextSnap = routes ? new int[n * tile] : [];
        /// <summary>NextSnap as integer bits in T-sized lanes, for the register tile's broadcasts.</summary>
        public readonly T[] SuccSnap = registerTile && routes ? new T[n * tile] : [];

        /// <summary>
        /// Register-tile column panels of the whole row snapshot, copied after phase 2 for phase 3 (panel p holds columns
        /// p·c .. p·c+c−1 for every kk, c = <see cref="FloydWarshallRegisterTile.Columns{T}"/>):
        /// RowPanels[(p·tile + kk)·c + j − p·c]. A register run then reads its 16 KiB of row snapshot front to back
        /// instead of one cache line per n-strided snapshot row, lines that all fall in the same two L1 sets when n is
        /// a multiple of 512 (measured 7–10 % faster at n = 2048; docs/performance.md). Only when block boundaries are
        /// panel boundaries (the default block).
        /// </summary>
        public readonly T[] RowPanels = registerTile && tile % FloydWarshallRegisterTile.Columns<T>() == 0 ? new T[(long)n / FloydWarshallRegisterTile.Columns<T>() * tile * FloydWarshallRegisterTile.Columns<T>()] : [];
        public int PanelCount => N / FloydWarshallRegisterTile.Columns<T>();

        /// <summary>Copies panel <paramref name="p"/> of the row snapshot's first <paramref name="bk"/> rows.</summary>
        public void CopyPanel(int p, int bk)
        {
            int c = FloydWarshallRegisterTile.Columns<T>();
            for (int kk = 0; kk < bk; kk++)
                RowSnap.AsSpan(kk * N + p * c, c).CopyTo(RowPanels.AsSpan((p * Tile + kk) * c, c));
        }

        public unsafe ref T DistRef(int i, int j) => ref ((T*)dist)[(long)i * N + j];
        public unsafe ref int NextRef(int i, int j) => ref ((int*)next)[(long)i * N + j];

        /// <summary>Captures d[i, k] and its successor as column snapshot kk (step k = k0 + kk); returns d[i, k].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization phases: never run at tier 0
        public void CaptureColumn(int i, int k, int kk)
        {
            ColSnap[i * Tile + kk] = DistRef(i, k);
            if (!Routes) return;
            int nk = NextRef(i, k);
            NextSnap[i * Tile + kk] = nk;
            if (RegisterTile) SuccSnap[i * Tile + kk] = FloydWarshallRegisterTile.SuccessorBits<T>(nk);
        }

        /// <summary>Captures row k, columns j0..j1, as row snapshot kk.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization phases: never run at tier 0
        public void CaptureRow(int k, int kk, int j0, int j1) =>
            MemoryMarshal.CreateSpan(ref DistRef(k, j0), j1 - j0).CopyTo(RowSnap.AsSpan(kk * N + j0, j1 - j0));

        /// <summary>Row i, columns j0..j1, through step k0 + kk with row i's column snapshot kk.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization phases: never run at tier 0
        public void RelaxRow(int i, int j0, int j1, int kk)
        {
            T a = ColSnap[i * Tile + kk];
            if (Routes) FloydWarshallRelax.Row(ref DistRef(i, j0), ref NextRef(i, j0), ref RowSnap[kk * N + j0], j1 - j0, a, NextSnap[i * Tile + kk]);
            else FloydWarshallRelax.RowDistances(ref DistRef(i, j0), ref RowSnap[kk * N + j0], j1 - j0, a);
        }

        /// <summary>One register tile at (i, j) through snapshot steps kk0 .. kk0 + bk, row snapshots from rowSnap (stride rowStride).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // into the AggressiveOptimization phases: never run at tier 0
        public void RelaxRegisterTile(int i, int j, ref T rowSnap, int rowStride, int kk0, int bk)
        {
            if (Routes)
                FloydWarshallRegisterTile.Relax(ref DistRef(i, j), ref NextRef(i, j), N, ref rowSnap, rowStride,
                    ref ColSnap[i * Tile + kk0], ref SuccSnap[i * Tile + kk0], Tile, bk);
            else
                FloydWarshallRegisterTile.RelaxDistances(ref DistRef(i, j), N, ref rowSnap, rowStride, ref ColSnap[i * Tile + kk0], Tile, bk);
        }
    }

    /// <summary>Phase 2 work item t: row-K tile t (t &lt; blocks) or column-K tile t − blocks; tile K itself is phase 1's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PhaseTwo<T>(State<T> s, int kb, int blocks, int t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int b = t % blocks;
        if (b == kb) return;
        int k0 = kb * s.Tile, k1 = Math.Min(s.N, k0 + s.Tile);
        int o0 = b * s.Tile, o1 = Math.Min(s.N, o0 + s.Tile);
        if (t < blocks) RowTile(s, k0, k1, o0, o1);
        else ColumnTile(s, k0, k1, o0, o1);
    }

    /// <summary>
    /// Phase 3 work item: tile row I, all its columns outside block K, in chunks of <see cref="PhaseThreeWidth"/>
    /// (several tiles wide: fewer calls per row while the four row-k snapshots of a pass stay in L1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PhaseThree<T>(State<T> s, int kb, int ib) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (ib == kb) return;
        int k0 = kb * s.Tile, k1 = Math.Min(s.N, k0 + s.Tile), bk = k1 - k0;
        int i0 = ib * s.Tile, i1 = Math.Min(s.N, i0 + s.Tile);
        for (int j0 = 0; j0 < k0; j0 += PhaseThreeWidth)
            RelaxThroughSnapshots(s, 0, bk, i0, i1, j0, Math.Min(k0, j0 + PhaseThreeWidth), panels: true);
        for (int j0 = k1; j0 < s.N; j0 += PhaseThreeWidth)
            RelaxThroughSnapshots(s, 0, bk, i0, i1, j0, Math.Min(s.N, j0 + PhaseThreeWidth), panels: true);
    }

    /// <summary>
    /// Rows i0..i1 × columns j0..j1 through steps k0+kk0 .. k0+kk1, all operands from the snapshots: whole
    /// 4-row × 2-vector register tiles where enabled, the row kernels (<see cref="SnapshotRows{T}"/>) on the
    /// strips left over; every pair is relaxed exactly once per step, in step order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void RelaxThroughSnapshots<T>(State<T> s, int kk0, int kk1, int i0, int i1, int j0, int j1, bool panels = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (kk0 >= kk1 || i0 >= i1 || j0 >= j1) return;
        int cols = FloydWarshallRegisterTile.Columns<T>(), rows = FloydWarshallRegisterTile.Rows;
        int iEnd = i0 + (i1 - i0) / rows * rows, jEnd = j0 + (j1 - j0) / cols * cols;
        if (!s.RegisterTile || iEnd == i0 || jEnd == j0)
        {
            SnapshotRows(s, kk0, kk1, i0, i1, j0, j1);
            return;
        }
        int n = s.N, tile = s.Tile;
        if (panels && s.RowPanels.Length > 0)
        {
            for (int i = i0; i < iEnd; i += rows)
                for (int j = j0; j < jEnd; j += cols)
                    s.RelaxRegisterTile(i, j, ref s.RowPanels[((long)(j / cols) * tile + kk0) * cols], cols, kk0, kk1 - kk0);
        }
        else
        {
            for (int i = i0; i < iEnd; i += rows)
                for (int j = j0; j < jEnd; j += cols)
                    s.RelaxRegisterTile(i, j, ref s.RowSnap[kk0 * n + j], n, kk0, kk1 - kk0);
        }
        if (jEnd < j1) SnapshotRows(s, kk0, kk1, i0, iEnd, jEnd, j1);
        if (iEnd < i1) SnapshotRows(s, kk0, kk1, iEnd, i1, j0, j1);
    }

    /// <summary>Phase 1: k-i-j inside tile (K,K), capturing its row k and column k at each step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void Diagonal<T>(State<T> s, int k0, int k1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = k0; k < k1; k++)
        {
            int kk = k - k0;
            s.CaptureRow(k, kk, k0, k1);
            for (int i = k0; i < k1; i++)
                s.CaptureColumn(i, k, kk);
            for (int i = k0; i < k1; i++)
                s.RelaxRow(i, k0, k1, kk);
        }
    }

    /// <summary>
    /// Phase 2, tile (K,J): rows k0..k1 relax through the diagonal's column snapshot, each row k captured at
    /// step k. Columns are independent here, rows are not (step k reads row k), so the rows go in sub-blocks of
    /// register-tile height: a sub-block first catches up on all earlier k from the snapshots in one register
    /// run, then steps through its own k one at a time, capturing each row k; once every row is captured, each
    /// sub-block takes the remaining k in a second register run. Every pair sees every k once, in order.
    /// Without register tiles the sub-block is the whole block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void RowTile<T>(State<T> s, int k0, int k1, int j0, int j1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int bk = k1 - k0, height = s.RegisterTile ? FloydWarshallRegisterTile.Rows : bk;
        for (int sb = 0; sb < bk; sb += height)
        {
            int se = Math.Min(bk, sb + height);
            RelaxThroughSnapshots(s, 0, sb, k0 + sb, k0 + se, j0, j1);
            for (int kk = sb; kk < se; kk++)
            {
                s.CaptureRow(k0 + kk, kk, j0, j1);
                for (int i = k0 + sb; i < k0 + se; i++)
                    s.RelaxRow(i, j0, j1, kk);
            }
        }
        for (int sb = 0; sb < bk; sb += height)
        {
            int se = Math.Min(bk, sb + height);
            RelaxThroughSnapshots(s, se, bk, k0 + sb, k0 + se, j0, j1);
        }
    }

    /// <summary>
    /// Phase 2, tile (I,K): rows i0..i1 relax through the diagonal's row snapshot, each column k captured at step
    /// k. Rows are independent here, columns are not (step k reads column k), so the columns go in sub-blocks of
    /// register-tile width, as <see cref="RowTile{T}"/> does with rows: catch up on earlier k in a register run,
    /// step through the sub-block's own k capturing each column, and take the remaining k at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void ColumnTile<T>(State<T> s, int k0, int k1, int i0, int i1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int bk = k1 - k0, width = s.RegisterTile ? FloydWarshallRegisterTile.Columns<T>() : bk;
        for (int sc = 0; sc < bk; sc += width)
        {
            int se = Math.Min(bk, sc + width);
            RelaxThroughSnapshots(s, 0, sc, i0, i1, k0 + sc, k0 + se);
            int i = i0;
            if (s.RegisterTile && se - sc == width) // whole 4-row groups in registers
                for (; i + FloydWarshallRegisterTile.Rows <= i1; i += FloydWarshallRegisterTile.Rows)
                {
                    if (s.Routes)
                        FloydWarshallRegisterTile.OwnColumns(ref s.DistRef(i, k0 + sc), ref s.NextRef(i, k0 + sc), s.N, ref s.RowSnap[sc * s.N + k0 + sc],
                            ref s.ColSnap[i * s.Tile + sc], ref s.NextSnap[i * s.Tile + sc], ref s.SuccSnap[i * s.Tile + sc], s.Tile);
                    else
                        FloydWarshallRegisterTile.OwnColumnsDistances(ref s.DistRef(i, k0 + sc), s.N, ref s.RowSnap[sc * s.N + k0 + sc], ref s.ColSnap[i * s.Tile + sc], s.Tile);
                }
            for (; i < i1; i++) // rows are independent: each row steps through the sub-block alone
                for (int kk = sc; kk < se; kk++)
                {
                    s.CaptureColumn(i, k0 + kk, kk);
                    s.RelaxRow(i, k0 + sc, k0 + se, kk);
                }
        }
        for (int sc = 0; sc < bk; sc += width)
        {
            int se = Math.Min(bk, sc + width);
            RelaxThroughSnapshots(s, se, bk, i0, i1, k0 + sc, k0 + se);
        }
    }

    /// <summary>
    /// <see cref="RelaxThroughSnapshots{T}"/> with the Vector&lt;T&gt; row kernels: every operand is a snapshot, so
    /// the loops may run i outer, k inner (each pair still sees k in increasing order), which keeps the row of d in
    /// L1 across the run of k.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void SnapshotRows<T>(State<T> s, int kk0, int kk1, int i0, int i1, int j0, int j1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.N, tile = s.Tile, width = j1 - j0, bk = kk1 - kk0;
        if (!s.Routes)
        {
            SnapshotRowsDistances(s, kk0, kk1, i0, i1, j0, j1);
            return;
        }
        ref T rowSnap = ref s.RowSnap[kk0 * n + j0];
        int i = i0;
        // Two rows per pass share every row-k load; an odd last row goes alone.
        for (; i + 1 < i1; i += 2)
        {
            ref T d0 = ref s.DistRef(i, j0);
            ref T d1 = ref s.DistRef(i + 1, j0);
            ref int x0 = ref s.NextRef(i, j0);
            ref int x1 = ref s.NextRef(i + 1, j0);
            ref T c0 = ref s.ColSnap[i * tile + kk0];
            ref T c1 = ref s.ColSnap[(i + 1) * tile + kk0];
            ref int n0 = ref s.NextSnap[i * tile + kk0];
            ref int n1 = ref s.NextSnap[(i + 1) * tile + kk0];
            int kk = 0;
            for (; kk <= bk - 4; kk += 4)
            {
                if (AllUnreachable(ref Unsafe.Add(ref c0, kk)) && AllUnreachable(ref Unsafe.Add(ref c1, kk))) continue;
                FloydWarshallRelax.Row4x2(ref d0, ref d1, ref x0, ref x1, ref Unsafe.Add(ref rowSnap, kk * n), n, width,
                    ref Unsafe.Add(ref c0, kk), ref Unsafe.Add(ref c1, kk), ref Unsafe.Add(ref n0, kk), ref Unsafe.Add(ref n1, kk));
            }
            for (; kk < bk; kk++)
            {
                ref T rk = ref Unsafe.Add(ref rowSnap, kk * n);
                FloydWarshallRelax.Row(ref d0, ref x0, ref rk, width, Unsafe.Add(ref c0, kk), Unsafe.Add(ref n0, kk));
                FloydWarshallRelax.Row(ref d1, ref x1, ref rk, width, Unsafe.Add(ref c1, kk), Unsafe.Add(ref n1, kk));
            }
        }
        for (; i < i1; i++)
        {
            ref T drow = ref s.DistRef(i, j0);
            ref int nrow = ref s.NextRef(i, j0);
            ref T colSnap = ref s.ColSnap[i * tile + kk0];
            ref int nextSnap = ref s.NextSnap[i * tile + kk0];
            int kk = 0;
            for (; kk <= bk - 4; kk += 4)
            {
                if (AllUnreachable(ref Unsafe.Add(ref colSnap, kk))) continue; // i reaches none of these k
                T a0 = Unsafe.Add(ref colSnap, kk), a1 = Unsafe.Add(ref colSnap, kk + 1);
                T a2 = Unsafe.Add(ref colSnap, kk + 2), a3 = Unsafe.Add(ref colSnap, kk + 3);
                ref T r0 = ref Unsafe.Add(ref rowSnap, kk * n);
                FloydWarshallRelax.Row4(ref drow, ref nrow, ref r0, ref Unsafe.Add(ref r0, n), ref Unsafe.Add(ref r0, 2 * n), ref Unsafe.Add(ref r0, 3 * n),
                    width, a0, a1, a2, a3,
                    Unsafe.Add(ref nextSnap, kk), Unsafe.Add(ref nextSnap, kk + 1), Unsafe.Add(ref nextSnap, kk + 2), Unsafe.Add(ref nextSnap, kk + 3));
            }
            for (; kk < bk; kk++)
                FloydWarshallRelax.Row(ref drow, ref nrow, ref Unsafe.Add(ref rowSnap, kk * n), width, Unsafe.Add(ref colSnap, kk), Unsafe.Add(ref nextSnap, kk));
        }
    }

    /// <summary><see cref="SnapshotRows{T}"/> without successors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void SnapshotRowsDistances<T>(State<T> s, int kk0, int kk1, int i0, int i1, int j0, int j1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.N, tile = s.Tile, width = j1 - j0, bk = kk1 - kk0;
        ref T rowSnap = ref s.RowSnap[kk0 * n + j0];
        int i = i0;
        for (; i + 1 < i1; i += 2)
        {
            ref T d0 = ref s.DistRef(i, j0);
            ref T d1 = ref s.DistRef(i + 1, j0);
            ref T c0 = ref s.ColSnap[i * tile + kk0];
            ref T c1 = ref s.ColSnap[(i + 1) * tile + kk0];
            int kk = 0;
            for (; kk <= bk - 4; kk += 4)
            {
                if (AllUnreachable(ref Unsafe.Add(ref c0, kk)) && AllUnreachable(ref Unsafe.Add(ref c1, kk))) continue;
                FloydWarshallRelax.Row4x2Distances(ref d0, ref d1, ref Unsafe.Add(ref rowSnap, kk * n), n, width, ref Unsafe.Add(ref c0, kk), ref Unsafe.Add(ref c1, kk));
            }
            for (; kk < bk; kk++)
            {
                ref T rk = ref Unsafe.Add(ref rowSnap, kk * n);
                FloydWarshallRelax.RowDistances(ref d0, ref rk, width, Unsafe.Add(ref c0, kk));
                FloydWarshallRelax.RowDistances(ref d1, ref rk, width, Unsafe.Add(ref c1, kk));
            }
        }
        for (; i < i1; i++)
        {
            ref T drow = ref s.DistRef(i, j0);
            ref T colSnap = ref s.ColSnap[i * tile + kk0];
            int kk = 0;
            for (; kk <= bk - 4; kk += 4)
            {
                if (AllUnreachable(ref Unsafe.Add(ref colSnap, kk))) continue; // i reaches none of these k
                ref T r0 = ref Unsafe.Add(ref rowSnap, kk * n);
                FloydWarshallRelax.Row4Distances(ref drow, ref r0, ref Unsafe.Add(ref r0, n), ref Unsafe.Add(ref r0, 2 * n), ref Unsafe.Add(ref r0, 3 * n),
                    width, Unsafe.Add(ref colSnap, kk), Unsafe.Add(ref colSnap, kk + 1), Unsafe.Add(ref colSnap, kk + 2), Unsafe.Add(ref colSnap, kk + 3));
            }
            for (; kk < bk; kk++)
                FloydWarshallRelax.RowDistances(ref drow, ref Unsafe.Add(ref rowSnap, kk * n), width, Unsafe.Add(ref colSnap, kk));
        }
    }

    private static bool AllUnreachable<T>(ref T a) where T : IFloatingPointIeee754<T> =>
        T.IsPositiveInfinity(a) && T.IsPositiveInfinity(Unsafe.Add(ref a, 1)) && T.IsPositiveInfinity(Unsafe.Add(ref a, 2)) && T.IsPositiveInfinity(Unsafe.Add(ref a, 3));
}
