using System.Buffers;
using WdnAccel.Core.Compute;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// The OpenCL backend: the Device/*.cl kernels on one OpenCL device (a GPU driver, or PoCL on the CPU in CI).
/// Operation families live in partial files OpenClBackend.&lt;Family&gt;.cs. Shared infrastructure for them:
/// <see cref="Kernel"/> (programs built once per context, kernel objects cached), <see cref="Buffers"/>
/// (device memory reused across calls), <see cref="UploadReal"/>/<see cref="DownloadReal"/> (double on the
/// host, real_t on the device), and <see cref="Gate"/> (one host thread drives the queue at a time).
/// </summary>
public sealed partial class OpenClBackend : IComputeBackend
{
    private readonly Dictionary<(string File, string Function, bool Fp64), ClKernel> _kernels = [];
    private SimdBackend? _host;

    /// <summary>Opens the device chosen by <paramref name="options"/> (default: WDNACCEL_OPENCL_DEVICE, else the first GPU, else the first device).</summary>
    /// <exception cref="BackendUnavailableException">No OpenCL runtime, no device, or none matching the options.</exception>
    public OpenClBackend(OpenClOptions? options = null)
    {
        options ??= OpenClOptions.FromEnvironment();
        var devices = OpenClRuntime.GetDevices();
        Device = options.Select(devices);
        UsesFp64 = Device.SupportsFp64 && !options.ForceSinglePrecision;
        try
        {
            Context = new ClContext(Device);
        }
        catch (OpenClException e)
        {
            // A listed device that cannot be opened (busy, driver mismatch) is an unavailable backend (exit 4), not an internal error.
            throw new BackendUnavailableException($"OpenCL device {Device} could not be opened: {e.Message}", e);
        }
        Buffers = new ClBufferPool(Context);
        LocalSize1D = int.TryParse(Environment.GetEnvironmentVariable(LocalSizeVariable), out int local) && local > 0 ? local
            : Device.Kind == ClDeviceKind.Gpu ? 128 : 512;
    }

    /// <summary>Environment override of <see cref="LocalSize1D"/>.</summary>
    public const string LocalSizeVariable = "WDNACCEL_OPENCL_LOCAL_SIZE";

    public string Name => "opencl";

    public string Description =>
        $"OpenCL {Device.Name} ({Device.Kind.ToString().ToLowerInvariant()}, {Device.ComputeUnits} compute units, {Device.Platform.Name}), {(UsesFp64 ? "fp64" : "fp32")}; {HydraulicsDescription}";

    public ClDevice Device { get; }
    public ClContext Context { get; }
    public ClBufferPool Buffers { get; }

    /// <summary>Kernels compute in double (true) or float (device without fp64, or forced).</summary>
    public bool UsesFp64 { get; }

    /// <summary>Build options for every program of this backend (the real type).</summary>
    public string ProgramOptions => DeviceSources.PrecisionOptions(UsesFp64);

    /// <summary>Size in bytes of real_t on the device.</summary>
    public int RealSize => UsesFp64 ? sizeof(double) : sizeof(float);

    /// <summary>
    /// Work-group size for 1-D element kernels: set WDNACCEL_OPENCL_LOCAL_SIZE to override (benchmarks); default
    /// 128 on GPUs (four warps/two wavefronts per group), 512 on CPU devices, where PoCL runs a group as one
    /// vectorized loop and small groups cost scheduling overhead.
    /// </summary>
    public int LocalSize1D { get; }

    /// <summary>Lock held by each operation for its whole upload-launch-download sequence.</summary>
    public object Gate { get; } = new();

    /// <summary>
    /// A CPU backend for families whose kernels are not ported yet: a partial file may delegate to it so the
    /// interface is complete, and must say so in its doc comment.
    /// </summary>
    internal SimdBackend Host => _host ??= new SimdBackend();

    /// <summary>The kernel <paramref name="function"/> of Device/<paramref name="file"/> in this backend's real type, built on first use. Call under <see cref="Gate"/>.</summary>
    public ClKernel Kernel(string file, string function) => Kernel(file, function, UsesFp64);

    /// <summary>The kernel built with real_t = double (<paramref name="fp64"/>) or float, whatever <see cref="UsesFp64"/> says (for float-typed APIs).</summary>
    public ClKernel Kernel(string file, string function, bool fp64)
    {
        if (fp64 && !Device.SupportsFp64) throw new InvalidOperationException($"{Device.Name} has no fp64 support; {function} cannot be built with double");
        if (!_kernels.TryGetValue((file, function, fp64), out var kernel))
        {
            kernel = DeviceSources.GetProgram(Context, file, DeviceSources.PrecisionOptions(fp64)).CreateKernel(function);
            _kernels[(file, function, fp64)] = kernel;
        }
        return kernel;
    }

    /// <summary>A pooled device buffer holding <paramref name="values"/> as real_t.</summary>
    public ClBufferLease UploadReal(ReadOnlySpan<double> values)
    {
        var lease = Buffers.Lease((long)Math.Max(values.Length, 1) * RealSize);
        if (UsesFp64)
        {
            lease.Buffer.Write(values);
            return lease;
        }
        var single = ArrayPool<float>.Shared.Rent(values.Length);
        try
        {
            for (int i = 0; i < values.Length; i++) single[i] = (float)values[i];
            lease.Buffer.Write<float>(single.AsSpan(0, values.Length));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(single);
        }
        return lease;
    }

    /// <summary>A pooled device buffer with room for <paramref name="count"/> real_t values.</summary>
    public ClBufferLease RentReal(long count) => Buffers.Lease(Math.Max(count, 1) * RealSize);

    /// <summary>Reads <paramref name="destination"/>.Length real_t values back as double.</summary>
    public void DownloadReal(ClBuffer buffer, Span<double> destination)
    {
        if (UsesFp64)
        {
            buffer.Read(destination);
            return;
        }
        var single = ArrayPool<float>.Shared.Rent(destination.Length);
        try
        {
            buffer.Read<float>(single.AsSpan(0, destination.Length));
            for (int i = 0; i < destination.Length; i++) destination[i] = single[i];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(single);
        }
    }

    /// <summary>Sets scalar argument <paramref name="index"/> as real_t (double or float per <see cref="UsesFp64"/>).</summary>
    public void SetRealArg(ClKernel kernel, int index, double value)
    {
        if (UsesFp64) kernel.SetArg(index, value);
        else kernel.SetArg(index, (float)value);
    }

    public void Dispose()
    {
        lock (Gate)
        {
            DisposeHydraulics();
            foreach (var kernel in _kernels.Values) kernel.Dispose();
            _kernels.Clear();
            Buffers.Dispose();
            Context.Dispose();
            _host?.Dispose();
        }
    }
}
