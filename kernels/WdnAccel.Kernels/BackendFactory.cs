using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Io;
using WdnAccel.Kernels.Ilgpu;
using WdnAccel.Kernels.Scalar;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels;

/// <summary>Creates a backend by its CLI name (`--backend auto|scalar|simd|cuda|opencl|ilgpu-cpu`).</summary>
public static class BackendFactory
{
    public static readonly string[] Names = ["auto", "scalar", "simd", "cuda", "opencl", "ilgpu-cpu"];

    /// <summary>Environment variable that picks the device index of the cuda/opencl backends (default 0).</summary>
    public const string DeviceVariable = "WDNACCEL_DEVICE";

    /// <param name="name">Backend name; "auto" picks a CUDA GPU, then an OpenCL GPU, else SIMD (never the ILGPU CPU accelerator).</param>
    /// <param name="threads">Worker threads for CPU backends; 0 = all.</param>
    /// <param name="note">Set when the choice differs from the request (e.g. auto fell back to SIMD), for reports.</param>
    /// <exception cref="InvalidInputException">A name that is no backend, or a <see cref="DeviceVariable"/> that is no index (exit 2, a usage error).</exception>
    /// <exception cref="BackendUnavailableException">A GPU backend without its runtime or device (exit 4).</exception>
    /// <param name="loopFlows">When the SIMD and GPU backends take the GGA's Newton steps in loop-flow form; the scalar oracle always steps over the junctions.</param>
    /// <param name="profiling">GPU backends whose sessions may record profiling markers (the device check's phase times).</param>
    public static IComputeBackend Create(string name, int threads, out string? note, LoopFlowMode loopFlows = LoopFlowMode.Auto, bool profiling = false)
    {
        note = null;
        switch (name.ToLowerInvariant())
        {
            case "scalar":
                return new ScalarBackend();
            case "simd":
                return new SimdBackend(threads, loopFlows);
            case "cuda":
                return new IlgpuBackend(IlgpuDeviceKind.Cuda, DeviceIndex(), loopFlows, profiling);
            case "opencl":
                return new IlgpuBackend(IlgpuDeviceKind.OpenCL, DeviceIndex(), loopFlows, profiling);
            case "ilgpu-cpu":
                return new IlgpuBackend(IlgpuDeviceKind.Cpu, 0, loopFlows, profiling);
            case "auto":
                return CreateAuto(threads, loopFlows, out note);
            default:
                throw new InvalidInputException($"unknown backend '{name}'; expected one of {string.Join(", ", Names)}{NearestName.Hint(name, Names)}", field: "--backend");
        }
    }

    /// <summary>The native libraries ILGPU's CUDA and OpenCL back ends load (the CUDA driver API, an OpenCL ICD loader).</summary>
    private static readonly string[] GpuRuntimeLibraries =
        OperatingSystem.IsWindows() ? ["nvcuda.dll", "OpenCL.dll"]
        : OperatingSystem.IsMacOS() ? ["/System/Library/Frameworks/OpenCL.framework/OpenCL"]
        : ["libcuda.so.1", "libcuda.so", "libOpenCL.so.1", "libOpenCL.so"];

    /// <summary>True when a CUDA driver or an OpenCL loader can be loaded, so that asking ILGPU for devices can find one.</summary>
    private static bool GpuRuntimePresent()
    {
        foreach (string library in GpuRuntimeLibraries)
        {
            if (!System.Runtime.InteropServices.NativeLibrary.TryLoad(library, out var handle)) continue;
            System.Runtime.InteropServices.NativeLibrary.Free(handle);
            return true;
        }
        return false;
    }

    private static int DeviceIndex()
    {
        string? text = Environment.GetEnvironmentVariable(DeviceVariable);
        if (string.IsNullOrEmpty(text)) return 0;
        return int.TryParse(text, out int index) && index >= 0 ? index
            : throw new InvalidInputException($"environment variable {DeviceVariable}='{text}' is not a device index (0, 1, ...)");
    }

    /// <summary>
    /// CUDA first, then an OpenCL GPU, else SIMD. The ILGPU CPU accelerator is never chosen: it runs the GPU kernels
    /// on host threads for parity tests, far slower than the SIMD backend.
    /// </summary>
    private static IComputeBackend CreateAuto(int threads, LoopFlowMode loopFlows, out string? note)
    {
        string reason;
        if (!GpuRuntimePresent())
        {
            // Creating an ILGPU context only to find no driver costs ~0.13 s per run (measured on `paths`).
            note = "auto: no CUDA or OpenCL runtime library; using simd";
            return new SimdBackend(threads, loopFlows);
        }
        try
        {
            using var context = IlgpuDevices.CreateContext(IlgpuDeviceKind.Cuda, IlgpuDeviceKind.OpenCL);
            var cuda = context.GetCudaDevices();
            var cl = context.GetCLDevices();
            (CLDevice? Device, int Index) clGpu = (null, -1);
            for (int i = 0; i < cl.Count && clGpu.Device is null; i++)
                if (cl[i].DeviceType == CLDeviceType.CL_DEVICE_TYPE_GPU) clGpu = (cl[i], i);
            if (cuda.Count > 0)
            {
                note = $"auto: using CUDA GPU {cuda[0].Name}";
                return new IlgpuBackend(IlgpuDeviceKind.Cuda, 0, loopFlows);
            }
            if (clGpu.Device is not null)
            {
                note = $"auto: using OpenCL GPU {clGpu.Device.Name}";
                return new IlgpuBackend(IlgpuDeviceKind.OpenCL, clGpu.Index, loopFlows);
            }
            reason = "no CUDA or OpenCL GPU";
        }
        catch (BackendUnavailableException e)
        {
            reason = e.Message;
        }
        note = $"auto: {reason}; using simd";
        return new SimdBackend(threads, loopFlows);
    }
}
