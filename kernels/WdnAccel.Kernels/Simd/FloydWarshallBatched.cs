using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using WdnAccel.Kernels.Scalar;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// Floyd–Warshall over many graphs of the same size at once: one graph per SIMD lane, structure-of-arrays with the
/// graph index fastest (<c>dist[(i*n + j) * graphs + g]</c>, DESIGN.md section 3). Threads take blocks of
/// <see cref="LanesPerBlock"/> (or <see cref="Lanes512"/>) graphs; each block is copied into a contiguous scratch (element-major, lane
/// fastest) so its n²·lanes working set stays in L2 and the large stride between elements of one graph does not
/// thrash the TLB. The last block is padded with +∞ (empty) graphs: the explicit lane remainder.
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
        unsafe
        {
            fixed (T* pd = dist)
            fixed (int* pn = next)
            fixed (bool* pf = negativeCycle)
            {
                nint ad = (nint)pd, an = (nint)pn, af = (nint)pf;
                Parallel.For(0, blocks, parallel,
                    () => (new T[n * n * lanes], new int[n * n * lanes], use512 ? new T[n * n * lanes] : []),
                    (b, _, scratch) =>
                    {
                        var d = new Span<T>((T*)ad, n * n * graphs);
                        var x = new Span<int>((int*)an, n * n * graphs);
                        var flags = new Span<bool>((bool*)af, graphs);
                        SolveBlock(d, x, flags, n, graphs, lanes, b * lanes, Math.Min(lanes, graphs - b * lanes), scratch.Item1, scratch.Item2, scratch.Item3);
                        return scratch;
                    },
                    _ => { });
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void SolveBlock<T>(Span<T> dist, Span<int> next, Span<bool> flags, int n, int graphs, int lanes, int g0, int count,
        T[] d, int[] x, T[] xs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nn = n * n;
        // Gather (pad missing lanes with +∞) and initialize as the reference does.
        for (int e = 0; e < nn; e++)
        {
            int i = e / n, j = e - i * n;
            var src = dist.Slice(e * graphs + g0, count);
            var dst = d.AsSpan(e * lanes, lanes);
            src.CopyTo(dst);
            dst[count..].Fill(T.PositiveInfinity);
            var nx = x.AsSpan(e * lanes, lanes);
            for (int l = 0; l < lanes; l++)
            {
                ref T w = ref dst[l];
                if (T.IsNaN(w)) throw new ArgumentException($"graph {g0 + l}: weight [{i},{j}] is NaN", nameof(dist));
                if (i == j)
                {
                    if (w > T.Zero) w = T.Zero;
                    nx[l] = i;
                }
                else
                {
                    nx[l] = T.IsPositiveInfinity(w) ? -1 : j;
                }
            }
        }

        if (xs.Length > 0)
        {
            for (int e = 0; e < x.Length; e++) xs[e] = FloydWarshallRegisterTile.SuccessorBits<T>(x[e]);
            Relax512(d, xs, n);
            for (int e = 0; e < x.Length; e++) x[e] = FloydWarshallRegisterTile.SuccessorFromBits(xs[e]);
        }
        else
        {
            RelaxLanes(d, x, n);
        }

        for (int e = 0; e < nn; e++)
        {
            d.AsSpan(e * lanes, count).CopyTo(dist.Slice(e * graphs + g0, count));
            x.AsSpan(e * lanes, count).CopyTo(next.Slice(e * graphs + g0, count));
        }
        for (int l = 0; l < count; l++)
        {
            bool negative = false;
            for (int i = 0; i < n && !negative; i++) negative = !(d[(i * n + i) * lanes + l] >= T.Zero);
            flags[g0 + l] = negative;
        }
    }

    /// <summary>
    /// k-i-j over the block on 512-bit vectors, successors held as integer bits in T-sized lanes (the scratch
    /// is ours, so no narrowing): per vector add, compare, <c>vminpd</c> (= c &lt; d ? c : d) and a masked
    /// successor blend, no branches.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void Relax512<T>(T[] d, T[] xs, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Lanes512, w = Vector512<T>.Count;
        ref T d0 = ref d[0];
        ref T x0 = ref xs[0];
        for (int k = 0; k < n; k++)
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
                        Vector512.MinNative(c, x).StoreUnsafe(ref Unsafe.Add(ref di, o));
                    }
                }
            }
        }
    }

    /// <summary>k-i-j over the block with the Vector&lt;T&gt; lane kernels (int successors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: no tier-0 pass in a CLI run
    private static void RelaxLanes<T>(T[] d, int[] x, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = LanesPerBlock;
        ref T d0 = ref d[0];
        ref int x0 = ref x[0];
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