using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// Left-looking supernodal sparse Cholesky for one lane of a large network (Ng &amp; Peyton 1993, "Block sparse
/// Cholesky algorithms on advanced uniprocessor computers", SIAM J. Sci. Comput. 14(5); Davis 2006, "Direct Methods
/// for Sparse Linear Systems", §9.1), over <see cref="CompiledNetwork"/>'s column storage unchanged.
/// <para>
/// A supernode is a run of columns f..l whose structures nest (column c's first row is c + 1 and it has one entry
/// more than column c + 1), so column c stores rows c+1..l and then the supernode's rows below l, S. In that packed
/// trapezoid, every step is a contiguous vector operation: inside a supernode, column c's tail is exactly column
/// c2's storage; a descendant supernode K updates a target column r with Σ_c L(S_K, c)·L(r, c), accumulated with
/// axpys over K's columns into a dense buffer and scattered once through relative indices. Each supernode waits in a
/// linked list on the next supernode its rows reach. On 2-D grids under nested dissection most operations fall in
/// the large separator supernodes, where this runs several times faster than the row-by-row up-looking scatter.
/// </para>
/// The diagonal holds 1/L(c,c) afterwards, as in <see cref="GgaBatchSolver"/>'s other factorizations.
/// </summary>
internal sealed class SupernodalCholesky
{
    /// <summary>Supernode s holds columns First[s]..First[s+1]−1.</summary>
    private readonly int[] _first;
    private readonly int[] _supernodeOf;
    private readonly int _maxBelow;

    public int Count => _first.Length - 1;

    public SupernodalCholesky(CompiledNetwork net)
    {
        int n = net.JunctionCount;
        var colStart = net.ColumnStart;
        var rows = net.RowOfEntry;
        var first = new List<int> { 0 };
        _supernodeOf = new int[n];
        for (int c = 0; c < n; c++)
        {
            int s = first.Count - 1;
            _supernodeOf[c] = s;
            int count = colStart[c + 1] - colStart[c];
            bool joinsNext = c + 1 < n && count > 0 && rows[colStart[c]] == c + 1 && count == colStart[c + 2] - colStart[c + 1] + 1;
            if (!joinsNext) first.Add(c + 1);
        }
        _first = [.. first];
        for (int s = 0; s < Count; s++)
        {
            int l = _first[s + 1] - 1;
            _maxBelow = Math.Max(_maxBelow, colStart[l + 1] - colStart[l]);
        }
    }

    /// <summary>Per-thread scratch of <see cref="Solve"/>.</summary>
    public sealed class Scratch(SupernodalCholesky plan, int n)
    {
        public readonly int[] Map = new int[n];
        public readonly int[] Rel = new int[plan._maxBelow + 1];
        public readonly double[] Temp = new double[plan._maxBelow + 1];
        public readonly int[] Head = new int[plan.Count];
        public readonly int[] Next = new int[plan.Count];
        public readonly int[] Pointer = new int[plan.Count];
    }

    /// <summary>
    /// Factorizes <paramref name="v"/> (diagonal then strictly-lower entries, A on entry) in place and solves
    /// A·x = <paramref name="f"/> in place. False on a non-positive pivot. <paramref name="grounding"/> carries the
    /// rows' excess, the pivot of a column with nothing below it (<see cref="GgaLaneSolver.CholeskySolve"/>).
    /// </summary>
    public bool Solve(CompiledNetwork net, Span<double> v, Span<double> f, Span<double> grounding, Scratch scratch)
    {
        int n = net.JunctionCount;
        var colStart = net.ColumnStart;
        var rows = net.RowOfEntry;
        var l0 = v[n..];
        var head = scratch.Head;
        var next = scratch.Next;
        var pointer = scratch.Pointer;
        var map = scratch.Map;
        var rel = scratch.Rel;
        var temp = scratch.Temp;
        head.AsSpan().Fill(-1);
        for (int s = 0; s < Count; s++)
        {
            int fs = _first[s], ls = _first[s + 1] - 1, w = ls - fs + 1;
            int below0 = colStart[ls], m = colStart[ls + 1] - below0;
            for (int i = 0; i < m; i++) map[rows[below0 + i]] = w + i;

            // Updates from every descendant supernode whose rows reach f..l.
            for (int k = head[s]; k >= 0;)
            {
                int kNext = next[k];
                int fk = _first[k], lk = _first[k + 1] - 1;
                int kBelow = colStart[lk], mk = colStart[lk + 1] - kBelow;
                int p1 = pointer[k], p2 = p1;
                while (p2 < mk && rows[kBelow + p2] <= ls) p2++;
                for (int q = p1; q < mk; q++)
                {
                    int row = rows[kBelow + q];
                    rel[q] = row <= ls ? row - fs : map[row];
                }
                for (int q0 = p1; q0 < p2; q0++)
                {
                    int len = mk - q0;
                    var acc = temp.AsSpan(0, len);
                    acc.Clear();
                    for (int c = fk; c <= lk; c++)
                    {
                        // Column c's rows below K: entries colStart[c] + (lk − c) on.
                        var col = l0.Slice(colStart[c] + (lk - c) + q0, len);
                        Axpy(acc, col[0], col);
                    }
                    int r = rows[kBelow + q0], t = r - fs;
                    v[r] -= acc[0];
                    var target = l0[colStart[r]..];
                    for (int q = q0 + 1; q < mk; q++) target[rel[q] - t - 1] -= acc[q - q0];
                }
                pointer[k] = p2;
                if (p2 < mk) Link(k, _supernodeOf[rows[kBelow + p2]]);
                k = kNext;
            }

            // The supernode itself: dense Cholesky of its columns, column c's tail updating each later column.
            for (int c = fs; c <= ls; c++)
            {
                double d = v[c];
                int len = colStart[c + 1] - colStart[c];
                if (len == 0) d = grounding[c];
                if (!(d > 0)) return false;
                double dInv = 1.0 / Math.Sqrt(d);
                v[c] = dInv;
                var col = l0.Slice(colStart[c], len);
                Scale(col, dInv);
                double gc = grounding[c] * dInv;
                for (int i = 0; i < len; i++) grounding[rows[colStart[c] + i]] += Math.Abs(col[i]) * gc;
                for (int c2 = c + 1; c2 <= ls; c2++)
                {
                    double lc = col[c2 - c - 1];
                    v[c2] -= lc * lc;
                    Axpy(l0.Slice(colStart[c2], len - (c2 - c)), -lc, col[(c2 - c)..]);
                }
            }
            if (m > 0)
            {
                pointer[s] = 0;
                Link(s, _supernodeOf[rows[below0]]);
            }
        }

        // L·z = f, then Lᵀ·x = z (the diagonal holds 1/L(c,c)).
        for (int c = 0; c < n; c++)
        {
            double fc = f[c] * v[c];
            f[c] = fc;
            for (int e = colStart[c]; e < colStart[c + 1]; e++) f[rows[e]] -= l0[e] * fc;
        }
        for (int c = n - 1; c >= 0; c--)
        {
            double s = f[c];
            for (int e = colStart[c]; e < colStart[c + 1]; e++) s -= l0[e] * f[rows[e]];
            f[c] = s * v[c];
        }
        return true;

        void Link(int k, int s)
        {
            next[k] = head[s];
            head[s] = k;
        }
    }

    /// <summary>y += a·x (same lengths), in vectors of <see cref="Vector{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        int i = 0, n = y.Length;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            ref double yr = ref MemoryMarshal.GetReference(y);
            ref double xr = ref MemoryMarshal.GetReference(x);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var vy = Vector.LoadUnsafe(ref yr, (nuint)i) + va * Vector.LoadUnsafe(ref xr, (nuint)i);
                vy.StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++) y[i] += a * x[i];
    }

    private static void Scale(Span<double> y, double a)
    {
        for (int i = 0; i < y.Length; i++) y[i] *= a;
    }
}
