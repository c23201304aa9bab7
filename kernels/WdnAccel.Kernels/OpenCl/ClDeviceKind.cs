namespace WdnAccel.Kernels.OpenCl;

/// <summary>CL_DEVICE_TYPE reduced to what device selection needs.</summary>
public enum ClDeviceKind
{
    Cpu,
    Gpu,
    Accelerator,
    Other,
}
