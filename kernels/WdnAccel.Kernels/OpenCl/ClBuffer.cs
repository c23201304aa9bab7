using System.Runtime.InteropServices;

namespace WdnAccel.Kernels.OpenCl;

/// <summary>A device buffer (cl_mem). Writes and reads are blocking on the context's in-order queue, so the host span is free on return.</summary>
public sealed unsafe class ClBuffer : IDisposable
{
    internal ClBuffer(ClContext context, ClHandle handle, long sizeBytes)
    {
        Context = context;
        Handle = handle;
        SizeBytes = sizeBytes;
    }

    public ClContext Context { get; }
    internal ClHandle Handle { get; }
    public long SizeBytes { get; }
    public bool IsDisposed => Handle.IsClosed;

    /// <summary>Copies <paramref name="source"/> to the buffer at element offset <paramref name="offset"/>.</summary>
    public void Write<T>(ReadOnlySpan<T> source, long offset = 0) where T : unmanaged
    {
        long bytes = (long)source.Length * sizeof(T), start = offset * sizeof(T);
        CheckRange(start, bytes);
        if (bytes == 0) return;
        fixed (T* p = &MemoryMarshal.GetReference(source))
        {
            ClErrors.Check(ClNative.clEnqueueWriteBuffer(Context.Queue, Handle.Value, 1, (nuint)start, (nuint)bytes, p, 0, null, null), "clEnqueueWriteBuffer");
        }
        GC.KeepAlive(this);
    }

    /// <summary>Copies from the buffer at element offset <paramref name="offset"/> into <paramref name="destination"/>.</summary>
    public void Read<T>(Span<T> destination, long offset = 0) where T : unmanaged
    {
        long bytes = (long)destination.Length * sizeof(T), start = offset * sizeof(T);
        CheckRange(start, bytes);
        if (bytes == 0) return;
        fixed (T* p = &MemoryMarshal.GetReference(destination))
        {
            ClErrors.Check(ClNative.clEnqueueReadBuffer(Context.Queue, Handle.Value, 1, (nuint)start, (nuint)bytes, p, 0, null, null), "clEnqueueReadBuffer");
        }
        GC.KeepAlive(this);
    }

    public void Dispose() => Handle.Dispose();

    private void CheckRange(long start, long bytes)
    {
        if (start < 0 || start + bytes > SizeBytes)
            throw new ArgumentOutOfRangeException(nameof(bytes), $"{bytes} bytes at {start} exceed the buffer's {SizeBytes} bytes");
    }
}
