using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Ilgpu;
using WdnAccel.Kernels.Simd;
using WdnAccel.Kernels.Tests.Hydraulics;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// The device check fails when a backend is wrong: a backend whose solves move one head by 1 cm, or whose
/// Floyd–Warshall lengthens one distance by one ulp, is reported as failed, and the honest CPU accelerator passes; a
/// check that throws becomes a failed row without ending the others.
/// </summary>
[Collection(IlgpuCollection.Name)]
public class DeviceCheckTests
{
    [Fact]
    public void The_cpu_accelerator_passes_and_a_perturbed_backend_fails()
    {
        var (net, design) = HydraulicsTestData.DesignScenario("HAN");
        using var simd = new SimdBackend(2);
        Assert.True(DeviceCheck.Hydraulics(IlgpuTestDevice.Backend, simd, "Hanoi", net, design, 48, 3).Passed);
        using var wrong = new Perturbed(new SimdBackend(2));
        var row = DeviceCheck.Hydraulics(wrong, simd, "Hanoi", net, design, 48, 3);
        Assert.False(row.Passed);
        Assert.Contains("values outside tolerance", row.Detail);

        var paths = DeviceCheck.Paths(IlgpuTestDevice.Backend, simd, 30, 4, 1).ToList();
        Assert.All(paths, r => Assert.True(r.Passed, r.Detail));
        Assert.Equal(["30 nodes, double, per-k", "30 nodes, float, per-k", "30 nodes, double, per-k, distances only", "30 nodes, float, per-k, distances only", "batched, 4 graphs of 24 nodes"],
            paths.Select(r => r.Subject));
        // The perturbed distance fails both double rows, the one with distances alone included; float is untouched.
        var wrongPaths = DeviceCheck.Paths(wrong, simd, 30, 4, 1).ToList();
        Assert.Equal([false, true, false, true, true], wrongPaths.Select(r => r.Passed));
        Assert.Equal("1 of 900 distances differ (bits) from the reference's run with successors", wrongPaths[2].Detail);
    }

    [Fact]
    public void Floyd_warshall_throughput_measures_distances_alone_beside_the_run_with_successors()
    {
        using var simd = new SimdBackend(2);
        var rows = DeviceCheck.PathsThroughput(IlgpuTestDevice.Backend, 40, single: false, repeats: 1, simd).ToList();
        Assert.Equal(["floyd-warshall throughput: 40 nodes, double", "floyd-warshall kernel throughput: 40 nodes, double, per-k",
                "floyd-warshall throughput: 40 nodes, double, distances only", "floyd-warshall kernel throughput: 40 nodes, double, per-k, distances only"],
            rows.Select(r => $"{r.Check}: {r.Subject}"));
        Assert.All(rows, r => Assert.True(r.PerSecond > 0 && r.Seconds > 0, r.Detail));
        Assert.NotNull(rows[0].SimdPerSecond);
        Assert.NotNull(rows[2].SimdPerSecond); // SIMD's distances alone beside
        Assert.All(rows.Where(r => r.Check == "floyd-warshall kernel throughput"), r => Assert.Contains("read and written once per k", r.Detail));
    }

    [Fact]
    public void Blocked_float_distances_alone_say_they_took_phase_3_by_minimum()
    {
        // 256 nodes: the blocked kernels; the check's graph has positive weights, so float distances alone take the
        // hardware minimum, and the rows say so where they ran it.
        var rows = DeviceCheck.PathsThroughput(IlgpuTestDevice.Backend, FloydWarshallSession.BlockedFromNodes, single: true, repeats: 1).ToList();
        Assert.Equal(["floyd-warshall throughput: 256 nodes, float", "floyd-warshall kernel throughput: 256 nodes, float, blocked",
                "floyd-warshall throughput: 256 nodes, float, distances only", "floyd-warshall kernel throughput: 256 nodes, float, blocked, distances only, phase 3 by minimum"],
            rows.Select(r => $"{r.Check}: {r.Subject}"));
    }

    [Fact]
    public void A_check_that_throws_becomes_a_failed_row_and_the_rows_before_it_stay()
    {
        static IEnumerable<DeviceCheckRow> TwoRowsThenALaunchFailure()
        {
            yield return new DeviceCheckRow("gga kernel throughput", "32k lanes", true, "fine");
            yield return new DeviceCheckRow("gga kernel throughput", "128k lanes", false, "slow, but measured");
            throw new InvalidOperationException("the launch failed");
        }
        var rows = DeviceCheck.Guarded("gga kernel throughput", "Hanoi", TwoRowsThenALaunchFailure).ToList();
        Assert.Equal(["32k lanes", "128k lanes", "Hanoi, after gga kernel throughput: 128k lanes"], rows.Select(r => r.Subject));
        Assert.Equal([true, false, false], rows.Select(r => r.Passed));
        Assert.Equal("slow, but measured", rows[1].Detail); // a failed row from the check itself does not end the rows
        Assert.Equal("the check threw InvalidOperationException: the launch failed", rows[2].Detail);

        // A check that throws before its first row (one that builds its rows eagerly), and a single check.
        Func<IEnumerable<DeviceCheckRow>> eager = () => throw new NotSupportedException("no such kernel");
        var failed = Assert.Single(DeviceCheck.Guarded("floyd-warshall throughput", "8192 nodes", eager));
        Assert.False(failed.Passed);
        Assert.Contains("no such kernel", failed.Detail);
        Func<DeviceCheckRow?> single = () => throw new InvalidOperationException("out of resources");
        Assert.Contains("out of resources", DeviceCheck.Guarded("gga+limits parity", "Hanoi", single)!.Detail);
        Assert.Null(DeviceCheck.Guarded("gga kernel throughput", "skipped", () => (DeviceCheckRow?)null));
        // A card that cannot hold a batch or refuses a kernel as a session opens (InsufficientMemoryException, an
        // OutOfMemoryException) fails its row; the host itself out of memory ends the check.
        Func<DeviceCheckRow?> tooLarge = () => throw new InsufficientMemoryException("the device cannot hold a hydraulic batch");
        Assert.False(DeviceCheck.Guarded("gga+limits throughput", "Hanoi", tooLarge)!.Passed);
        Func<DeviceCheckRow?> hostOut = () => throw new OutOfMemoryException();
        Assert.Throws<OutOfMemoryException>(() => DeviceCheck.Guarded("gga+limits throughput", "Hanoi", hostOut));
        Assert.Empty(DeviceCheck.Guarded("none", "none", () => Array.Empty<DeviceCheckRow>()));
    }

    [Fact]
    public void A_warps_trials_are_its_slowest_lanes()
    {
        // 40 lanes: a full warp of 3 trials but one lane at 9, then a partial warp of 8 lanes at 2 and one at 4.
        var trials = Enumerable.Repeat(3, 32).Concat(Enumerable.Repeat(2, 8)).ToArray();
        trials[17] = 9;
        trials[39] = 4;
        Assert.Equal((9 + 4) / 2.0, DeviceCheck.WarpTrials(trials));
        Assert.Equal(0, DeviceCheck.WarpTrials([]));
    }

    [Fact]
    public void Peak_memory_bandwidth_follows_the_memory_clock_and_bus()
    {
        // An H100 SXM5 reports a 2,619 MHz memory clock on a 5,120-bit bus; NVIDIA's datasheet gives 3.35 TB/s.
        Assert.Equal(3.35e12, IlgpuDevices.PeakMemoryBandwidth(2_619_000, 5120)!.Value, 0.01e12);
        Assert.Null(IlgpuDevices.PeakMemoryBandwidth(0, 5120));
        Assert.Null(IlgpuDevices.PeakMemoryBandwidth(2_619_000, 0));
    }

    /// <summary>SIMD with a deliberate error: junction 5's head raised by 1 cm in every lane, one distance one ulp longer.</summary>
    private sealed class Perturbed(SimdBackend inner) : IComputeBackend
    {
        public string Name => "perturbed";
        public string Description => "simd with deliberate errors";
        public IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes) => new Session(inner.OpenHydraulicSession(network, lanes));
        public void SolveHydraulics(HydraulicBatch batch) => HydraulicSessions.SolveOnce(this, batch);
        public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation) =>
            inner.EvaluateDesignLimits(batch, limits, caseOfLane, margin, violation);
        public bool AllPairsShortestPaths(Span<double> dist, Span<int> next, int n, IProgress<double>? progress = null)
        {
            bool ok = inner.AllPairsShortestPaths(dist, next, n, progress);
            dist[1] = Math.BitIncrement(dist[1]);
            return ok;
        }
        public bool AllPairsShortestPaths(Span<float> dist, Span<int> next, int n, IProgress<double>? progress = null) => inner.AllPairsShortestPaths(dist, next, n, progress);
        public void AllPairsShortestPathsBatched(Span<double> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) => inner.AllPairsShortestPathsBatched(dist, next, n, graphs, negativeCycle);
        public void AllPairsShortestPathsBatched(Span<float> dist, Span<int> next, int n, int graphs, Span<bool> negativeCycle) => inner.AllPairsShortestPathsBatched(dist, next, n, graphs, negativeCycle);
        public void Dispose() => inner.Dispose();

        private sealed class Session(IHydraulicSession inner) : IHydraulicSession
        {
            public CompiledNetwork Network => inner.Network;
            public int Lanes => inner.Lanes;
            public void Solve(HydraulicBatch batch)
            {
                inner.Solve(batch);
                for (int lane = 0; lane < batch.Count; lane++) batch.Head[5 * batch.Count + lane] += 0.01;
            }
            public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation) =>
                inner.EvaluateDesignLimits(batch, limits, caseOfLane, margin, violation);
            public void Dispose() => inner.Dispose();
        }
    }
}
