using WdnAccel.Kernels.Ilgpu;

namespace WdnAccel.Kernels.Tests.Ilgpu;

/// <summary>
/// The shared-memory layout of the loop-flow kernel's scratch and the group size it allows on a CUDA card: 48 KiB of
/// dynamic shared memory per group (what a kernel gets without the driver's opt-in, which ILGPU does not request),
/// warps of 32.
/// </summary>
public class DeviceSharedScratchTests
{
    private const int CudaSharedPerGroup = 48 * 1024;

    [Fact]
    public void Hanoi_scratch_packs_its_arrays_back_to_back_and_one_warp_fits_a_group()
    {
        // Hanoi: 34 links, 3 loops: flows, gradients and losses of each link, the 6-entry factor, 3 loop flows, 3 pivots.
        var hanoi = DeviceSharedScratch.For(34, 3);
        Assert.Equal((0, 34, 68, 102, 108, 111, 114), (hanoi.LoopQ, hanoi.Gradient, hanoi.LinearLoss, hanoi.LoopFactor, hanoi.LoopFlow, hanoi.LoopPivot, hanoi.Slots));
        // 912 bytes a lane: 53 lanes fit in 48 KiB, one whole warp.
        Assert.Equal(32, hanoi.LanesPerGroup(CudaSharedPerGroup, 1024, 32));
    }

    [Fact]
    public void Group_size_is_whole_warps_capped_and_zero_where_no_warp_fits()
    {
        // Two-loop: 8 links, 2 loops = 31 slots, 248 bytes: 198 lanes fit, capped at 128.
        Assert.Equal(DeviceSharedScratch.MostLanesPerGroup, DeviceSharedScratch.For(8, 2).LanesPerGroup(CudaSharedPerGroup, 1024, 32));
        // A card allowing 96 threads per group: three warps.
        Assert.Equal(96, DeviceSharedScratch.For(8, 2).LanesPerGroup(CudaSharedPerGroup, 96, 32));
        // 60 links, 10 loops: 180 + 55 + 20 = 255 slots, 2,040 bytes a lane: 24 lanes, not a warp.
        var large = DeviceSharedScratch.For(60, 10);
        Assert.Equal(255, large.Slots);
        Assert.Equal(0, large.LanesPerGroup(CudaSharedPerGroup, 1024, 32));
        // ILGPU's CPU accelerator simulates warps of 4: there it still runs, six warps to a group.
        Assert.Equal(24, large.LanesPerGroup(CudaSharedPerGroup, 1024, 4));
    }
}
