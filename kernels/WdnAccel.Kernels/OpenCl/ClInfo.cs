using System.Text;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>Typed readers over clGetPlatformInfo / clGetDeviceInfo (two-call pattern for strings).</summary>
internal static unsafe class ClInfo
{
    public static string PlatformString(nint platform, uint param)
    {
        nuint size;
        ClErrors.Check(ClNative.clGetPlatformInfo(platform, param, 0, null, &size), "clGetPlatformInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) ClErrors.Check(ClNative.clGetPlatformInfo(platform, param, size, p, null), "clGetPlatformInfo");
        return Decode(bytes);
    }

    public static string DeviceString(nint device, uint param)
    {
        nuint size;
        ClErrors.Check(ClNative.clGetDeviceInfo(device, param, 0, null, &size), "clGetDeviceInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes) ClErrors.Check(ClNative.clGetDeviceInfo(device, param, size, p, null), "clGetDeviceInfo");
        return Decode(bytes);
    }

    public static T DeviceValue<T>(nint device, uint param) where T : unmanaged
    {
        T value = default;
        ClErrors.Check(ClNative.clGetDeviceInfo(device, param, (nuint)sizeof(T), &value, null), "clGetDeviceInfo");
        return value;
    }

    /// <summary>Like <see cref="DeviceValue{T}"/> but 0 where the query is not supported (OpenCL 1.0/1.1 devices without fp64 reject DOUBLE_FP_CONFIG).</summary>
    public static T DeviceValueOrDefault<T>(nint device, uint param) where T : unmanaged
    {
        T value = default;
        return ClNative.clGetDeviceInfo(device, param, (nuint)sizeof(T), &value, null) == ClNative.CL_SUCCESS ? value : default;
    }

    private static string Decode(byte[] bytes)
    {
        int end = Array.IndexOf(bytes, (byte)0);
        return Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end).Trim();
    }
}
