namespace WdnAccel.Kernels.OpenCl;

/// <summary>A pooled buffer for the length of a using block: disposing returns it to its <see cref="ClBufferPool"/>.</summary>
public readonly struct ClBufferLease(ClBufferPool pool, ClBuffer buffer) : IDisposable
{
    public ClBuffer Buffer { get; } = buffer;

    public void Dispose() => pool.Return(Buffer);
}
