using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace WdnAccel.Kernels.Simd;

/// <summary>
/// Register micro-kernel of <see cref="FloydWarshallBlocked"/> on 512-bit vectors: a 4-row × 2-vector tile of d
/// (16 doubles or 32 floats per row) and its successors stay in registers while a run of k streams past, the way
/// a GEMM micro-kernel keeps its C tile, so d and next are loaded and stored once per run instead of once per k.
/// <para>
/// Per k and register: one add, one compare, one min (vminpd(c, d) = c &lt; d ? c : d, the strict-improvement
/// select) and one successor blend on the compare's mask — 4 instructions per 8 double relaxations, no
/// branches. A variant that first proved "no improvement" for four k with a min tree and replayed the rare
/// improving registers was slower here: about 16 % of 4-k register steps improve somewhere on a 10 %-dense
/// random graph at n = 2048, and each one costs a mispredicted branch.
/// </para>
/// Vector512 operations also run (slowly, in software) where the hardware lacks them; the tests use that to
/// check this kernel on any machine, and <see cref="FloydWarshallBlocked"/> only picks it where it is accelerated.
/// </summary>
internal static class FloydWarshallRegisterTile
{
    /// <summary>Rows of d per call.</summary>
    public const int Rows = 4;

    /// <summary>Columns of d per call: two 512-bit vectors.</summary>
    public static int Columns<T>() => 2 * Vector512<T>.Count;

    /// <summary>
    /// Relaxes d[i..i+3, j..j+Columns) through bk consecutive k whose snapshots are given: <paramref name="d"/>
    /// and <paramref name="next"/> point at (i, j) with row stride n; <paramref name="rowSnap"/> at the first k's
    /// row snapshot for column j, consecutive k <paramref name="rowStride"/> apart (n in the snapshot itself,
    /// <see cref="Columns{T}"/> in a panel copy); <paramref name="colSnap"/> and <paramref name="succSnap"/> at row
    /// i's column snapshots for the first k (row stride <paramref name="tile"/>; successors as
    /// <see cref="SuccessorBits{T}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Relax<T>(ref T d, ref int next, int n, ref T rowSnap, int rowStride, ref T colSnap, ref T succSnap, int tile, int bk)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint w = (nuint)Vector512<T>.Count, sn = (nuint)n, rs = (nuint)rowStride;
        ref T dr1 = ref Unsafe.Add(ref d, sn), dr2 = ref Unsafe.Add(ref d, 2 * sn), dr3 = ref Unsafe.Add(ref d, 3 * sn);
        ref int nx1 = ref Unsafe.Add(ref next, sn), nx2 = ref Unsafe.Add(ref next, 2 * sn), nx3 = ref Unsafe.Add(ref next, 3 * sn);
        LoadRow(ref d, ref next, out var x00, out var x01, out var s00, out var s01);
        LoadRow(ref dr1, ref nx1, out var x10, out var x11, out var s10, out var s11);
        LoadRow(ref dr2, ref nx2, out var x20, out var x21, out var s20, out var s21);
        LoadRow(ref dr3, ref nx3, out var x30, out var x31, out var s30, out var s31);
        for (int kk = 0; kk < bk; kk++)
        {
            ref T r = ref Unsafe.Add(ref rowSnap, (nuint)kk * rs);
            var b0 = Vector512.LoadUnsafe(ref r);
            var b1 = Vector512.LoadUnsafe(ref r, w);
            ref T c = ref Unsafe.Add(ref colSnap, kk);
            ref T sc = ref Unsafe.Add(ref succSnap, kk);
            var a = Vector512.Create(c);
            var q = Vector512.Create(sc);
            var c0 = a + b0; s00 = Vector512.ConditionalSelect(Vector512.LessThan(c0, x00), q, s00); x00 = StrictMin.Of(c0, x00);
            var c1 = a + b1; s01 = Vector512.ConditionalSelect(Vector512.LessThan(c1, x01), q, s01); x01 = StrictMin.Of(c1, x01);
            a = Vector512.Create(Unsafe.Add(ref c, tile));
            q = Vector512.Create(Unsafe.Add(ref sc, tile));
            c0 = a + b0; s10 = Vector512.ConditionalSelect(Vector512.LessThan(c0, x10), q, s10); x10 = StrictMin.Of(c0, x10);
            c1 = a + b1; s11 = Vector512.ConditionalSelect(Vector512.LessThan(c1, x11), q, s11); x11 = StrictMin.Of(c1, x11);
            a = Vector512.Create(Unsafe.Add(ref c, 2 * tile));
            q = Vector512.Create(Unsafe.Add(ref sc, 2 * tile));
            c0 = a + b0; s20 = Vector512.ConditionalSelect(Vector512.LessThan(c0, x20), q, s20); x20 = StrictMin.Of(c0, x20);
            c1 = a + b1; s21 = Vector512.ConditionalSelect(Vector512.LessThan(c1, x21), q, s21); x21 = StrictMin.Of(c1, x21);
            a = Vector512.Create(Unsafe.Add(ref c, 3 * tile));
            q = Vector512.Create(Unsafe.Add(ref sc, 3 * tile));
            c0 = a + b0; s30 = Vector512.ConditionalSelect(Vector512.LessThan(c0, x30), q, s30); x30 = StrictMin.Of(c0, x30);
            c1 = a + b1; s31 = Vector512.ConditionalSelect(Vector512.LessThan(c1, x31), q, s31); x31 = StrictMin.Of(c1, x31);
        }
        StoreRow(ref d, ref next, x00, x01, s00, s01);
        StoreRow(ref dr1, ref nx1, x10, x11, s10, s11);
        StoreRow(ref dr2, ref nx2, x20, x21, s20, s21);
        StoreRow(ref dr3, ref nx3, x30, x31, s30, s31);
    }

    /// <summary>
    /// <see cref="Relax{T}"/> without successors: per k and register one add and one min (vminpd is the
    /// strict-improvement select), half the instructions and registers of the successor form.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RelaxDistances<T>(ref T d, int n, ref T rowSnap, int rowStride, ref T colSnap, int tile, int bk)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint w = (nuint)Vector512<T>.Count, sn = (nuint)n, rs = (nuint)rowStride;
        ref T dr1 = ref Unsafe.Add(ref d, sn), dr2 = ref Unsafe.Add(ref d, 2 * sn), dr3 = ref Unsafe.Add(ref d, 3 * sn);
        var x00 = Vector512.LoadUnsafe(ref d); var x01 = Vector512.LoadUnsafe(ref d, w);
        var x10 = Vector512.LoadUnsafe(ref dr1); var x11 = Vector512.LoadUnsafe(ref dr1, w);
        var x20 = Vector512.LoadUnsafe(ref dr2); var x21 = Vector512.LoadUnsafe(ref dr2, w);
        var x30 = Vector512.LoadUnsafe(ref dr3); var x31 = Vector512.LoadUnsafe(ref dr3, w);
        for (int kk = 0; kk < bk; kk++)
        {
            ref T r = ref Unsafe.Add(ref rowSnap, (nuint)kk * rs);
            var b0 = Vector512.LoadUnsafe(ref r);
            var b1 = Vector512.LoadUnsafe(ref r, w);
            ref T c = ref Unsafe.Add(ref colSnap, kk);
            var a = Vector512.Create(c);
            x00 = StrictMin.Of(a + b0, x00); x01 = StrictMin.Of(a + b1, x01);
            a = Vector512.Create(Unsafe.Add(ref c, tile));
            x10 = StrictMin.Of(a + b0, x10); x11 = StrictMin.Of(a + b1, x11);
            a = Vector512.Create(Unsafe.Add(ref c, 2 * tile));
            x20 = StrictMin.Of(a + b0, x20); x21 = StrictMin.Of(a + b1, x21);
            a = Vector512.Create(Unsafe.Add(ref c, 3 * tile));
            x30 = StrictMin.Of(a + b0, x30); x31 = StrictMin.Of(a + b1, x31);
        }
        x00.StoreUnsafe(ref d); x01.StoreUnsafe(ref d, w);
        x10.StoreUnsafe(ref dr1); x11.StoreUnsafe(ref dr1, w);
        x20.StoreUnsafe(ref dr2); x21.StoreUnsafe(ref dr2, w);
        x30.StoreUnsafe(ref dr3); x31.StoreUnsafe(ref dr3, w);
    }

    /// <summary>
    /// The own steps of a phase-2 column sub-block (<see cref="FloydWarshallBlocked"/>): rows i..i+3 × the
    /// sub-block's Columns columns, which are also its k. Step t reads d[i, k] from lane t of the row's own
    /// registers (a one-instruction lane broadcast), captures it and its successor as the column snapshot, and
    /// relaxes the strip against the diagonal's row-k snapshot. Same operands and order as the reference.
    /// Pointers as in <see cref="Relax{T}"/>; nextSnap receives the captured successors as ints.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OwnColumns<T>(ref T d, ref int next, int n, ref T rowSnap, ref T colSnap, ref int nextSnap, ref T succSnap, int tile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        nuint sw = (nuint)w, sn = (nuint)n;
        ref T dr1 = ref Unsafe.Add(ref d, sn), dr2 = ref Unsafe.Add(ref d, 2 * sn), dr3 = ref Unsafe.Add(ref d, 3 * sn);
        ref int nx1 = ref Unsafe.Add(ref next, sn), nx2 = ref Unsafe.Add(ref next, 2 * sn), nx3 = ref Unsafe.Add(ref next, 3 * sn);
        LoadRow(ref d, ref next, out var x00, out var x01, out var s00, out var s01);
        LoadRow(ref dr1, ref nx1, out var x10, out var x11, out var s10, out var s11);
        LoadRow(ref dr2, ref nx2, out var x20, out var x21, out var s20, out var s21);
        LoadRow(ref dr3, ref nx3, out var x30, out var x31, out var s30, out var s31);
        for (int t = 0; t < 2 * w; t++)
        {
            ref T r = ref Unsafe.Add(ref rowSnap, (nuint)t * sn);
            var b0 = Vector512.LoadUnsafe(ref r);
            var b1 = Vector512.LoadUnsafe(ref r, sw);
            bool low = t < w;
            int lane = t & (w - 1);
            Own(ref x00, ref x01, ref s00, ref s01, b0, b1, low, lane, ref Unsafe.Add(ref colSnap, t), ref Unsafe.Add(ref nextSnap, t), ref Unsafe.Add(ref succSnap, t));
            Own(ref x10, ref x11, ref s10, ref s11, b0, b1, low, lane, ref Unsafe.Add(ref colSnap, tile + t), ref Unsafe.Add(ref nextSnap, tile + t), ref Unsafe.Add(ref succSnap, tile + t));
            Own(ref x20, ref x21, ref s20, ref s21, b0, b1, low, lane, ref Unsafe.Add(ref colSnap, 2 * tile + t), ref Unsafe.Add(ref nextSnap, 2 * tile + t), ref Unsafe.Add(ref succSnap, 2 * tile + t));
            Own(ref x30, ref x31, ref s30, ref s31, b0, b1, low, lane, ref Unsafe.Add(ref colSnap, 3 * tile + t), ref Unsafe.Add(ref nextSnap, 3 * tile + t), ref Unsafe.Add(ref succSnap, 3 * tile + t));
        }
        StoreRow(ref d, ref next, x00, x01, s00, s01);
        StoreRow(ref dr1, ref nx1, x10, x11, s10, s11);
        StoreRow(ref dr2, ref nx2, x20, x21, s20, s21);
        StoreRow(ref dr3, ref nx3, x30, x31, s30, s31);
    }

    /// <summary><see cref="OwnColumns{T}"/> without successors: captures the column snapshot only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void OwnColumnsDistances<T>(ref T d, int n, ref T rowSnap, ref T colSnap, int tile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int w = Vector512<T>.Count;
        nuint sw = (nuint)w, sn = (nuint)n;
        ref T dr1 = ref Unsafe.Add(ref d, sn), dr2 = ref Unsafe.Add(ref d, 2 * sn), dr3 = ref Unsafe.Add(ref d, 3 * sn);
        var x00 = Vector512.LoadUnsafe(ref d); var x01 = Vector512.LoadUnsafe(ref d, sw);
        var x10 = Vector512.LoadUnsafe(ref dr1); var x11 = Vector512.LoadUnsafe(ref dr1, sw);
        var x20 = Vector512.LoadUnsafe(ref dr2); var x21 = Vector512.LoadUnsafe(ref dr2, sw);
        var x30 = Vector512.LoadUnsafe(ref dr3); var x31 = Vector512.LoadUnsafe(ref dr3, sw);
        for (int t = 0; t < 2 * w; t++)
        {
            ref T r = ref Unsafe.Add(ref rowSnap, (nuint)t * sn);
            var b0 = Vector512.LoadUnsafe(ref r);
            var b1 = Vector512.LoadUnsafe(ref r, sw);
            bool low = t < w;
            int lane = t & (w - 1);
            OwnDistances(ref x00, ref x01, b0, b1, low, lane, ref Unsafe.Add(ref colSnap, t));
            OwnDistances(ref x10, ref x11, b0, b1, low, lane, ref Unsafe.Add(ref colSnap, tile + t));
            OwnDistances(ref x20, ref x21, b0, b1, low, lane, ref Unsafe.Add(ref colSnap, 2 * tile + t));
            OwnDistances(ref x30, ref x31, b0, b1, low, lane, ref Unsafe.Add(ref colSnap, 3 * tile + t));
        }
        x00.StoreUnsafe(ref d); x01.StoreUnsafe(ref d, sw);
        x10.StoreUnsafe(ref dr1); x11.StoreUnsafe(ref dr1, sw);
        x20.StoreUnsafe(ref dr2); x21.StoreUnsafe(ref dr2, sw);
        x30.StoreUnsafe(ref dr3); x31.StoreUnsafe(ref dr3, sw);
    }

    /// <summary>One row of <see cref="OwnColumnsDistances{T}"/> through one step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OwnDistances<T>(ref Vector512<T> x0, ref Vector512<T> x1, Vector512<T> b0, Vector512<T> b1, bool low, int lane, ref T col)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Broadcast(low ? x0 : x1, lane);
        col = a.ToScalar();
        x0 = StrictMin.Of(a + b0, x0);
        x1 = StrictMin.Of(a + b1, x1);
    }

    /// <summary>One row of <see cref="OwnColumns{T}"/> through one step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Own<T>(ref Vector512<T> x0, ref Vector512<T> x1, ref Vector512<T> s0, ref Vector512<T> s1,
        Vector512<T> b0, Vector512<T> b1, bool low, int lane, ref T col, ref int nextCol, ref T succCol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Broadcast(low ? x0 : x1, lane);
        var q = Broadcast(low ? s0 : s1, lane);
        col = a.ToScalar();
        succCol = q.ToScalar();
        nextCol = SuccessorFromBits(succCol);
        var c = a + b0;
        s0 = Vector512.ConditionalSelect(Vector512.LessThan(c, x0), q, s0);
        x0 = StrictMin.Of(c, x0);
        c = a + b1;
        s1 = Vector512.ConditionalSelect(Vector512.LessThan(c, x1), q, s1);
        x1 = StrictMin.Of(c, x1);
    }

    /// <summary>Lane <paramref name="lane"/> of v in every lane (vpermpd / vpermps with a broadcast index).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Broadcast<T>(Vector512<T> v, int lane) where T : unmanaged =>
        Vector512<T>.Count == 8
            ? Vector512.Shuffle(v.As<T, double>(), Vector512.Create((long)lane)).As<double, T>()
            : Vector512.Shuffle(v.As<T, float>(), Vector512.Create(lane)).As<float, T>();

    /// <summary>One tile row from memory: two d vectors and their successors as T-sized integer lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadRow<T>(ref T d, ref int next, out Vector512<T> x0, out Vector512<T> x1, out Vector512<T> s0, out Vector512<T> s1)
        where T : unmanaged
    {
        int w = Vector512<T>.Count;
        x0 = Vector512.LoadUnsafe(ref d);
        x1 = Vector512.LoadUnsafe(ref d, (nuint)w);
        s0 = LoadSucc<T>(ref next);
        s1 = LoadSucc<T>(ref Unsafe.Add(ref next, w));
    }

    /// <summary>The inverse of <see cref="LoadRow{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<T>(ref T d, ref int next, Vector512<T> x0, Vector512<T> x1, Vector512<T> s0, Vector512<T> s1)
        where T : unmanaged
    {
        int w = Vector512<T>.Count;
        x0.StoreUnsafe(ref d);
        x1.StoreUnsafe(ref d, (nuint)w);
        StoreSucc(s0, ref next);
        StoreSucc(s1, ref Unsafe.Add(ref next, w));
    }

    /// <summary>A successor as integer bits in a T (selects are bitwise, so the lanes never convert).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SuccessorBits<T>(int s) where T : unmanaged
    {
        long wide = s;
        int narrow = s;
        return Unsafe.SizeOf<T>() == 8 ? Unsafe.As<long, T>(ref wide) : Unsafe.As<int, T>(ref narrow);
    }

    /// <summary>The successor back from <see cref="SuccessorBits{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SuccessorFromBits<T>(T bits) where T : unmanaged =>
        Unsafe.SizeOf<T>() == 8 ? (int)Unsafe.As<T, long>(ref bits) : Unsafe.As<T, int>(ref bits);

    /// <summary>Vector512&lt;T&gt;.Count successors from int memory into T-sized integer lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> LoadSucc<T>(ref int next) where T : unmanaged
    {
        if (Vector512<T>.Count == Vector512<int>.Count) return Vector512.LoadUnsafe(ref next).As<int, T>();
        var v = Vector256.LoadUnsafe(ref next);
        return Vector512.Create(Vector256.WidenLower(v), Vector256.WidenUpper(v)).As<long, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSucc<T>(Vector512<T> s, ref int next) where T : unmanaged
    {
        if (Vector512<T>.Count == Vector512<int>.Count) { s.As<T, int>().StoreUnsafe(ref next); return; }
        var l = s.As<T, long>();
        Vector256.Narrow(l.GetLower(), l.GetUpper()).StoreUnsafe(ref next);
    }
}
