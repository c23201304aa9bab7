using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
// The machine's min-plus peak for the Floyd–Warshall register tile (kernels/WdnAccel.Kernels/Simd/FloydWarshallRegisterTile.cs):
// the same inner loop - per k two row loads, four column broadcasts, and per register add, compare, vminpd and a masked
// successor blend over a 4-row x 16-double tile - on snapshots that stay in L1, so nothing but the instruction mix
// limits it. Run: dotnet run -c Release --project tools/fw-peak -- THREADS (best of 10 passes; take it on a free core).
const int K = 128;
var row = new double[K * 16]; var col = new double[K * 4]; var suc = new long[K * 4];
var rng = new Random(1);
for (int i = 0; i < row.Length; i++) row[i] = rng.NextDouble();
for (int i = 0; i < col.Length; i++) { col[i] = rng.NextDouble(); suc[i] = i; }
int threads = args.Length > 0 ? int.Parse(args[0]) : 1;
for (int rep = 0; rep < 10; rep++)
{
    long passes = 400_000;
    var sw = Stopwatch.StartNew();
    Parallel.For(0, threads, t => { for (long p = 0; p < passes; p++) Tile(row, col, suc); });
    double s = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"{threads} thread(s): {passes * threads * K * 64.0 / s / 1e9:F2} G relaxations/s");
}

[MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
static void Tile(double[] rowA, double[] colA, long[] sucA)
{
    ref double rowSnap = ref rowA[0]; ref double c0r = ref colA[0]; ref long s0r = ref sucA[0];
    var x00 = Vector512.Create(9.0); var x01 = x00; var x10 = x00; var x11 = x00; var x20 = x00; var x21 = x00; var x30 = x00; var x31 = x00;
    var s00 = Vector512<long>.Zero; var s01 = s00; var s10 = s00; var s11 = s00; var s20 = s00; var s21 = s00; var s30 = s00; var s31 = s00;
    for (int kk = 0; kk < K; kk++)
    {
        ref double r = ref Unsafe.Add(ref rowSnap, kk * 16);
        var b0 = Vector512.LoadUnsafe(ref r); var b1 = Vector512.LoadUnsafe(ref r, 8);
        ref double c = ref Unsafe.Add(ref c0r, kk * 4); ref long sc = ref Unsafe.Add(ref s0r, kk * 4);
        var a = Vector512.Create(c); var q = Vector512.Create(sc);
        var c0 = a + b0; s00 = Vector512.ConditionalSelect(Vector512.LessThan(c0, x00).AsInt64(), q, s00); x00 = Vector512.MinNative(c0, x00);
        var c1 = a + b1; s01 = Vector512.ConditionalSelect(Vector512.LessThan(c1, x01).AsInt64(), q, s01); x01 = Vector512.MinNative(c1, x01);
        a = Vector512.Create(Unsafe.Add(ref c, 1)); q = Vector512.Create(Unsafe.Add(ref sc, 1));
        c0 = a + b0; s10 = Vector512.ConditionalSelect(Vector512.LessThan(c0, x10).AsInt64(), q, s10); x10 = Vector512.MinNative(c0, x10);
        c1 = a + b1; s11 = Vector512.ConditionalSelect(Vector512.LessThan(c1, x11).AsInt64(), q, s11); x11 = Vector512.MinNative(c1, x11);
        a = Vector512.Create(Unsafe.Add(ref c, 2)); q = Vector512.Create(Unsafe.Add(ref sc, 2));
        c0 = a + b0; s20 = Vector512.ConditionalSelect(Vector512.LessThan(c0, x20).AsInt64(), q, s20); x20 = Vector512.MinNative(c0, x20);
        c1 = a + b1; s21 = Vector512.ConditionalSelect(Vector512.LessThan(c1, x21).AsInt64(), q, s21); x21 = Vector512.MinNative(c1, x21);
        a = Vector512.Create(Unsafe.Add(ref c, 3)); q = Vector512.Create(Unsafe.Add(ref sc, 3));
        c0 = a + b0; s30 = Vector512.ConditionalSelect(Vector512.LessThan(c0, x30).AsInt64(), q, s30); x30 = Vector512.MinNative(c0, x30);
        c1 = a + b1; s31 = Vector512.ConditionalSelect(Vector512.LessThan(c1, x31).AsInt64(), q, s31); x31 = Vector512.MinNative(c1, x31);
    }
    var sum = x00 + x01 + x10 + x11 + x20 + x21 + x30 + x31; var ss = s00 + s01 + s10 + s11 + s20 + s21 + s30 + s31;
    if (sum[0] == 42 && ss[0] == 42) Console.Write("");
}
