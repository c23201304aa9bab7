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
    public static void Row<T>(Span<T> d, Span<int> next, ReadOnlySpan<T> krow, T a, int nk) where T : IFloatingPointIeee754<T>
    {
        if (T.IsPositiveInfinity(a)) return; // i cannot reach k: nothing through k can improve
        int len = d.Length;
        int j = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<int>.Count)
        {
            ref T dr = ref MemoryMarshal.GetReference(d);
            ref int nr = ref MemoryMarshal.GetReference(next);
            ref T kr = ref MemoryMarshal.GetReference(krow);
            var va = new Vector<T>(a);
            var vn = new Vector<int>(nk);
            for (; j <= len - Vector<int>.Count; j += Vector<int>.Count)
                Group(ref Unsafe.Add(ref dr, j), ref Unsafe.Add(ref nr, j), va, va, ref Unsafe.Add(ref kr, j), vn);
        }
        for (; j < len; j++) // remainder (or everything, without hardware vectors)
        {
            T c = a + krow[j];
            if (c < d[j])
            {
                d[j] = c;
                next[j] = nk;
            }
        }
    }

    /// <summary>
    /// Lane form for the batched layout: d[l] = min(d[l], a[l] + b[l]); next[l] = nsrc[l] where it improved.
    /// Length must be a multiple of <c>Vector&lt;int&gt;.Count</c> when vectors are used (the batched kernel pads).
    /// </summary>
    public static void Lanes<T>(Span<T> d, Span<int> next, ReadOnlySpan<T> a, ReadOnlySpan<int> nsrc, ReadOnlySpan<T> b)
        where T : IFloatingPointIeee754<T>
    {
        int len = d.Length;
        int l = 0;
        if (Vector.IsHardwareAccelerated && len >= Vector<int>.Count)
        {
            ref T dr = ref MemoryMarshal.GetReference(d);
            ref int nr = ref MemoryMarshal.GetReference(next);
            ref T ar = ref MemoryMarshal.GetReference(a);
            ref int sr = ref MemoryMarshal.GetReference(nsrc);
            ref T br = ref MemoryMarshal.GetReference(b);
            for (; l <= len - Vector<int>.Count; l += Vector<int>.Count)
            {
                var a0 = Vector.LoadUnsafe(ref Unsafe.Add(ref ar, l));
                var a1 = Vector<T>.Count == Vector<int>.Count ? a0 : Vector.LoadUnsafe(ref Unsafe.Add(ref ar, l + Vector<T>.Count));
                Group(ref Unsafe.Add(ref dr, l), ref Unsafe.Add(ref nr, l), a0, a1, ref Unsafe.Add(ref br, l),
                    Vector.LoadUnsafe(ref Unsafe.Add(ref sr, l)));
            }
        }
        for (; l < len; l++)
        {
            T c = a[l] + b[l];
            if (c < d[l])
            {
                d[l] = c;
                next[l] = nsrc[l];
            }
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
