namespace WdnAccel.Core.Compute;

/// <summary>
/// All-pairs shortest paths (Floyd–Warshall) for the Lishui case's Dist and Route matrices.
/// <para>
/// Input: <c>dist</c> holds the arc weights of an n×n row-major matrix, <c>dist[i*n + j]</c> = weight of arc i→j,
/// +∞ where there is no arc; a diagonal entry is a self-loop weight (+∞ for none) and is clamped to min(w, 0).
/// Output: <c>dist</c> holds shortest distances (+∞ unreachable), <c>next</c> the successor of i on a shortest
/// path to j (<c>next[i*n + i] = i</c>, −1 where j is unreachable). An empty <c>next</c> asks for the distances
/// alone (SciPy's <c>floyd_warshall</c> default): the same distances bit for bit, with no successor kept per pair,
/// which saves a backend the successor's selects, loads and stores and the caller n² ints. Batched runs always
/// take successors.
/// </para>
/// <para>
/// Tie rule: a pair is updated only on strict improvement, relaxing k = 0..n−1 in order (k outermost); every
/// backend reproduces the scalar k-i-j reference bit for bit, successor matrix included.
/// </para>
/// Returns false when a negative cycle exists (some <c>dist[i*n + i]</c> &lt; 0); the matrices are then not
/// shortest paths and must not be used.
/// </summary>
public partial interface IComputeBackend
{
    /// <param name="progress">Receives the share of the n steps done (0..1], rising, the last report 1: per block on
    /// the SIMD backend, per 1 % of k on the scalar one; the OpenCL backend waits for the device about 50 times
    /// to report, only when asked.</param>
    bool AllPairsShortestPaths(Span<double> dist, Span<int> next, int n, IProgress<double>? progress = null);

    bool AllPairsShortestPaths(Span<float> dist, Span<int> next, int n, IProgress<double>? progress = null);

    /// <summary>
    /// Readies <see cref="AllPairsShortestPaths(Span{double}, Span{int}, int, IProgress{double}?)"/> for a first call
    /// (compiled code, started worker threads) where that is cheap, so that a caller with other work to do first (a
    /// graph to read) can have it done on another core. Nothing by default.
    /// </summary>
    /// <param name="routes">Whether the call will keep successors (false: distances alone).</param>
    void PrepareAllPairs(bool singlePrecision, bool routes = true) { }

    /// <summary>
    /// G graphs of the same size at once, structure-of-arrays with the graph index fastest:
    /// <c>dist[(i*n + j) * graphs + g]</c>, same for <c>next</c>. <paramref name="graphs"/> is the stride; pad it to a
    /// multiple of the SIMD width for speed (padding lanes may hold anything finite or +∞).
    /// <paramref name="negativeCycle"/>[g] is set true where graph g has a negative cycle.
    /// </summary>
    void AllPairsShortestPathsBatched(Span<double> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle);

    void AllPairsShortestPathsBatched(Span<float> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle);
}
