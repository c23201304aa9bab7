using WdnAccel.Core.Compute;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Tests.Paths;

/// <summary>
/// Progress of a single-graph run (what `paths` draws on a terminal): reports rise, stay in (0, 1], end at 1,
/// come often enough to be useful, and listening changes nothing in the results.
/// </summary>
public class FloydWarshallProgressTests
{
    /// <summary>Records reports synchronously (System.Progress would post them to the thread pool).</summary>
    private sealed class Recorder : IProgress<double>
    {
        public readonly List<double> Reports = [];
        public void Report(double value) => Reports.Add(value);
    }

    private static void AssertRunWithProgress(IComputeBackend backend, int n, int minReports)
    {
        var w = RandomGraphs.Matrix(n, 0.2, seed: 5, integerWeights: false);
        var quiet = (double[])w.Clone();
        var quietNext = new int[n * n];
        Assert.True(backend.AllPairsShortestPaths(quiet, quietNext, n));

        var recorder = new Recorder();
        var d = (double[])w.Clone();
        var next = new int[n * n];
        Assert.True(backend.AllPairsShortestPaths(d, next, n, recorder));

        Assert.Equal(quiet, d);
        Assert.Equal(quietNext, next);
        Assert.True(recorder.Reports.Count >= minReports, $"{backend.Name}: {recorder.Reports.Count} reports");
        Assert.All(recorder.Reports, r => Assert.InRange(r, double.Epsilon, 1.0));
        for (int i = 1; i < recorder.Reports.Count; i++) Assert.True(recorder.Reports[i] > recorder.Reports[i - 1], $"{backend.Name}: report {i} does not rise");
        Assert.Equal(1.0, recorder.Reports[^1]);
    }

    [Fact]
    public void Scalar_reports_per_percent_of_k() => AssertRunWithProgress(new ScalarBackend(), 300, 90);

    [Fact]
    public void Simd_reports_per_block() =>
        AssertRunWithProgress(new SimdBackend(2), 300, (300 + FloydWarshallBlocked.RegisterTileDefault - 1) / FloydWarshallBlocked.RegisterTileDefault);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Blocked_reports_once_per_block_with_and_without_register_tiles(bool registerTile)
    {
        const int n = 150, tile = 16;
        var recorder = new Recorder();
        var d = RandomGraphs.Matrix(n, 0.2, seed: 6, integerWeights: true);
        Assert.True(FloydWarshallBlocked.Run<double>(d, new int[n * n], n, new ParallelOptions { MaxDegreeOfParallelism = 2 }, tile, registerTile, recorder));
        Assert.Equal(Enumerable.Range(1, (n + tile - 1) / tile).Select(b => Math.Min(n, b * tile) / (double)n), recorder.Reports);
    }

}
