using ILGPU;
using ILGPU.Runtime;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The GPU backend: C# kernels compiled by ILGPU for one accelerator (a CUDA GPU, an OpenCL 2.0+ device, or ILGPU's
/// CPU accelerator for parity tests). It owns the ILGPU context and accelerator; every buffer and loaded kernel lives
/// in an explicit session (<see cref="IlgpuHydraulicSession"/>, <see cref="FloydWarshallSession"/>) that the caller
/// disposes, so the backend itself keeps no per-batch state. Kernels compute in double precision.
/// </summary>
public sealed partial class IlgpuBackend : IComputeBackend
{
    private readonly Context _context;

    /// <summary>Opens device <paramref name="index"/> of <paramref name="kind"/>.</summary>
    /// <param name="loopFlows">When the GGA kernel takes its Newton steps in loop-flow form.</param>
    /// <param name="profiling">Lets sessions record profiling markers (<see cref="FloydWarshallSession"/>'s phase times): for the device check.</param>
    /// <param name="scratch">Where the loop-flow kernel keeps its per-trial scratch; default: <see cref="ScratchVariable"/>, else device memory.</param>
    /// <exception cref="BackendUnavailableException">No such device, or its runtime is missing (the CLI exits with 4).</exception>
    /// <exception cref="Core.Io.InvalidInputException"><see cref="ScratchVariable"/> is not device or shared (a usage error: the CLI exits with 2).</exception>
    public IlgpuBackend(IlgpuDeviceKind kind, int index = 0, LoopFlowMode loopFlows = LoopFlowMode.Auto, bool profiling = false, GgaScratchMemory? scratch = null)
    {
        Kind = kind;
        LoopFlows = loopFlows;
        Scratch = scratch ?? ScratchFromEnvironment();
        _context = IlgpuDevices.CreateContext(profiling, kind);
        try
        {
            var device = IlgpuDevices.Select(_context, kind, index);
            // The kernels compute in double (statuses and trial counts must match the double-precision oracle), and
            // ILGPU's OpenCL C needs the generic address space: say so instead of failing at the first kernel build.
            if (device is ILGPU.Runtime.OpenCL.CLDevice cl && (!cl.Capabilities.Float64 || !cl.Capabilities.GenericAddressSpace))
                throw new BackendUnavailableException($"OpenCL device {cl.Name} lacks {(cl.Capabilities.Float64 ? "the generic address space (OpenCL 2.0)" : "double precision (cl_khr_fp64)")}, which the GPU kernels need; use --backend simd");
            Accelerator = device.CreateAccelerator(_context);
            PeakMemoryBandwidth = IlgpuDevices.PeakMemoryBandwidth(device);
        }
        catch (Exception e) when (e is not BackendUnavailableException)
        {
            _context.Dispose();
            throw new BackendUnavailableException($"{IlgpuDevices.BackendName(kind)} device {index} could not be opened: {e.Message}", e);
        }
        catch
        {
            _context.Dispose();
            throw;
        }
    }

    public IlgpuDeviceKind Kind { get; }

    /// <summary>When the GGA kernel takes its Newton steps in loop-flow form.</summary>
    public LoopFlowMode LoopFlows { get; }

    /// <summary>Where this backend's sessions keep the loop-flow kernel's per-trial scratch.</summary>
    public GgaScratchMemory Scratch { get; }

    /// <summary>
    /// Environment variable that puts the loop-flow kernel's per-trial scratch in shared memory (<c>shared</c>) or
    /// device memory (<c>device</c>, the default): for comparing the two kernels end to end on a card.
    /// </summary>
    public const string ScratchVariable = "WDNACCEL_GPU_SCRATCH";

    private static GgaScratchMemory ScratchFromEnvironment() => ParseScratch(Environment.GetEnvironmentVariable(ScratchVariable));

    /// <summary><see cref="ScratchVariable"/>'s value: unset, empty or device → device memory; shared → shared memory.</summary>
    /// <exception cref="Core.Io.InvalidInputException">Any other value (bad input naming the variable, not a missing backend).</exception>
    public static GgaScratchMemory ParseScratch(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "device" => GgaScratchMemory.Device,
        "shared" => GgaScratchMemory.Shared,
        var other => throw new Core.Io.InvalidInputException($"environment variable {ScratchVariable}='{other}' is not a place for the GGA kernel's scratch; expected device or shared{Core.Io.NearestName.Hint(other, ["device", "shared"])}"),
    };

    /// <summary>The device memory's peak bandwidth in bytes/s where the driver reports it (CUDA); else null.</summary>
    public double? PeakMemoryBandwidth { get; }

    /// <summary>The accelerator every session of this backend allocates on.</summary>
    public Accelerator Accelerator { get; }

    public string Name => IlgpuDevices.BackendName(Kind);

    public string Description => Kind == IlgpuDeviceKind.Cpu
        ? "ILGPU CPU accelerator (the GPU kernels on host threads, for parity checks), fp64"
        : $"ILGPU {Accelerator.AcceleratorType} {Accelerator.Name} ({Accelerator.NumMultiprocessors} multiprocessors, {Accelerator.MemorySize / (1024.0 * 1024 * 1024):F1} GiB), fp64";

    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
