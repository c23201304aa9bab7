namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// A kernel with its arguments. Launches round the global size up to a whole number of work-groups, so every
/// WdnAccel kernel guards its index against the real element count (an argument).
/// </summary>
public sealed unsafe class ClKernel : IDisposable
{
    private readonly ClHandle _handle;

    internal ClKernel(ClContext context, ClHandle handle, string function)
    {
        Context = context;
        _handle = handle;
        Function = function;
        nuint size;
        ClErrors.Check(ClNative.clGetKernelWorkGroupInfo(handle.Value, context.Device.Id, ClNative.CL_KERNEL_WORK_GROUP_SIZE, (nuint)sizeof(nuint), &size, null),
            "clGetKernelWorkGroupInfo");
        MaxWorkGroupSize = (long)size;
    }

    public ClContext Context { get; }
    public string Function { get; }

    /// <summary>CL_KERNEL_WORK_GROUP_SIZE: the largest work-group this kernel can launch with on the device.</summary>
    public long MaxWorkGroupSize { get; }

    /// <summary>Binds a buffer to argument <paramref name="index"/>.</summary>
    public ClKernel SetArg(int index, ClBuffer buffer)
    {
        nint memory = buffer.Handle.Value;
        Check(ClNative.clSetKernelArg(_handle.Value, (uint)index, (nuint)sizeof(nint), &memory), index);
        GC.KeepAlive(buffer);
        return this;
    }

    /// <summary>Binds a scalar (int, double, float, ...) to argument <paramref name="index"/>; the type must match the kernel's parameter.</summary>
    public ClKernel SetArg<T>(int index, T value) where T : unmanaged
    {
        Check(ClNative.clSetKernelArg(_handle.Value, (uint)index, (nuint)sizeof(T), &value), index);
        return this;
    }

    /// <summary>Reserves <paramref name="bytes"/> of __local memory for argument <paramref name="index"/> (tiles of blocked kernels).</summary>
    public ClKernel SetLocalArg(int index, long bytes)
    {
        Check(ClNative.clSetKernelArg(_handle.Value, (uint)index, (nuint)bytes, null), index);
        return this;
    }

    /// <summary>Enqueues a 1-D launch over <paramref name="count"/> items, work-group <paramref name="localSize"/> (clipped to the kernel's limit).</summary>
    public void Launch(long count, long localSize = 64)
    {
        long local = Math.Max(1, Math.Min(localSize, MaxWorkGroupSize));
        Enqueue([RoundUp(count, local)], [local]);
    }

    /// <summary>Enqueues a 2-D launch over <paramref name="count0"/> × <paramref name="count1"/> items in <paramref name="local0"/> × <paramref name="local1"/> groups.</summary>
    public void Launch(long count0, long count1, long local0 = 8, long local1 = 8)
    {
        while (local0 * local1 > MaxWorkGroupSize && (local0 > 1 || local1 > 1))
        {
            if (local0 >= local1) local0 = Math.Max(1, local0 / 2);
            else local1 = Math.Max(1, local1 / 2);
        }
        Enqueue([RoundUp(count0, local0), RoundUp(count1, local1)], [local0, local1]);
    }

    public void Dispose() => _handle.Dispose();

    private void Enqueue(ReadOnlySpan<long> global, ReadOnlySpan<long> local)
    {
        if (global[0] == 0 || (global.Length > 1 && global[1] == 0)) return;
        nuint* g = stackalloc nuint[global.Length];
        nuint* l = stackalloc nuint[local.Length];
        for (int i = 0; i < global.Length; i++)
        {
            g[i] = (nuint)global[i];
            l[i] = (nuint)local[i];
        }
        ClErrors.Check(ClNative.clEnqueueNDRangeKernel(Context.Queue, _handle.Value, (uint)global.Length, null, g, l, 0, null, null),
            $"clEnqueueNDRangeKernel({Function})");
        GC.KeepAlive(this);
    }

    private void Check(int status, int index)
    {
        if (status != ClNative.CL_SUCCESS) throw new OpenClException("clSetKernelArg", status, $"argument {index} of kernel '{Function}'");
        GC.KeepAlive(this);
    }

    private static long RoundUp(long value, long multiple) => (value + multiple - 1) / multiple * multiple;
}
