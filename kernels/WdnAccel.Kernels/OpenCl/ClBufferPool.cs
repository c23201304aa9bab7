namespace WdnAccel.Kernels.OpenCl;

/// <summary>
/// Device buffers kept for reuse, keyed by size (rounded up to 256 bytes), so an optimizer that calls the same
/// kernels every generation with the same batch shape allocates its device memory once (issue 7: no
/// per-generation allocation). Not thread-safe; the backend serializes access.
/// </summary>
public sealed class ClBufferPool(ClContext context) : IDisposable
{
    private const long Granule = 256;
    private readonly Dictionary<long, Stack<ClBuffer>> _free = [];
    private bool _disposed;

    public ClContext Context { get; } = context;

    /// <summary>Buffers created by this pool so far (a reused buffer does not count again).</summary>
    public int Allocations { get; private set; }

    /// <summary>Bytes held in free lists, ready for reuse.</summary>
    public long PooledBytes => _free.Sum(pair => pair.Key * pair.Value.Count);

    /// <summary>A buffer of at least <paramref name="bytes"/> bytes, reused when one of that size class is free.</summary>
    public ClBuffer Rent(long bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long size = (Math.Max(bytes, 1) + Granule - 1) / Granule * Granule;
        if (_free.TryGetValue(size, out var stack) && stack.Count > 0) return stack.Pop();
        Allocations++;
        return Context.CreateBuffer(size);
    }

    /// <summary>Rents a buffer that goes back to the pool when the lease is disposed.</summary>
    public ClBufferLease Lease(long bytes) => new(this, Rent(bytes));

    /// <summary>Gives <paramref name="buffer"/> back for reuse (released instead once the pool is disposed).</summary>
    public void Return(ClBuffer buffer)
    {
        if (_disposed || buffer.IsDisposed || buffer.Context != Context)
        {
            buffer.Dispose();
            return;
        }
        if (!_free.TryGetValue(buffer.SizeBytes, out var stack)) _free[buffer.SizeBytes] = stack = new Stack<ClBuffer>();
        stack.Push(buffer);
    }

    /// <summary>Releases every pooled buffer (e.g. when the batch shape changes for good).</summary>
    public void Trim()
    {
        foreach (var stack in _free.Values)
        {
            while (stack.Count > 0) stack.Pop().Dispose();
        }
        _free.Clear();
    }

    public void Dispose()
    {
        Trim();
        _disposed = true;
    }
}
