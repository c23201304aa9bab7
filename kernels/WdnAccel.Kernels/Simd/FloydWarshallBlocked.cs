using System.Numerics;
using System.Runtime.CompilerServices;
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
/// </summary>
internal static class FloydWarshallBlocked
{
    /// <summary>64 doubles: a 32 KiB row-k tile stays in L1 while the 64 rows of a tile stream past it.</summary>
    public const int DefaultTile = 64;

    /// <summary>Columns per phase-3 call: four 64-wide tiles; the four row-k snapshots (8 KiB) stay in L1.</summary>
    internal const int PhaseThreeWidth = 256;

    public static bool Run<T>(Span<T> dist, Span<int> next, int n, ParallelOptions parallel, int tile = DefaultTile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tile, 1);
        FloydWarshallScalar.Initialize(dist, next, n);
        if (n == 0) return true;
        unsafe
        {
            fixed (T* pd = dist)
            fixed (int* pn = next)
            {
                var s = new State<T>((nint)pd, (nint)pn, n, tile);
                int blocks = (n + tile - 1) / tile;
                for (int kb = 0; kb < blocks; kb++)
                {
                    int k0 = kb * tile, k1 = Math.Min(n, k0 + tile);
                    Diagonal(s, k0, k1);
                    if (blocks == 1) break;
                    // Phase 2: row-K tiles (index < blocks) and column-K tiles (index >= blocks), K itself skipped.
                    Parallel.For(0, 2 * blocks, parallel, t => PhaseTwo(s, kb, blocks, t));
                    Parallel.For(0, blocks, parallel, ib => PhaseThree(s, kb, ib));
                }
            }
        }
        return FloydWarshallScalar.NoNegativeCycle<T>(dist, n);
    }

    /// <summary>Raw matrix addresses (pinned by the caller for the whole run) and the step-k snapshots.</summary>
    private sealed class State<T>(nint dist, nint next, int n, int tile) where T : unmanaged
    {
        public readonly int N = n;
        public readonly int Tile = tile;
        /// <summary>RowSnap[kk*n + j] = d[k0+kk, j] at step k0+kk.</summary>
        public readonly T[] RowSnap = new T[tile * n];
        /// <summary>ColSnap[i*tile + kk] = d[i, k0+kk] at step k0+kk; NextSnap likewise for the successor.</summary>
        public readonly T[] ColSnap = new T[n * tile];
        public readonly int[] NextSnap = new int[n * tile];

        public unsafe Span<T> DistRow(int i, int j0, int j1) => new((T*)dist + (long)i * N + j0, j1 - j0);
        public unsafe Span<int> NextRow(int i, int j0, int j1) => new((int*)next + (long)i * N + j0, j1 - j0);
        public unsafe ref T DistRef(int i, int j) => ref ((T*)dist)[(long)i * N + j];
        public unsafe ref int NextRef(int i, int j) => ref ((int*)next)[(long)i * N + j];
        public unsafe T Dist(int i, int j) => ((T*)dist)[(long)i * N + j];
        public unsafe int Next(int i, int j) => ((int*)next)[(long)i * N + j];
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
        int k0 = kb * s.Tile, k1 = Math.Min(s.N, k0 + s.Tile);
        int i0 = ib * s.Tile, i1 = Math.Min(s.N, i0 + s.Tile);
        for (int j0 = 0; j0 < k0; j0 += PhaseThreeWidth)
            InnerTile(s, k0, k1, i0, i1, j0, Math.Min(k0, j0 + PhaseThreeWidth));
        for (int j0 = k1; j0 < s.N; j0 += PhaseThreeWidth)
            InnerTile(s, k0, k1, i0, i1, j0, Math.Min(s.N, j0 + PhaseThreeWidth));
    }

    /// <summary>Phase 1: k-i-j inside tile (K,K), capturing its row k and column k at each step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void Diagonal<T>(State<T> s, int k0, int k1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.N, tile = s.Tile;
        for (int k = k0; k < k1; k++)
        {
            int kk = k - k0;
            s.DistRow(k, k0, k1).CopyTo(s.RowSnap.AsSpan(kk * n + k0, k1 - k0));
            for (int i = k0; i < k1; i++)
            {
                s.ColSnap[i * tile + kk] = s.Dist(i, k);
                s.NextSnap[i * tile + kk] = s.Next(i, k);
            }
            ReadOnlySpan<T> krow = s.RowSnap.AsSpan(kk * n + k0, k1 - k0);
            for (int i = k0; i < k1; i++)
                FloydWarshallRelax.Row(s.DistRow(i, k0, k1), s.NextRow(i, k0, k1), krow, s.ColSnap[i * tile + kk], s.NextSnap[i * tile + kk]);
        }
    }

    /// <summary>Phase 2, tile (K,J): rows k0..k1 relax through the diagonal's column snapshot; row k is captured first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void RowTile<T>(State<T> s, int k0, int k1, int j0, int j1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.N, tile = s.Tile;
        for (int k = k0; k < k1; k++)
        {
            int kk = k - k0;
            var krow = s.RowSnap.AsSpan(kk * n + j0, j1 - j0);
            s.DistRow(k, j0, j1).CopyTo(krow);
            for (int i = k0; i < k1; i++)
                FloydWarshallRelax.Row(s.DistRow(i, j0, j1), s.NextRow(i, j0, j1), krow, s.ColSnap[i * tile + kk], s.NextSnap[i * tile + kk]);
        }
    }

    /// <summary>Phase 2, tile (I,K): column k is captured first, then rows i0..i1 relax through the diagonal's row snapshot.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void ColumnTile<T>(State<T> s, int k0, int k1, int i0, int i1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.N, tile = s.Tile;
        for (int k = k0; k < k1; k++)
        {
            int kk = k - k0;
            ReadOnlySpan<T> krow = s.RowSnap.AsSpan(kk * n + k0, k1 - k0);
            for (int i = i0; i < i1; i++)
            {
                T a = s.Dist(i, k);
                int nk = s.Next(i, k);
                s.ColSnap[i * tile + kk] = a;
                s.NextSnap[i * tile + kk] = nk;
                FloydWarshallRelax.Row(s.DistRow(i, k0, k1), s.NextRow(i, k0, k1), krow, a, nk);
            }
        }
    }

    /// <summary>
    /// Phase 3, tile (I,J): every operand is a snapshot, so the loops may run i outer, k inner (each pair still
    /// sees k in increasing order), which keeps the 64-wide row of d in L1 across the whole block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void InnerTile<T>(State<T> s, int k0, int k1, int i0, int i1, int j0, int j1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = s.N, tile = s.Tile, width = j1 - j0, bk = k1 - k0;
        ref T rowSnap = ref s.RowSnap[j0];
        int i = i0;
        // Two rows per pass share every row-k load; an odd last row goes alone.
        for (; i + 1 < i1; i += 2)
        {
            ref T d0 = ref s.DistRef(i, j0);
            ref T d1 = ref s.DistRef(i + 1, j0);
            ref int x0 = ref s.NextRef(i, j0);
            ref int x1 = ref s.NextRef(i + 1, j0);
            ref T c0 = ref s.ColSnap[i * tile];
            ref T c1 = ref s.ColSnap[(i + 1) * tile];
            ref int n0 = ref s.NextSnap[i * tile];
            ref int n1 = ref s.NextSnap[(i + 1) * tile];
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
            ref T colSnap = ref s.ColSnap[i * tile];
            ref int nextSnap = ref s.NextSnap[i * tile];
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

    private static bool AllUnreachable<T>(ref T a) where T : IFloatingPointIeee754<T> =>
        T.IsPositiveInfinity(a) && T.IsPositiveInfinity(Unsafe.Add(ref a, 1)) && T.IsPositiveInfinity(Unsafe.Add(ref a, 2)) && T.IsPositiveInfinity(Unsafe.Add(ref a, 3));
}
