using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// Floyd–Warshall over many graphs of the same size at once: one graph per SIMD lane, structure-of-arrays with the
/// graph index fastest (<c>dist[(i*n + j) * graphs + g]</c>). Threads take blocks of
/// <see cref="LanesPerBlock"/> (or <see cref="Lanes512"/>) graphs, several adjacent blocks per work item; each
/// block is copied into a contiguous scratch (element-major, lane fastest) so its n²·lanes working set stays in L2
/// and the large stride between elements of one graph does not thrash the TLB. The last block is padded with +∞ (empty) graphs: the explicit lane remainder.
/// Each lane runs the reference k-i-j order with the same strict-improvement rule, so results equal
/// <see cref="FloydWarshallScalar"/> graph by graph, bit for bit.
/// </summary>
internal static class FloydWarshallBatched
{
    /// <summary>Two successor vectors per element: 16 lanes on AVX2 (four double vectors).</summary>
    public static int LanesPerBlock => 2 * Vector<int>.Count;

    /// <summary>Lanes per block on the 512-bit path: two double vectors or one float vector per element.</summary>
    public const int Lanes512 = 16;

    /// <param name="wide">Relax with 512-bit vectors (<see cref="Relax512{T}"/>); null = where they are
    /// hardware-accelerated (tests force it either way).</param>
    public static void Run<T>(Span<T> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle, ParallelOptions parallel, bool? wide = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool use512 = wide ?? Vector512.IsHardwareAccelerated;
        int lanes = use512 ? Lanes512 : LanesPerBlock;
        FloydWarshallScalar.CheckBatched(dist.Length, next.Length, n, graphs, negativeCycle.Length);
        if (graphs == 0 || n == 0)
        {
            negativeCycle[..graphs].Clear();
            return;
        }
        int blocks = (graphs + lanes - 1) / lanes;
        // Blocks per work item: the gather and scatter then read group·lanes adjacent graphs per element, which on
        // the graph-fastest layout (elements a whole row of graphs apart) cuts TLB and cache misses; capped so an
        // item's scratch stays about 2 MiB.
        int nn = n * n, perBlock = nn * lanes * (2 * Unsafe.SizeOf<T>() + sizeof(int));
        int group = Math.Clamp((2 << 20) / perBlock, 1, 8);
        int items = (blocks + group - 1) / group;
        unsafe
        {
            fixed (T* pd = dist)
            fixed (int* pn = next)
            fixed (bool* pf = negativeCycle)
            {
                nint ad = (nint)pd, an = (nint)pn, af = (nint)pf;
                Parallel.For(0, items, parallel,
                    () => (new T[group * nn * lanes], new int[group * nn * lanes], use512 ? new T[nn * lanes] : [],
                        use512 ? new T[3 * FusedDepth * n * lanes] : []),
                    (item, _, scratch) =>
                    {
                        var d = new Span<T>((T*)ad, nn * graphs);
                        var x = new Span<int>((int*)an, nn * graphs);
                        var flags = new Span<bool>((bool*)af, graphs);
                        int b0 = item * group;
                        SolveGroup(d, x, flags, n, graphs, lanes, b0, Math.Min(group, blocks - b0), scratch.Item1, scratch.Item2, scratch.Item3, scratch.Item4);
                        return scratch;
                    },
                    _ => { });
            }
        }
    }

    /// <summary>
    /// Blocks b0..b0+count: gather into the scratch (block-major, element, lane fastest; missing lanes padded
    /// with +∞ graphs) and initialize as the reference does, relax each block, scatter back, flag negative cycles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void SolveGroup<T>(Span<T> dist, Span<int> next, Span<bool> flags, int n, int graphs, int lanes, int b0, int count,
        T[] d, int[] x, T[] xs, T[] snaps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nn = n * n, g0 = b0 * lanes, real = Math.Min(count * lanes, graphs - g0);
        for (int e = 0; e < nn; e++)
        {
            int i = e / n, j = e - i * n;
            var src = dist.Slice(e * graphs + g0, real);
            for (int b = 0; b < count; b++)
            {
                var dst = d.AsSpan((b * nn + e) * lanes, lanes);
                int have = Math.Clamp(real - b * lanes, 0, lanes);
                src.Slice(b * lanes, have).CopyTo(dst);
                dst[have..].Fill(T.PositiveInfinity);
                InitializeElement(dst, x.AsSpan((b * nn + e) * lanes, lanes), i, j, g0 + b * lanes);
            }
        }
        for (int b = 0; b < count; b++)
        {
            var db = d.AsSpan(b * nn * lanes, nn * lanes);
            var xb = x.AsSpan(b * nn * lanes, nn * lanes);
            if (xs.Length > 0)
            {
                for (int e = 0; e < xb.Length; e++) xs[e] = FloydWarshallRegisterTile.SuccessorBits<T>(xb[e]);
                Relax512Fused(db, xs, n, snaps);
                Relax512(db, xs, n, n - n % FusedDepth);
                for (int e = 0; e < xb.Length; e++) xb[e] = FloydWarshallRegisterTile.SuccessorFromBits(xs[e]);
            }
            else
            {
                RelaxLanes(db, xb, n);
            }
        }
        for (int e = 0; e < nn; e++)
            for (int b = 0; b < count; b++)
            {
                int have = Math.Clamp(real - b * lanes, 0, lanes);
                d.AsSpan((b * nn + e) * lanes, have).CopyTo(dist.Slice(e * graphs + g0 + b * lanes, have));
                x.AsSpan((b * nn + e) * lanes, have).CopyTo(next.Slice(e * graphs + g0 + b * lanes, have));
            }
        for (int l = 0; l < real; l++)
        {
            int b = l / lanes, o = b * nn * lanes + l % lanes;
            bool negative = false;
            for (int i = 0; i < n && !negative; i++) negative = !(d[o + (i * n + i) * lanes] >= T.Zero);
            flags[g0 + l] = negative;
        }
    }

    /// <summary>Element (i, j) of one block's lanes, as <see cref="FloydWarshallScalar.Initialize"/> does per graph.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // called n² times per block from the first call on
    private static void InitializeElement<T>(Span<T> w, Span<int> nx, int i, int j, int firstGraph) where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool nan = false;
        if (i == j)
        {
            for (int l = 0; l < w.Length; l++)
            {
                nan |= T.IsNaN(w[l]);
                if (w[l] > T.Zero) w[l] = T.Zero;
                nx[l] = i;
            }
        }
        else
        {
            for (int l = 0; l < w.Length; l++) // branch-free: arcs are present at random, a branch would mispredict
            {
                nan |= T.IsNaN(w[l]);
                bool none = T.IsPositiveInfinity(w[l]);
                nx[l] = j - (j + 1) * Unsafe.As<bool, byte>(ref none); // −1 where there is no arc
            }
        }
        if (!nan) return;
        for (int l = 0; l < w.Length; l++)
            if (T.IsNaN(w[l])) throw new ArgumentException($"graph {firstGraph + l}: weight [{i},{j}] is NaN", "dist");
    }

    /// <summary>Steps per pass of <see cref="Relax512Fused{T}"/>.</summary>
    private const int FusedDepth = 4;

    /// <summary>
    /// k in groups of <see cref="FloydWarshallBatched.FusedDepth"/>, so d and next of a pair are loaded and stored
    /// once per four steps instead of once per step (the block's n²·16 lanes live in L2; the plain loop was
    /// L2-bandwidth bound). As in the single-graph blocked kernel, every step reads snapshots: before the pass,
    /// row k and column k of each step are brought through the group's earlier steps and copied out; the pass
    /// then applies the four steps to every pair in order. Re-applying an earlier step to those rows and columns
    /// is a no-op (same candidate, strict improvement), so results equal the k-i-j reference bit for bit.
    /// Steps beyond the last whole group are left to <see cref="Relax512{T}"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void Relax512Fused<T>(Span<T> d, Span<T> xs, int n, T[] snaps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int lanes = Lanes512, depth = FusedDepth;
        int w = Vector512<T>.Count, row = n * lanes;
        // snaps: rows [t][j*lanes + l], then columns [t][i*lanes + l], then column successors likewise.
        ref T rows = ref snaps[0];
        ref T cols = ref snaps[depth * row];
        ref T succ = ref snaps[2 * depth * row];
        ref T d0 = ref MemoryMarshal.GetReference(d);
        ref T x0 = ref MemoryMarshal.GetReference(xs);
        for (int k0 = 0; k0 + depth <= n; k0 += depth)
        {
            for (int t = 0; t < depth; t++)
            {
                int k = k0 + t;
                for (int st = 0; st < t; st++) // row k and column k through the group's earlier steps
                {
                    ref T rs = ref Unsafe.Add(ref rows, st * row);
                    ref T cs = ref Unsafe.Add(ref cols, st * row);
                    ref T qs = ref Unsafe.Add(ref succ, st * row);
                    for (int v = 0; v < lanes; v += w)
                    {
                        var a = Vector512.LoadUnsafe(ref cs, (nuint)(k * lanes + v));
                        var q = Vector512.LoadUnsafe(ref qs, (nuint)(k * lanes + v));
                        for (int j = 0; j < n; j++)
                            Step(ref Unsafe.Add(ref d0, k * row + j * lanes + v), ref Unsafe.Add(ref x0, k * row + j * lanes + v), a, q,
                                Vector512.LoadUnsafe(ref rs, (nuint)(j * lanes + v)));
                        var b = Vector512.LoadUnsafe(ref rs, (nuint)(k * lanes + v));
                        for (int i = 0; i < n; i++)
                            Step(ref Unsafe.Add(ref d0, i * row + k * lanes + v), ref Unsafe.Add(ref x0, i * row + k * lanes + v),
                                Vector512.LoadUnsafe(ref cs, (nuint)(i * lanes + v)), Vector512.LoadUnsafe(ref qs, (nuint)(i * lanes + v)), b);
                    }
                }
                MemoryMarshal.CreateSpan(ref Unsafe.Add(ref d0, k * row), row).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref rows, t * row), row));
                for (int i = 0; i < n; i++)
                {
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref d0, i * row + k * lanes), lanes).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref cols, t * row + i * lanes), lanes));
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref x0, i * row + k * lanes), lanes).CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref succ, t * row + i * lanes), lanes));
                }
            }
            for (int i = 0; i < n; i++)
                for (int v = 0; v < lanes; v += w)
                {
                    nuint o = (nuint)(i * lanes + v);
                    var a0 = Vector512.LoadUnsafe(ref cols, o); var q0 = Vector512.LoadUnsafe(ref succ, o);
                    var a1 = Vector512.LoadUnsafe(ref cols, o + (nuint)row); var q1 = Vector512.LoadUnsafe(ref succ, o + (nuint)row);
                    var a2 = Vector512.LoadUnsafe(ref cols, o + (nuint)(2 * row)); var q2 = Vector512.LoadUnsafe(ref succ, o + (nuint)(2 * row));
                    var a3 = Vector512.LoadUnsafe(ref cols, o + (nuint)(3 * row)); var q3 = Vector512.LoadUnsafe(ref succ, o + (nuint)(3 * row));
                    ref T di = ref Unsafe.Add(ref d0, i * row + v);
                    ref T xi = ref Unsafe.Add(ref x0, i * row + v);
                    ref T r = ref Unsafe.Add(ref rows, v);
                    for (int j = 0; j < row; j += lanes)
                    {
                        var x = Vector512.LoadUnsafe(ref di, (nuint)j);
                        var s = Vector512.LoadUnsafe(ref xi, (nuint)j);
                        var c = a0 + Vector512.LoadUnsafe(ref r, (nuint)j);
                        s = Vector512.ConditionalSelect(Vector512.LessThan(c, x), q0, s); x = StrictMin.Of(c, x);
                        c = a1 + Vector512.LoadUnsafe(ref r, (nuint)(j + row));
                        s = Vector512.ConditionalSelect(Vector512.LessThan(c, x), q1, s); x = StrictMin.Of(c, x);
                        c = a2 + Vector512.LoadUnsafe(ref r, (nuint)(j + 2 * row));
                        s = Vector512.ConditionalSelect(Vector512.LessThan(c, x), q2, s); x = StrictMin.Of(c, x);
                        c = a3 + Vector512.LoadUnsafe(ref r, (nuint)(j + 3 * row));
                        s = Vector512.ConditionalSelect(Vector512.LessThan(c, x), q3, s); x = StrictMin.Of(c, x);
                        x.StoreUnsafe(ref di, (nuint)j);
                        s.StoreUnsafe(ref xi, (nuint)j);
                    }
                }
        }
    }

    /// <summary>One step on one vector of lanes in memory: x = c where c = a + b &lt; x, successor q there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<T>(ref T x, ref T s, Vector512<T> a, Vector512<T> q, Vector512<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = a + b;
        var xv = Vector512.LoadUnsafe(ref x);
        Vector512.ConditionalSelect(Vector512.LessThan(c, xv), q, Vector512.LoadUnsafe(ref s)).StoreUnsafe(ref s);
        StrictMin.Of(c, xv).StoreUnsafe(ref x);
    }

    /// <summary>
    /// k-i-j over the block on 512-bit vectors, successors held as integer bits in T-sized lanes (the scratch
    /// is ours, so no narrowing): per vector add, compare, <c>vminpd</c> (= c &lt; d ? c : d) and a masked
    /// successor blend, no branches.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void Relax512<T>(Span<T> d, Span<T> xs, int n, int kFrom) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Lanes512, w = Vector512<T>.Count;
        ref T d0 = ref MemoryMarshal.GetReference(d);
        ref T x0 = ref MemoryMarshal.GetReference(xs);
        for (int k = kFrom; k < n; k++)
        {
            ref T dk = ref Unsafe.Add(ref d0, k * n * lanes);
            for (int i = 0; i < n; i++)
            {
                int row = i * n * lanes;
                ref T di = ref Unsafe.Add(ref d0, row);
                ref T xi = ref Unsafe.Add(ref x0, row);
                for (int v = 0; v < lanes; v += w)
                {
                    // d[i,k] and next[i,k] of these lanes stay in registers for the row (step k never changes them).
                    var a = Vector512.LoadUnsafe(ref Unsafe.Add(ref di, k * lanes + v));
                    var q = Vector512.LoadUnsafe(ref Unsafe.Add(ref xi, k * lanes + v));
                    for (int o = v; o < n * lanes; o += lanes)
                    {
                        var c = a + Vector512.LoadUnsafe(ref Unsafe.Add(ref dk, o));
                        var x = Vector512.LoadUnsafe(ref Unsafe.Add(ref di, o));
                        Vector512.ConditionalSelect(Vector512.LessThan(c, x), q, Vector512.LoadUnsafe(ref Unsafe.Add(ref xi, o))).StoreUnsafe(ref Unsafe.Add(ref xi, o));
                        StrictMin.Of(c, x).StoreUnsafe(ref Unsafe.Add(ref di, o));
                    }
                }
            }
        }
    }

    /// <summary>k-i-j over the block with the Vector&lt;T&gt; lane kernels (int successors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void RelaxLanes<T>(Span<T> d, Span<int> x, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = LanesPerBlock;
        ref T d0 = ref MemoryMarshal.GetReference(d);
        ref int x0 = ref MemoryMarshal.GetReference(x);
        for (int k = 0; k < n; k++)
        {
            ref T dk = ref Unsafe.Add(ref d0, k * n * lanes);
            for (int i = 0; i < n; i++)
            {
                int row = i * n * lanes;
                ref T di = ref Unsafe.Add(ref d0, row);
                ref int xi = ref Unsafe.Add(ref x0, row);
                ref T a = ref Unsafe.Add(ref di, k * lanes);
                ref int nik = ref Unsafe.Add(ref xi, k * lanes);
                if (!Vector.IsHardwareAccelerated)
                {
                    for (int j = 0; j < n; j++)
                    {
                        int o = j * lanes;
                        FloydWarshallRelax.Lanes(ref Unsafe.Add(ref di, o), ref Unsafe.Add(ref xi, o), ref a, ref nik, ref Unsafe.Add(ref dk, o), lanes);
                    }
                    continue;
                }
                // d[i,k] and next[i,k] of all lanes in registers for the whole row (step k never changes them).
                int w = Vector<int>.Count, h = Vector<T>.Count;
                var a00 = Vector.LoadUnsafe(ref a);
                var a01 = Vector.LoadUnsafe(ref Unsafe.Add(ref a, h % w));
                var a10 = Vector.LoadUnsafe(ref Unsafe.Add(ref a, w));
                var a11 = Vector.LoadUnsafe(ref Unsafe.Add(ref a, w + h % w));
                var n0 = Vector.LoadUnsafe(ref nik);
                var n1 = Vector.LoadUnsafe(ref Unsafe.Add(ref nik, w));
                for (int j = 0; j < n; j++)
                {
                    int o = j * lanes;
                    FloydWarshallRelax.GroupBranchless(ref Unsafe.Add(ref di, o), ref Unsafe.Add(ref xi, o), a00, a01, ref Unsafe.Add(ref dk, o), n0);
                    FloydWarshallRelax.GroupBranchless(ref Unsafe.Add(ref di, o + w), ref Unsafe.Add(ref xi, o + w), a10, a11, ref Unsafe.Add(ref dk, o + w), n1);
                }
            }
        }
    }
}