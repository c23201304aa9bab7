namespace WdnAccel.Kernels.OpenCl;

/// <summary>One installed OpenCL platform (an ICD: PoCL, NVIDIA, AMD, Intel) and its devices.</summary>
public sealed class ClPlatform
{
    internal unsafe ClPlatform(nint id, ref int nextDeviceIndex)
    {
        Id = id;
        Name = ClInfo.PlatformString(id, ClNative.CL_PLATFORM_NAME);
        Vendor = ClInfo.PlatformString(id, ClNative.CL_PLATFORM_VENDOR);
        Version = ClInfo.PlatformString(id, ClNative.CL_PLATFORM_VERSION);

        uint count;
        int status = ClNative.clGetDeviceIDs(id, ClNative.CL_DEVICE_TYPE_ALL, 0, null, &count);
        if (status == ClNative.CL_DEVICE_NOT_FOUND) count = 0;
        else ClErrors.Check(status, "clGetDeviceIDs");
        var ids = new nint[count];
        if (count > 0)
        {
            fixed (nint* p = ids) ClErrors.Check(ClNative.clGetDeviceIDs(id, ClNative.CL_DEVICE_TYPE_ALL, count, p, null), "clGetDeviceIDs");
        }
        var devices = new List<ClDevice>(ids.Length);
        foreach (var deviceId in ids) devices.Add(new ClDevice(deviceId, nextDeviceIndex++, this));
        Devices = devices;
    }

    internal nint Id { get; }
    public string Name { get; }
    public string Vendor { get; }
    public string Version { get; }
    public IReadOnlyList<ClDevice> Devices { get; }
}
