namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Where the loop-flow GGA kernel keeps a lane's per-trial scratch (loop-form flows, gradients, linearized losses and
/// the loop system): in device memory, one array per value with the lane fastest (<see cref="HydraulicKernels.GgaLoops"/>),
/// or in the shared memory of the lane's thread group (<see cref="HydraulicKernels.GgaLoopsShared"/>), where a value
/// read back in the same trial costs tens of cycles instead of a trip to L2 or DRAM, at the price of fewer resident
/// lanes per multiprocessor (shared memory holds ~200 Hanoi lanes on an H100). Which wins is a question of latency
/// against occupancy that only a card answers: the device check times both.
/// </summary>
public enum GgaScratchMemory
{
    /// <summary>Per-lane arrays in device memory: every lane of a launch resident at once, as many as registers allow.</summary>
    Device,

    /// <summary>The group's shared memory, where a warp's lanes fit (the session falls back to <see cref="Device"/> otherwise).</summary>
    Shared,
}
