namespace WdnAccel.Kernels.Ilgpu;

/// <summary>One accelerator ILGPU found, as `devices` lists it.</summary>
/// <param name="Index">Index among the devices of its kind (the order ILGPU reports them).</param>
/// <param name="MemoryBytes">Device memory; null for the CPU accelerator (it uses host memory).</param>
/// <param name="PeakMemoryBandwidth">Device memory's peak bandwidth in bytes/s, from the memory clock and bus width a CUDA
/// driver reports; null where ILGPU reports neither (OpenCL, the CPU accelerator).</param>
public sealed record IlgpuDeviceInfo(IlgpuDeviceKind Kind, int Index, string Name, long? MemoryBytes, int Multiprocessors,
    int WarpSize, int MaxThreadsPerGroup, long SharedMemoryPerGroup, string? Architecture, double? PeakMemoryBandwidth = null)
{
    /// <summary>The <c>--backend</c> value that selects this kind of device.</summary>
    public string BackendName => IlgpuDevices.BackendName(Kind);
}
