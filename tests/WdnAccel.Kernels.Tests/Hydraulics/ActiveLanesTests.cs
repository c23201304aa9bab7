using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;
using WdnAccel.Kernels.Tests.Ilgpu;

namespace WdnAccel.Kernels.Tests.Hydraulics;

/// <summary>
/// HydraulicBatch.ActiveLanes: the first lanes solve exactly as in a full solve; CPU backends leave the lanes past
/// the last vector block alone (a population smaller than the batch pays only for its own lanes).
/// </summary>
[Collection(IlgpuCollection.Name)]
public class ActiveLanesTests
{
    private const int K = 40, Active = 11;

    private static HydraulicBatch RandomDesigns(CompiledNetwork net)
    {
        double[] catalog = [0.3048, 0.4064, 0.508, 0.6096, 0.762, 1.016];
        var rng = new Random(3);
        var batch = new HydraulicBatch(net, K);
        for (int lane = 0; lane < K; lane++)
            for (int p = 0; p < net.PipeCount; p++) batch.SetPipe(lane, p, catalog[rng.Next(catalog.Length)]);
        return batch;
    }

    /// <param name="untouchedFrom">First lane past the backend's granularity (vector block); null where a
    /// work-group may cover the whole small batch.</param>
    private static void AssertActiveLanes(IComputeBackend backend, int? untouchedFrom)
    {
        var net = HydraulicsTestData.Compile("HAN");
        var full = RandomDesigns(net);
        backend.SolveHydraulics(full);

        var part = RandomDesigns(net);
        part.ActiveLanes = Active;
        backend.SolveHydraulics(part);
        for (int lane = 0; lane < Active; lane++)
        {
            Assert.Equal(full.Status[lane], part.Status[lane]);
            Assert.Equal(full.Iterations[lane], part.Iterations[lane]);
            for (int node = 0; node < net.NodeCount; node++)
                Assert.Equal(full.Head[node * K + lane], part.Head[node * K + lane]);
        }
        for (int lane = untouchedFrom ?? K; lane < K; lane++)
        {
            Assert.Equal(0, part.Iterations[lane]);
            Assert.NotEqual(LaneStatus.Converged, part.Status[lane]);
        }
    }

    [Fact]
    public void Scalar_solves_only_active_lanes() => AssertActiveLanes(new ScalarBackend(), Active);

    [Fact]
    public void Simd_solves_only_active_lanes() => AssertActiveLanes(new SimdBackend(2), 16); // 8-lane blocks (4 on AVX2)

    [Fact]
    public void Ilgpu_solves_only_active_lanes() => AssertActiveLanes(IlgpuTestDevice.Backend, Active); // one thread per lane

    [Fact]
    public void Active_lanes_outside_the_batch_are_rejected()
    {
        var batch = new HydraulicBatch(HydraulicsTestData.Compile("TLN"), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ActiveLanes = 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ActiveLanes = -1);
        Assert.Equal(4, batch.ActiveLanes);
    }
}
