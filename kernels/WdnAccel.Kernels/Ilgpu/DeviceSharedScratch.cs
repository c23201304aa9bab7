namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The layout of <see cref="HydraulicKernels.GgaLoopsShared"/>'s dynamic shared memory: per lane, <see cref="Slots"/>
/// doubles, the loop-form flows, gradients and linearized losses of every link, then the loop factor, loop flows and
/// pivots; slot s of the thread at position t of a group of g lives at s·g + t, so a warp's 32 threads read 32
/// neighbouring doubles (two shared-memory wavefronts, no bank conflict). Each field is the first slot of its array.
/// </summary>
public struct DeviceSharedScratch
{
    public int LoopQ, Gradient, LinearLoss, LoopFactor, LoopFlow, LoopPivot, Slots;

    /// <summary>The layout for a network of <paramref name="links"/> links and <paramref name="loops"/> loops.</summary>
    public static DeviceSharedScratch For(int links, int loops)
    {
        var s = new DeviceSharedScratch { LoopQ = 0, Gradient = links, LinearLoss = 2 * links, LoopFactor = 3 * links };
        s.LoopFlow = s.LoopFactor + loops * (loops + 1) / 2;
        s.LoopPivot = s.LoopFlow + loops;
        s.Slots = s.LoopPivot + loops;
        return s;
    }

    /// <summary>
    /// Lanes per group: as many whole warps as <paramref name="maxSharedBytes"/> and <paramref name="maxThreads"/>
    /// allow, at most <see cref="MostLanesPerGroup"/>; 0 where not one warp's scratch fits.
    /// </summary>
    public readonly int LanesPerGroup(long maxSharedBytes, int maxThreads, int warpSize)
    {
        long fit = Math.Min(Math.Min(maxThreads, MostLanesPerGroup), maxSharedBytes / ((long)Slots * sizeof(double)));
        return (int)(fit / warpSize * warpSize);
    }

    /// <summary>Lanes per group on <paramref name="accelerator"/>, by its shared memory, group size and warp.</summary>
    public readonly int LanesPerGroup(ILGPU.Runtime.Accelerator accelerator) =>
        LanesPerGroup(accelerator.MaxSharedMemoryPerGroup, accelerator.MaxNumThreadsPerGroup, accelerator.WarpSize);

    /// <summary>Larger groups hold no more lanes per multiprocessor (shared memory bounds those), only pack them more coarsely.</summary>
    public const int MostLanesPerGroup = 128;
}
