using System.Numerics;
using System.Runtime.CompilerServices;

namespace WdnAccel.Kernels.Scalar;

/// <summary>
/// Floyd–Warshall, the reference: plain k-i-j loops (Floyd 1962, "Algorithm 97: Shortest path", CACM 5(6);
/// the Lishui case section 2.2 steps 2–3). A pair is updated only on strict improvement, so among equal-length routes
/// the one found first in k order is kept; every accelerated path must reproduce this bit for bit.
/// </summary>
internal static class FloydWarshallScalar
{
    /// <summary>
    /// Prepares weights for relaxation: diagonal = min(self-loop, 0); successor = j where an arc i→j exists,
    /// i on the diagonal, −1 elsewhere. Shared by every backend so that all start from the same state.
    /// With <paramref name="graphs"/> &gt; 1 the matrices are interleaved, <c>d[(i*n + j)*graphs + g]</c> (batched layout).
    /// An empty <paramref name="next"/> (single graph only) asks for distances alone: no successor is written.
    /// </summary>
    /// <returns>Whether no initialized value has its sign bit set (every one is +0, positive or +∞). Then every sum
    /// the relaxation forms is too (no −0: only −0 + −0 rounds to −0; no NaN: only −∞ + ∞ is NaN), so a plain
    /// minimum (PTX min.f64, OpenCL fmin, Math.Min) keeps exactly what the strict-improvement rule keeps: the two
    /// can only differ on NaN or on +0 against −0.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Initialize<T>(Span<T> dist, Span<int> next, int n, int graphs = 1) where T : IFloatingPointIeee754<T>
    {
        if (graphs == 1) Check(dist.Length, next.Length, n);
        bool routes = !next.IsEmpty;
        bool signed = false;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                int cell = (i * n + j) * graphs;
                for (int g = 0; g < graphs; g++)
                {
                    ref T d = ref dist[cell + g];
                    // −∞ is refused with NaN: −∞ + ∞ (an unreachable pair) is NaN, which the accelerated kernels' quick
                    // "nothing improves" tests assume cannot occur.
                    if (T.IsNaN(d) || T.IsNegativeInfinity(d))
                        throw new ArgumentException(graphs == 1 ? $"weight [{i},{j}] is {d}: weights must be numbers above −∞" : $"weight [{i},{j}] of graph {g} is {d}: weights must be numbers above −∞", nameof(dist));
                    if (i == j && d > T.Zero) d = T.Zero;
                    signed |= T.IsNegative(d);
                    if (routes) next[cell + g] = i == j ? i : T.IsPositiveInfinity(d) ? -1 : j;
                }
            }
        }
        return !signed;
    }

    /// <summary>The k-i-j relaxation; <paramref name="dist"/> and <paramref name="next"/> must be initialized
    /// (<paramref name="next"/> empty: distances alone, the same distances bit for bit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a CLI run calls it once: skip the tier-0 pass
    public static void Relax<T>(Span<T> dist, Span<int> next, int n, IProgress<double>? progress = null) where T : IFloatingPointIeee754<T>
    {
        bool routes = !next.IsEmpty;
        int every = Math.Max(1, n / 100);
        for (int k = 0; k < n; k++)
        {
            if (progress is not null && k > 0 && k % every == 0) progress.Report((double)k / n);
            int rowK = k * n;
            for (int i = 0; i < n; i++)
            {
                int rowI = i * n;
                T dik = dist[rowI + k];
                int nik = routes ? next[rowI + k] : -1;
                for (int j = 0; j < n; j++)
                {
                    T candidate = dik + dist[rowK + j];
                    if (candidate < dist[rowI + j])
                    {
                        dist[rowI + j] = candidate;
                        if (routes) next[rowI + j] = nik;
                    }
                }
            }
        }
    }

    /// <summary>True when every diagonal entry is still ≥ 0, i.e. no negative cycle (NaN counts as broken).</summary>
    public static bool NoNegativeCycle<T>(ReadOnlySpan<T> dist, int n) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
            if (!(dist[i * n + i] >= T.Zero)) return false;
        return true;
    }

    public static bool Run<T>(Span<T> dist, Span<int> next, int n, IProgress<double>? progress = null) where T : IFloatingPointIeee754<T>
    {
        Initialize(dist, next, n);
        Relax(dist, next, n, progress);
        progress?.Report(1.0);
        return NoNegativeCycle<T>(dist, n);
    }

    /// <summary>Batched reference: each graph gathered out of the lane layout, solved alone, scattered back.</summary>
    public static void RunBatched<T>(Span<T> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle)
        where T : IFloatingPointIeee754<T>
    {
        CheckBatched(dist.Length, next.Length, n, graphs, negativeCycle.Length);
        int nn = n * n;
        var d = new T[nn];
        var x = new int[nn];
        for (int g = 0; g < graphs; g++)
        {
            for (int e = 0; e < nn; e++) d[e] = dist[e * graphs + g];
            negativeCycle[g] = !Run<T>(d, x, n);
            for (int e = 0; e < nn; e++)
            {
                dist[e * graphs + g] = d[e];
                next[e * graphs + g] = x[e];
            }
        }
    }

    internal static void Check(int distLength, int nextLength, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n > 46340) throw new ArgumentOutOfRangeException(nameof(n), "n² must fit in an int index");
        if (distLength != n * n) throw new ArgumentException($"dist must hold n*n = {n * n} values, has {distLength}");
        if (nextLength != n * n && nextLength != 0) throw new ArgumentException($"next must hold n*n = {n * n} values (or none, for distances alone), has {nextLength}");
    }

    internal static void CheckBatched(int distLength, int nextLength, int n, int graphs, int flags)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(graphs);
        long need = (long)n * n * graphs;
        if (need > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(graphs), "n*n*graphs must fit in an int index");
        if (distLength != need) throw new ArgumentException($"dist must hold n*n*graphs = {need} values, has {distLength}");
        if (nextLength != need) throw new ArgumentException($"next must hold n*n*graphs = {need} values, has {nextLength}");
        if (flags < graphs) throw new ArgumentException($"negativeCycle must hold {graphs} flags, has {flags}");
    }
}
