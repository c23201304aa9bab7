namespace WdnAccel.Kernels.Ilgpu;

/// <summary>One accelerator ILGPU found, as `devices` lists it.</summary>
/// <param name="Index">Index among the devices of its kind (the order ILGPU reports them).</param>
/// <param name="MemoryBytes">Device memory; null for the CPU accelerator (it uses host memory).</param>
public sealed record IlgpuDeviceInfo(IlgpuDeviceKind Kind, int Index, string Name, long? MemoryBytes, int Multiprocessors,
    int WarpSize, int MaxThreadsPerGroup, long SharedMemoryPerGroup, string? Architecture)
{
    /// <summary>The <c>--backend</c> value that selects this kind of device.</summary>
    public string BackendName => IlgpuDevices.BackendName(Kind);
}
