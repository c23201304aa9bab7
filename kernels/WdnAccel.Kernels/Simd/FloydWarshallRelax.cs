using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// The Floyd–Warshall relaxation d = min(d, a + b) with successor update, strict improvement only (the tie rule
/// of <see cref="Scalar.FloydWarshallScalar"/>). Work goes in groups of <c>Vector&lt;int&gt;.Count</c> lanes so one
/// successor vector matches one float vector or two double vectors (masks narrowed with <see cref="Vector.Narrow(Vector{long}, Vector{long})"/>).
/// Groups where nothing improves are skipped without a store: after the first few k most relaxations fail.
/// IEEE addition is the same in a vector lane as in scalar code, so results equal the reference bit for bit.
/// </summary>
internal static class FloydWarshallRelax
{
    /// <summary>Row form: d[j] = min(d[j], a + krow[j]); next[j] = nk where it improved. a, nk broadcast.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Row<T>(Span<T> d, Span<int> next, ReadOnlySpan<T> krow, T a, int nk) where T : IFloatingPointIeee754<T>
    {
        if (next.Length < d.Length || krow.Length < d.Length) throw new ArgumentException("next and krow must cover d");
        Row(ref MemoryMarshal.GetReference(d), ref MemoryMarshal.GetReference(next), ref MemoryMarshal.GetReference(krow), d.Length, a, nk);
    }

    /// <summary>Row form on raw references (the tiled kernel's inner loop; the caller guarantees len elements each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row<T>(ref T d, ref int next, ref T krow, int len, T a, int nk) where T : IFloatingPointIeee754<T>
    {
        if (T.IsPositiveInfinity(a)) return; // i cannot reach k: nothing through k can improve
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<int>.Count)
        {
            var va = new Vector<T>(a);
            var vn = new Vector<int>(nk);
            for (; j <= len - Vector<int>.Count; j += Vector<int>.Count)
                Group(ref Unsafe.Add(ref d, j), ref Unsafe.Add(ref next, j), va, va, ref Unsafe.Add(ref krow, j), vn);
        }
        for (; j < len; j++) // remainder (or everything, without hardware vectors)
        {
            T c = a + Unsafe.Add(ref krow, j);
            if (c < Unsafe.Add(ref d, j))
            {
                Unsafe.Add(ref d, j) = c;
                Unsafe.Add(ref next, j) = nk;
            }
        }
    }

    /// <summary>
    /// <see cref="Row{T}"/> without successors: d[j] = min(d[j], a + krow[j]) by <see cref="StrictMin"/> (one vminpd on
    /// x86, the reference's strict-improvement rule), so no compare, select or skip is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RowDistances<T>(ref T d, ref T krow, int len, T a) where T : IFloatingPointIeee754<T>
    {
        if (T.IsPositiveInfinity(a)) return; // i cannot reach k: nothing through k can improve
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<T>.Count)
        {
            var va = new Vector<T>(a);
            for (; j <= len - Vector<T>.Count; j += Vector<T>.Count)
                StrictMin.Of(va + Vector.LoadUnsafe(ref Unsafe.Add(ref krow, j)), Vector.LoadUnsafe(ref Unsafe.Add(ref d, j))).StoreUnsafe(ref Unsafe.Add(ref d, j));
        }
        for (; j < len; j++)
        {
            T c = a + Unsafe.Add(ref krow, j);
            if (c < Unsafe.Add(ref d, j)) Unsafe.Add(ref d, j) = c;
        }
    }

    /// <summary>
    /// <see cref="Row4x2{T}"/> without successors: two rows through four k, each k's min taken in order (a min tree
    /// would pick between +0 and −0 differently from the reference), one load and one store of d per four k.
    /// Column snapshots c0[0..3] / c1[0..3]; row k + q at r + q·stride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row4x2Distances<T>(ref T d0, ref T d1, ref T r, int stride, int len, ref T c0, ref T c1) where T : IFloatingPointIeee754<T>
    {
        T a00 = c0, a01 = Unsafe.Add(ref c0, 1), a02 = Unsafe.Add(ref c0, 2), a03 = Unsafe.Add(ref c0, 3);
        T a10 = c1, a11 = Unsafe.Add(ref c1, 1), a12 = Unsafe.Add(ref c1, 2), a13 = Unsafe.Add(ref c1, 3);
        ref T r1 = ref Unsafe.Add(ref r, stride);
        ref T r2 = ref Unsafe.Add(ref r, 2 * stride);
        ref T r3 = ref Unsafe.Add(ref r, 3 * stride);
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<T>.Count)
        {
            var v00 = new Vector<T>(a00); var v01 = new Vector<T>(a01); var v02 = new Vector<T>(a02); var v03 = new Vector<T>(a03);
            var v10 = new Vector<T>(a10); var v11 = new Vector<T>(a11); var v12 = new Vector<T>(a12); var v13 = new Vector<T>(a13);
            for (; j <= len - Vector<T>.Count; j += Vector<T>.Count)
            {
                var b0 = Vector.LoadUnsafe(ref Unsafe.Add(ref r, j));
                var b1 = Vector.LoadUnsafe(ref Unsafe.Add(ref r1, j));
                var b2 = Vector.LoadUnsafe(ref Unsafe.Add(ref r2, j));
                var b3 = Vector.LoadUnsafe(ref Unsafe.Add(ref r3, j));
                var x0 = Vector.LoadUnsafe(ref Unsafe.Add(ref d0, j));
                var x1 = Vector.LoadUnsafe(ref Unsafe.Add(ref d1, j));
                x0 = StrictMin.Of(v00 + b0, x0); x1 = StrictMin.Of(v10 + b0, x1);
                x0 = StrictMin.Of(v01 + b1, x0); x1 = StrictMin.Of(v11 + b1, x1);
                x0 = StrictMin.Of(v02 + b2, x0); x1 = StrictMin.Of(v12 + b2, x1);
                x0 = StrictMin.Of(v03 + b3, x0); x1 = StrictMin.Of(v13 + b3, x1);
                x0.StoreUnsafe(ref Unsafe.Add(ref d0, j));
                x1.StoreUnsafe(ref Unsafe.Add(ref d1, j));
            }
        }
        for (; j < len; j++)
        {
            T b0 = Unsafe.Add(ref r, j), b1 = Unsafe.Add(ref r1, j), b2 = Unsafe.Add(ref r2, j), b3 = Unsafe.Add(ref r3, j);
            Unsafe.Add(ref d0, j) = Min4(Unsafe.Add(ref d0, j), b0, b1, b2, b3, a00, a01, a02, a03);
            Unsafe.Add(ref d1, j) = Min4(Unsafe.Add(ref d1, j), b0, b1, b2, b3, a10, a11, a12, a13);
        }
    }

    /// <summary>
    /// <see cref="Row4{T}"/> without successors: one row through four k, in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row4Distances<T>(ref T d, ref T r0, ref T r1, ref T r2, ref T r3, int len, T a0, T a1, T a2, T a3)
        where T : IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<T>.Count)
        {
            var v0 = new Vector<T>(a0);
            var v1 = new Vector<T>(a1);
            var v2 = new Vector<T>(a2);
            var v3 = new Vector<T>(a3);
            for (; j <= len - Vector<T>.Count; j += Vector<T>.Count)
            {
                var x = Vector.LoadUnsafe(ref Unsafe.Add(ref d, j));
                x = StrictMin.Of(v0 + Vector.LoadUnsafe(ref Unsafe.Add(ref r0, j)), x);
                x = StrictMin.Of(v1 + Vector.LoadUnsafe(ref Unsafe.Add(ref r1, j)), x);
                x = StrictMin.Of(v2 + Vector.LoadUnsafe(ref Unsafe.Add(ref r2, j)), x);
                x = StrictMin.Of(v3 + Vector.LoadUnsafe(ref Unsafe.Add(ref r3, j)), x);
                x.StoreUnsafe(ref Unsafe.Add(ref d, j));
            }
        }
        for (; j < len; j++)
            Unsafe.Add(ref d, j) = Min4(Unsafe.Add(ref d, j), Unsafe.Add(ref r0, j), Unsafe.Add(ref r1, j), Unsafe.Add(ref r2, j), Unsafe.Add(ref r3, j), a0, a1, a2, a3);
    }

    /// <summary>Scalar d through four k in order, strict improvement.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Min4<T>(T d, T b0, T b1, T b2, T b3, T a0, T a1, T a2, T a3) where T : IFloatingPointIeee754<T>
    {
        T c = a0 + b0;
        if (c < d) d = c;
        c = a1 + b1;
        if (c < d) d = c;
        c = a2 + b2;
        if (c < d) d = c;
        c = a3 + b3;
        if (c < d) d = c;
        return d;
    }

    /// <summary>
    /// Four consecutive k at once on one row (phase 3 of the tiled kernel, where all operands are snapshots).
    /// Sequentially, strict improvement over k in order gives d = min(d, c0, c1, c2, c3) with the successor of the
    /// first k reaching it. The fast path only proves "no improvement" with a min tree (exact: min never rounds;
    /// no NaN can occur, weights being above −∞, and ±0 ties never count as "less", whichever zero a platform's
    /// minimum returns), loading d once per four k.
    /// Groups that do improve replay the four k in order with vector selects, exactly as the reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row4<T>(ref T d, ref int next, ref T r0, ref T r1, ref T r2, ref T r3, int len,
        T a0, T a1, T a2, T a3, int n0, int n1, int n2, int n3) where T : IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<int>.Count)
        {
            var v0 = new Vector<T>(a0);
            var v1 = new Vector<T>(a1);
            var v2 = new Vector<T>(a2);
            var v3 = new Vector<T>(a3);
            for (; j <= len - Vector<int>.Count; j += Vector<int>.Count)
            {
                bool any = false;
                for (int h = 0; h < Vector<int>.Count; h += Vector<T>.Count) // 1 (float) or 2 (double) vectors
                {
                    int o = j + h;
                    var m = Vector.MinNative(
                        Vector.MinNative(v0 + Vector.LoadUnsafe(ref Unsafe.Add(ref r0, o)), v1 + Vector.LoadUnsafe(ref Unsafe.Add(ref r1, o))),
                        Vector.MinNative(v2 + Vector.LoadUnsafe(ref Unsafe.Add(ref r2, o)), v3 + Vector.LoadUnsafe(ref Unsafe.Add(ref r3, o))));
                    any |= Vector.LessThanAny(m, Vector.LoadUnsafe(ref Unsafe.Add(ref d, o)));
                }
                if (!any) continue;
                Replay4(ref Unsafe.Add(ref d, j), ref Unsafe.Add(ref next, j), ref Unsafe.Add(ref r0, j), ref Unsafe.Add(ref r1, j),
                    ref Unsafe.Add(ref r2, j), ref Unsafe.Add(ref r3, j), v0, v1, v2, v3, n0, n1, n2, n3);
            }
        }
        for (; j < len; j++)
            Replay4(ref Unsafe.Add(ref d, j), ref Unsafe.Add(ref next, j),
                Unsafe.Add(ref r0, j), Unsafe.Add(ref r1, j), Unsafe.Add(ref r2, j), Unsafe.Add(ref r3, j), a0, a1, a2, a3, n0, n1, n2, n3);
    }

    /// <summary>
    /// <see cref="Row4{T}"/> for two rows i, i+1 at once: each row-k vector loaded serves both rows, halving the
    /// snapshot traffic per relaxation (the phase-3 working set is L2-bound otherwise). Column snapshots
    /// a = c0[0..3] / c1[0..3], successors s0[0..3] / s1[0..3]; row k + q at r + q·stride.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row4x2<T>(ref T d0, ref T d1, ref int x0, ref int x1, ref T r, int stride, int len,
        ref T c0, ref T c1, ref int s0, ref int s1) where T : IFloatingPointIeee754<T>
    {
        T a00 = c0, a01 = Unsafe.Add(ref c0, 1), a02 = Unsafe.Add(ref c0, 2), a03 = Unsafe.Add(ref c0, 3);
        T a10 = c1, a11 = Unsafe.Add(ref c1, 1), a12 = Unsafe.Add(ref c1, 2), a13 = Unsafe.Add(ref c1, 3);
        ref T r1 = ref Unsafe.Add(ref r, stride);
        ref T r2 = ref Unsafe.Add(ref r, 2 * stride);
        ref T r3 = ref Unsafe.Add(ref r, 3 * stride);
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<int>.Count)
        {
            var v00 = new Vector<T>(a00); var v01 = new Vector<T>(a01); var v02 = new Vector<T>(a02); var v03 = new Vector<T>(a03);
            var v10 = new Vector<T>(a10); var v11 = new Vector<T>(a11); var v12 = new Vector<T>(a12); var v13 = new Vector<T>(a13);
            for (; j <= len - Vector<int>.Count; j += Vector<int>.Count)
            {
                bool any0 = false, any1 = false;
                for (int h = 0; h < Vector<int>.Count; h += Vector<T>.Count) // 1 (float) or 2 (double) vectors
                {
                    int o = j + h;
                    var b0 = Vector.LoadUnsafe(ref Unsafe.Add(ref r, o));
                    var b1 = Vector.LoadUnsafe(ref Unsafe.Add(ref r1, o));
                    var b2 = Vector.LoadUnsafe(ref Unsafe.Add(ref r2, o));
                    var b3 = Vector.LoadUnsafe(ref Unsafe.Add(ref r3, o));
                    var m0 = Vector.MinNative(Vector.MinNative(v00 + b0, v01 + b1), Vector.MinNative(v02 + b2, v03 + b3));
                    var m1 = Vector.MinNative(Vector.MinNative(v10 + b0, v11 + b1), Vector.MinNative(v12 + b2, v13 + b3));
                    any0 |= Vector.LessThanAny(m0, Vector.LoadUnsafe(ref Unsafe.Add(ref d0, o)));
                    any1 |= Vector.LessThanAny(m1, Vector.LoadUnsafe(ref Unsafe.Add(ref d1, o)));
                }
                if (any0)
                    Replay4(ref Unsafe.Add(ref d0, j), ref Unsafe.Add(ref x0, j), ref Unsafe.Add(ref r, j), ref Unsafe.Add(ref r1, j),
                        ref Unsafe.Add(ref r2, j), ref Unsafe.Add(ref r3, j), v00, v01, v02, v03, s0, Unsafe.Add(ref s0, 1), Unsafe.Add(ref s0, 2), Unsafe.Add(ref s0, 3));
                if (any1)
                    Replay4(ref Unsafe.Add(ref d1, j), ref Unsafe.Add(ref x1, j), ref Unsafe.Add(ref r, j), ref Unsafe.Add(ref r1, j),
                        ref Unsafe.Add(ref r2, j), ref Unsafe.Add(ref r3, j), v10, v11, v12, v13, s1, Unsafe.Add(ref s1, 1), Unsafe.Add(ref s1, 2), Unsafe.Add(ref s1, 3));
            }
        }
        for (; j < len; j++)
        {
            T b0 = Unsafe.Add(ref r, j), b1 = Unsafe.Add(ref r1, j), b2 = Unsafe.Add(ref r2, j), b3 = Unsafe.Add(ref r3, j);
            Replay4(ref Unsafe.Add(ref d0, j), ref Unsafe.Add(ref x0, j), b0, b1, b2, b3, a00, a01, a02, a03,
                s0, Unsafe.Add(ref s0, 1), Unsafe.Add(ref s0, 2), Unsafe.Add(ref s0, 3));
            Replay4(ref Unsafe.Add(ref d1, j), ref Unsafe.Add(ref x1, j), b0, b1, b2, b3, a10, a11, a12, a13,
                s1, Unsafe.Add(ref s1, 1), Unsafe.Add(ref s1, 2), Unsafe.Add(ref s1, 3));
        }
    }

    /// <summary>
    /// The improving group of <see cref="Row4{T}"/>: the four k in order, strict improvement, d and successors kept in
    /// registers. Out of line so the fast loop stays small.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Replay4<T>(ref T d, ref int next, ref T r0, ref T r1, ref T r2, ref T r3,
        Vector<T> a0, Vector<T> a1, Vector<T> a2, Vector<T> a3, int n0, int n1, int n2, int n3) where T : IFloatingPointIeee754<T>
    {
        var vn = Vector.LoadUnsafe(ref next);
        if (Vector<T>.Count == Vector<int>.Count)
        {
            var dv = Vector.LoadUnsafe(ref d);
            Step(ref dv, ref vn, a0 + Vector.LoadUnsafe(ref r0), n0);
            Step(ref dv, ref vn, a1 + Vector.LoadUnsafe(ref r1), n1);
            Step(ref dv, ref vn, a2 + Vector.LoadUnsafe(ref r2), n2);
            Step(ref dv, ref vn, a3 + Vector.LoadUnsafe(ref r3), n3);
            dv.StoreUnsafe(ref d);
        }
        else
        {
            int h = Vector<T>.Count;
            var lo = Vector.LoadUnsafe(ref d);
            var hi = Vector.LoadUnsafe(ref Unsafe.Add(ref d, h));
            Step(ref lo, ref hi, ref vn, a0 + Vector.LoadUnsafe(ref r0), a0 + Vector.LoadUnsafe(ref Unsafe.Add(ref r0, h)), n0);
            Step(ref lo, ref hi, ref vn, a1 + Vector.LoadUnsafe(ref r1), a1 + Vector.LoadUnsafe(ref Unsafe.Add(ref r1, h)), n1);
            Step(ref lo, ref hi, ref vn, a2 + Vector.LoadUnsafe(ref r2), a2 + Vector.LoadUnsafe(ref Unsafe.Add(ref r2, h)), n2);
            Step(ref lo, ref hi, ref vn, a3 + Vector.LoadUnsafe(ref r3), a3 + Vector.LoadUnsafe(ref Unsafe.Add(ref r3, h)), n3);
            lo.StoreUnsafe(ref d);
            hi.StoreUnsafe(ref Unsafe.Add(ref d, h));
        }
        vn.StoreUnsafe(ref next);
    }

    /// <summary>One k, 4-byte lanes: d = c where c &lt; d, successor nk there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<T>(ref Vector<T> d, ref Vector<int> next, Vector<T> c, int nk) where T : IFloatingPointIeee754<T>
    {
        var m = Vector.LessThan(c, d);
        d = Vector.ConditionalSelect(m, c, d);
        next = Vector.ConditionalSelect(Vector.As<T, int>(m), new Vector<int>(nk), next);
    }

    /// <summary>One k, 8-byte lanes: two value vectors share one successor vector (masks narrowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<T>(ref Vector<T> lo, ref Vector<T> hi, ref Vector<int> next, Vector<T> cLo, Vector<T> cHi, int nk)
        where T : IFloatingPointIeee754<T>
    {
        var mLo = Vector.LessThan(cLo, lo);
        var mHi = Vector.LessThan(cHi, hi);
        lo = Vector.ConditionalSelect(mLo, cLo, lo);
        hi = Vector.ConditionalSelect(mHi, cHi, hi);
        next = Vector.ConditionalSelect(Vector.Narrow(Vector.As<T, long>(mLo), Vector.As<T, long>(mHi)), new Vector<int>(nk), next);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Replay4<T>(ref T d, ref int next, T b0, T b1, T b2, T b3, T a0, T a1, T a2, T a3, int n0, int n1, int n2, int n3)
        where T : IFloatingPointIeee754<T>
    {
        T c = a0 + b0;
        if (c < d) { d = c; next = n0; }
        c = a1 + b1;
        if (c < d) { d = c; next = n1; }
        c = a2 + b2;
        if (c < d) { d = c; next = n2; }
        c = a3 + b3;
        if (c < d) { d = c; next = n3; }
    }

    /// <summary>
    /// Lane form for the batched layout: d[l] = min(d[l], a[l] + b[l]); next[l] = nsrc[l] where it improved.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Lanes<T>(Span<T> d, Span<int> next, ReadOnlySpan<T> a, ReadOnlySpan<int> nsrc, ReadOnlySpan<T> b)
        where T : IFloatingPointIeee754<T>
    {
        int len = d.Length;
        if (next.Length < len || a.Length < len || nsrc.Length < len || b.Length < len) throw new ArgumentException("all spans must cover d");
        Lanes(ref MemoryMarshal.GetReference(d), ref MemoryMarshal.GetReference(next), ref MemoryMarshal.GetReference(a),
            ref MemoryMarshal.GetReference(nsrc), ref MemoryMarshal.GetReference(b), len);
    }

    /// <summary>Lane form on raw references (the batched kernel's inner loop; len elements each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Lanes<T>(ref T d, ref int next, ref T a, ref int nsrc, ref T b, int len) where T : IFloatingPointIeee754<T>
    {
        int l = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<int>.Count)
        {
            for (; l <= len - Vector<int>.Count; l += Vector<int>.Count)
            {
                var a0 = Vector.LoadUnsafe(ref Unsafe.Add(ref a, l));
                var a1 = Vector<T>.Count == Vector<int>.Count ? a0 : Vector.LoadUnsafe(ref Unsafe.Add(ref a, l + Vector<T>.Count));
                GroupBranchless(ref Unsafe.Add(ref d, l), ref Unsafe.Add(ref next, l), a0, a1, ref Unsafe.Add(ref b, l),
                    Vector.LoadUnsafe(ref Unsafe.Add(ref nsrc, l)));
            }
        }
        for (; l < len; l++)
        {
            T c = Unsafe.Add(ref a, l) + Unsafe.Add(ref b, l);
            if (c < Unsafe.Add(ref d, l))
            {
                Unsafe.Add(ref d, l) = c;
                Unsafe.Add(ref next, l) = Unsafe.Add(ref nsrc, l);
            }
        }
    }

    /// <summary>
    /// <see cref="Group{T}"/> without the "nothing improved" branch: across independent small graphs improvements
    /// are frequent and random per lane, so a data-dependent branch mispredicts more than the stores cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void GroupBranchless<T>(ref T d, ref int next, Vector<T> a0, Vector<T> a1, ref T b, Vector<int> nsrc)
        where T : IFloatingPointIeee754<T>
    {
        if (Vector<T>.Count == Vector<int>.Count)
        {
            var dv = Vector.LoadUnsafe(ref d);
            var c = a0 + Vector.LoadUnsafe(ref b);
            var m = Vector.LessThan(c, dv);
            Vector.ConditionalSelect(m, c, dv).StoreUnsafe(ref d);
            Vector.ConditionalSelect(Vector.As<T, int>(m), nsrc, Vector.LoadUnsafe(ref next)).StoreUnsafe(ref next);
        }
        else
        {
            ref T dHi = ref Unsafe.Add(ref d, Vector<T>.Count);
            var d0 = Vector.LoadUnsafe(ref d);
            var d1 = Vector.LoadUnsafe(ref dHi);
            var c0 = a0 + Vector.LoadUnsafe(ref b);
            var c1 = a1 + Vector.LoadUnsafe(ref Unsafe.Add(ref b, Vector<T>.Count));
            var m0 = Vector.LessThan(c0, d0);
            var m1 = Vector.LessThan(c1, d1);
            Vector.ConditionalSelect(m0, c0, d0).StoreUnsafe(ref d);
            Vector.ConditionalSelect(m1, c1, d1).StoreUnsafe(ref dHi);
            var m = Vector.Narrow(Vector.As<T, long>(m0), Vector.As<T, long>(m1));
            Vector.ConditionalSelect(m, nsrc, Vector.LoadUnsafe(ref next)).StoreUnsafe(ref next);
        }
    }

    /// <summary>One group of Vector&lt;int&gt;.Count lanes; a1 is the upper half's addend when T is 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group<T>(ref T d, ref int next, Vector<T> a0, Vector<T> a1, ref T b, Vector<int> nsrc)
        where T : IFloatingPointIeee754<T>
    {
        if (Vector<T>.Count == Vector<int>.Count)
        {
            var dv = Vector.LoadUnsafe(ref d);
            var c = a0 + Vector.LoadUnsafe(ref b);
            var m = Vector.As<T, int>(Vector.LessThan(c, dv));
            if (m == Vector<int>.Zero) return;
            Vector.ConditionalSelect(Vector.As<int, T>(m), c, dv).StoreUnsafe(ref d);
            Vector.ConditionalSelect(m, nsrc, Vector.LoadUnsafe(ref next)).StoreUnsafe(ref next);
        }
        else if (Vector<T>.Count * 2 == Vector<int>.Count)
        {
            ref T dHi = ref Unsafe.Add(ref d, Vector<T>.Count);
            var d0 = Vector.LoadUnsafe(ref d);
            var d1 = Vector.LoadUnsafe(ref dHi);
            var c0 = a0 + Vector.LoadUnsafe(ref b);
            var c1 = a1 + Vector.LoadUnsafe(ref Unsafe.Add(ref b, Vector<T>.Count));
            var m0 = Vector.As<T, long>(Vector.LessThan(c0, d0));
            var m1 = Vector.As<T, long>(Vector.LessThan(c1, d1));
            if ((m0 | m1) == Vector<long>.Zero) return;
            Vector.ConditionalSelect(Vector.As<long, T>(m0), c0, d0).StoreUnsafe(ref d);
            Vector.ConditionalSelect(Vector.As<long, T>(m1), c1, d1).StoreUnsafe(ref dHi);
            var m = Vector.Narrow(m0, m1);
            Vector.ConditionalSelect(m, nsrc, Vector.LoadUnsafe(ref next)).StoreUnsafe(ref next);
        }
        else
        {
            throw new NotSupportedException($"Floyd–Warshall lanes support 4- and 8-byte weights, not {typeof(T).Name}");
        }
    }
}
