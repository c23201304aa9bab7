using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using WdnAccel.Core.Compute;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Finding ILGPU accelerators. Every context enables ILGPU.Algorithms (XMath supplies pow, exp and log on GPUs,
/// where PTX has no double-precision versions) and the CPU accelerator as one simulated device
/// (<see cref="CPUDeviceKind.Default"/>: 1 multiprocessor, warps of 4). A missing CUDA driver or OpenCL runtime
/// simply yields no device of that kind.
/// </summary>
public static class IlgpuDevices
{
    public static string BackendName(IlgpuDeviceKind kind) => kind switch
    {
        IlgpuDeviceKind.Cuda => "cuda",
        IlgpuDeviceKind.OpenCL => "opencl",
        _ => "ilgpu-cpu",
    };

    /// <summary>A context with the devices of <paramref name="kinds"/> (all when null).</summary>
    public static Context CreateContext(params IlgpuDeviceKind[]? kinds) => CreateContext(false, kinds);

    /// <summary>
    /// A context with the devices of <paramref name="kinds"/>; with <paramref name="profiling"/>, one whose streams can
    /// record profiling markers (what lets a Floyd–Warshall session time its phases), which OpenCL pays for on every
    /// queue, so only the device check asks for it.
    /// </summary>
    public static Context CreateContext(bool profiling, params IlgpuDeviceKind[]? kinds)
    {
        bool Wants(IlgpuDeviceKind k) => kinds is null || kinds.Length == 0 || kinds.Contains(k);
        // Read before the context: a bad value is bad input (exit 2), not a backend that failed to start.
        var optimization = ParseOptimization(Environment.GetEnvironmentVariable(OptimizationVariable));
        try
        {
            return Context.Create(b =>
            {
                if (Wants(IlgpuDeviceKind.Cuda)) b.Cuda();
                if (Wants(IlgpuDeviceKind.OpenCL)) b.OpenCL();
                if (Wants(IlgpuDeviceKind.Cpu)) b.CPU(CPUDeviceKind.Default);
                b.EnableAlgorithms();
                b.Optimize(optimization);
                if (profiling) b.Profiling();
            });
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            throw new BackendUnavailableException($"ILGPU could not start: {e.Message}", e);
        }
    }

    /// <summary>Environment variable that sets ILGPU's optimization level: O0, O1 (ILGPU's default) or O2.</summary>
    public const string OptimizationVariable = "WDNACCEL_ILGPU_OPTIMIZATION";

    /// <summary><see cref="OptimizationVariable"/>'s value: unset or empty → O1 (ILGPU's default); O0, O1, O2 in any case.</summary>
    /// <exception cref="Core.Io.InvalidInputException">
    /// Any other value (bad input naming the variable, exit 2): an "O3" or a typo used to run silently at O1.
    /// </exception>
    public static OptimizationLevel ParseOptimization(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "O1" => OptimizationLevel.O1,
        "O0" => OptimizationLevel.O0,
        "O2" => OptimizationLevel.O2,
        _ => throw new Core.Io.InvalidInputException($"environment variable {OptimizationVariable}='{text!.Trim()}' is not an ILGPU optimization level; expected O0, O1 or O2"),
    };

    /// <summary>Every accelerator ILGPU finds here: CUDA devices, OpenCL devices, then the CPU accelerator (always present).</summary>
    public static IReadOnlyList<IlgpuDeviceInfo> List()
    {
        using var context = CreateContext();
        return Describe(context);
    }

    internal static IReadOnlyList<IlgpuDeviceInfo> Describe(Context context)
    {
        var list = new List<IlgpuDeviceInfo>();
        var cuda = context.GetCudaDevices();
        for (int i = 0; i < cuda.Count; i++) list.Add(Info(IlgpuDeviceKind.Cuda, i, cuda[i], $"sm_{(int)cuda[i].Architecture!.Value.Major}{cuda[i].Architecture!.Value.Minor}"));
        var cl = context.GetCLDevices();
        for (int i = 0; i < cl.Count; i++) list.Add(Info(IlgpuDeviceKind.OpenCL, i, cl[i], $"OpenCL C {cl[i].CVersion} ({cl[i].DeviceType})"));
        var cpu = context.GetCPUDevices();
        for (int i = 0; i < cpu.Count; i++) list.Add(Info(IlgpuDeviceKind.Cpu, i, cpu[i], null) with { MemoryBytes = null, Name = $"ILGPU CPU accelerator ({cpu[i].NumThreads} simulated threads)" });
        return list;
    }

    private static IlgpuDeviceInfo Info(IlgpuDeviceKind kind, int index, Device d, string? arch) =>
        new(kind, index, d.Name, d.MemorySize, d.NumMultiprocessors, d.WarpSize, d.MaxNumThreadsPerGroup, d.MaxSharedMemoryPerGroup, arch, PeakMemoryBandwidth(d));

    /// <summary>
    /// Peak bandwidth of a CUDA device's memory in bytes/s: two transfers per memory clock (kHz, as the driver reports
    /// it) across the bus (bits); null for other devices or where the driver reports zero.
    /// </summary>
    internal static double? PeakMemoryBandwidth(Device d) => d is CudaDevice c ? PeakMemoryBandwidth(c.MemoryClockRate, c.MemoryBusWidth) : null;

    /// <summary>Two transfers per clock of <paramref name="clockKHz"/> over <paramref name="busBits"/>; null where either is unknown (≤ 0).</summary>
    public static double? PeakMemoryBandwidth(int clockKHz, int busBits) =>
        clockKHz > 0 && busBits > 0 ? 2.0 * clockKHz * 1e3 * busBits / 8 : null;

    /// <summary>The device of <paramref name="kind"/> at <paramref name="index"/> in <paramref name="context"/>, or a BackendUnavailableException saying what is missing.</summary>
    internal static Device Select(Context context, IlgpuDeviceKind kind, int index)
    {
        List<Device> devices = kind switch
        {
            IlgpuDeviceKind.Cuda => [.. context.GetCudaDevices()],
            IlgpuDeviceKind.OpenCL => [.. context.GetCLDevices()],
            _ => [.. context.GetCPUDevices()],
        };
        if (devices.Count == 0)
        {
            throw new BackendUnavailableException(kind switch
            {
                IlgpuDeviceKind.Cuda => "no CUDA device: ILGPU found no NVIDIA driver (libcuda.so) or no GPU; install the NVIDIA driver, or use --backend simd",
                IlgpuDeviceKind.OpenCL => "no OpenCL device ILGPU can use: it needs an OpenCL 2.0+ runtime (libOpenCL.so with a GPU driver's ICD); PoCL's CPU devices do not qualify. Use --backend simd",
                _ => "ILGPU's CPU accelerator is not available",
            });
        }
        if (index < 0 || index >= devices.Count)
            throw new BackendUnavailableException($"{BackendName(kind)} device {index} does not exist; {devices.Count} found (WDNACCEL_DEVICE selects by index)");
        return devices[index];
    }
}
