namespace WdnAccel.Kernels.OpenCl;

/// <summary>One OpenCL device and the capabilities WdnAccel selects and sizes kernels by.</summary>
public sealed class ClDevice
{
    internal ClDevice(nint id, int index, ClPlatform platform)
    {
        Id = id;
        Index = index;
        Platform = platform;
        Name = ClInfo.DeviceString(id, ClNative.CL_DEVICE_NAME);
        Vendor = ClInfo.DeviceString(id, ClNative.CL_DEVICE_VENDOR);
        Version = ClInfo.DeviceString(id, ClNative.CL_DEVICE_VERSION);
        DriverVersion = ClInfo.DeviceString(id, ClNative.CL_DRIVER_VERSION);
        Extensions = ClInfo.DeviceString(id, ClNative.CL_DEVICE_EXTENSIONS);
        ulong type = ClInfo.DeviceValue<ulong>(id, ClNative.CL_DEVICE_TYPE);
        Kind = (type & ClNative.CL_DEVICE_TYPE_GPU) != 0 ? ClDeviceKind.Gpu
            : (type & ClNative.CL_DEVICE_TYPE_CPU) != 0 ? ClDeviceKind.Cpu
            : (type & ClNative.CL_DEVICE_TYPE_ACCELERATOR) != 0 ? ClDeviceKind.Accelerator
            : ClDeviceKind.Other;
        ComputeUnits = (int)ClInfo.DeviceValue<uint>(id, ClNative.CL_DEVICE_MAX_COMPUTE_UNITS);
        ClockMHz = (int)ClInfo.DeviceValue<uint>(id, ClNative.CL_DEVICE_MAX_CLOCK_FREQUENCY);
        GlobalMemoryBytes = ClInfo.DeviceValue<ulong>(id, ClNative.CL_DEVICE_GLOBAL_MEM_SIZE);
        LocalMemoryBytes = ClInfo.DeviceValue<ulong>(id, ClNative.CL_DEVICE_LOCAL_MEM_SIZE);
        MaxAllocationBytes = ClInfo.DeviceValue<ulong>(id, ClNative.CL_DEVICE_MAX_MEM_ALLOC_SIZE);
        MaxWorkGroupSize = (long)ClInfo.DeviceValue<nuint>(id, ClNative.CL_DEVICE_MAX_WORK_GROUP_SIZE);
        DoubleFpConfig = ClInfo.DeviceValueOrDefault<ulong>(id, ClNative.CL_DEVICE_DOUBLE_FP_CONFIG);
    }

    internal nint Id { get; }

    /// <summary>Position in the enumeration over all platforms (platform order, then device order); stable per machine.</summary>
    public int Index { get; }

    public ClPlatform Platform { get; }
    public string Name { get; }
    public string Vendor { get; }
    public ClDeviceKind Kind { get; }
    public int ComputeUnits { get; }
    public int ClockMHz { get; }
    public ulong GlobalMemoryBytes { get; }
    public ulong LocalMemoryBytes { get; }
    public ulong MaxAllocationBytes { get; }
    public long MaxWorkGroupSize { get; }
    public string Version { get; }
    public string DriverVersion { get; }
    public string Extensions { get; }

    /// <summary>CL_DEVICE_DOUBLE_FP_CONFIG bitfield; 0 when the device has no double precision.</summary>
    public ulong DoubleFpConfig { get; }

    /// <summary>Double precision available: a non-zero CL_DEVICE_DOUBLE_FP_CONFIG or the cl_khr_fp64 extension (OpenCL 1.2 section 4.2).</summary>
    public bool SupportsFp64 =>
        DoubleFpConfig != 0 || Extensions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("cl_khr_fp64");

    public override string ToString() => $"#{Index} {Name} ({Kind.ToString().ToLowerInvariant()}, {Platform.Name})";
}
