using System.Runtime.InteropServices;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// P/Invoke declarations of the OpenCL 1.2 C API that WdnAccel uses, written from the Khronos specification
/// (OpenCL 1.2 API spec, sections 4-5; constants from its cl.h listing). "OpenCL" is resolved by
/// <see cref="ClLibrary"/> to libOpenCL.so.1, libOpenCL.so or OpenCL.dll (the ICD loader).
/// cl_* object handles are pointers (nint); size_t is nuint; cl_bool and cl_uint are uint; cl_ulong and bitfields are ulong.
/// </summary>
internal static unsafe class ClNative
{
    public const string Library = "OpenCL";

    // Platform info (cl_platform_info).
    public const uint CL_PLATFORM_PROFILE = 0x0900;
    public const uint CL_PLATFORM_VERSION = 0x0901;
    public const uint CL_PLATFORM_NAME = 0x0902;
    public const uint CL_PLATFORM_VENDOR = 0x0903;

    // Device types (cl_device_type bitfield).
    public const ulong CL_DEVICE_TYPE_CPU = 1 << 1;
    public const ulong CL_DEVICE_TYPE_GPU = 1 << 2;
    public const ulong CL_DEVICE_TYPE_ACCELERATOR = 1 << 3;
    public const ulong CL_DEVICE_TYPE_ALL = 0xFFFFFFFF;

    // Device info (cl_device_info).
    public const uint CL_DEVICE_TYPE = 0x1000;
    public const uint CL_DEVICE_MAX_COMPUTE_UNITS = 0x1002;
    public const uint CL_DEVICE_MAX_WORK_GROUP_SIZE = 0x1004;
    public const uint CL_DEVICE_MAX_CLOCK_FREQUENCY = 0x100C;
    public const uint CL_DEVICE_MAX_MEM_ALLOC_SIZE = 0x1010;
    public const uint CL_DEVICE_GLOBAL_MEM_SIZE = 0x101F;
    public const uint CL_DEVICE_LOCAL_MEM_SIZE = 0x1023;
    public const uint CL_DEVICE_NAME = 0x102B;
    public const uint CL_DEVICE_VENDOR = 0x102C;
    public const uint CL_DRIVER_VERSION = 0x102D;
    public const uint CL_DEVICE_VERSION = 0x102F;
    public const uint CL_DEVICE_EXTENSIONS = 0x1030;
    public const uint CL_DEVICE_DOUBLE_FP_CONFIG = 0x1032;

    // Memory flags (cl_mem_flags).
    public const ulong CL_MEM_READ_WRITE = 1 << 0;

    // Program build info.
    public const uint CL_PROGRAM_BUILD_LOG = 0x1183;

    // Kernel work-group info.
    public const uint CL_KERNEL_WORK_GROUP_SIZE = 0x11B0;

    public const int CL_SUCCESS = 0;
    public const int CL_DEVICE_NOT_FOUND = -1;
    public const int CL_BUILD_PROGRAM_FAILURE = -11;
    public const int CL_PLATFORM_NOT_FOUND_KHR = -1001;

    [DllImport(Library)] public static extern int clGetPlatformIDs(uint numEntries, nint* platforms, uint* numPlatforms);
    [DllImport(Library)] public static extern int clGetPlatformInfo(nint platform, uint paramName, nuint size, void* value, nuint* sizeRet);
    [DllImport(Library)] public static extern int clGetDeviceIDs(nint platform, ulong deviceType, uint numEntries, nint* devices, uint* numDevices);
    [DllImport(Library)] public static extern int clGetDeviceInfo(nint device, uint paramName, nuint size, void* value, nuint* sizeRet);

    [DllImport(Library)] public static extern nint clCreateContext(nint* properties, uint numDevices, nint* devices, nint notify, nint userData, int* errcode);
    [DllImport(Library)] public static extern int clReleaseContext(nint context);
    [DllImport(Library)] public static extern nint clCreateCommandQueue(nint context, nint device, ulong properties, int* errcode);
    [DllImport(Library)] public static extern int clReleaseCommandQueue(nint queue);
    [DllImport(Library)] public static extern int clFinish(nint queue);

    [DllImport(Library)] public static extern nint clCreateProgramWithSource(nint context, uint count, byte** strings, nuint* lengths, int* errcode);
    [DllImport(Library)] public static extern int clBuildProgram(nint program, uint numDevices, nint* devices, byte* options, nint notify, nint userData);
    [DllImport(Library)] public static extern int clGetProgramBuildInfo(nint program, nint device, uint paramName, nuint size, void* value, nuint* sizeRet);
    [DllImport(Library)] public static extern int clReleaseProgram(nint program);

    [DllImport(Library)] public static extern nint clCreateBuffer(nint context, ulong flags, nuint size, void* hostPtr, int* errcode);
    [DllImport(Library)] public static extern int clReleaseMemObject(nint memory);
    [DllImport(Library)]
    public static extern int clEnqueueWriteBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* source,
        uint numEvents, nint* waitList, nint* eventOut);
    [DllImport(Library)]
    public static extern int clEnqueueReadBuffer(nint queue, nint buffer, uint blocking, nuint offset, nuint size, void* destination,
        uint numEvents, nint* waitList, nint* eventOut);

    [DllImport(Library)] public static extern nint clCreateKernel(nint program, byte* name, int* errcode);
    [DllImport(Library)] public static extern int clReleaseKernel(nint kernel);
    [DllImport(Library)] public static extern int clSetKernelArg(nint kernel, uint index, nuint size, void* value);
    [DllImport(Library)] public static extern int clGetKernelWorkGroupInfo(nint kernel, nint device, uint paramName, nuint size, void* value, nuint* sizeRet);
    [DllImport(Library)]
    public static extern int clEnqueueNDRangeKernel(nint queue, nint kernel, uint workDim, nuint* globalOffset, nuint* globalSize, nuint* localSize,
        uint numEvents, nint* waitList, nint* eventOut);
}
