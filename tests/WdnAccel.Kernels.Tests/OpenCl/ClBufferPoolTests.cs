using WdnAccel.Kernels.OpenCl;

namespace WdnAccel.Kernels.Tests.OpenCl;

/// <summary>Device buffers are reused by size class, so repeated generations allocate nothing new.</summary>
public sealed class ClBufferPoolTests
{
    [OpenClFact]
    public void A_returned_buffer_is_reused_for_the_same_size_class()
    {
        using var context = new ClContext(OpenClTestDevice.Backend.Device);
        using var pool = new ClBufferPool(context);
        var first = pool.Rent(1000);
        Assert.Equal(1024, first.SizeBytes); // rounded to 256-byte classes
        pool.Return(first);
        var second = pool.Rent(1020);
        Assert.Same(first, second);
        var third = pool.Rent(1000); // first is rented out again: a new one
        Assert.NotSame(first, third);
        Assert.Equal(2, pool.Allocations);
        pool.Return(second);
        pool.Return(third);
        Assert.Equal(2048, pool.PooledBytes);
        pool.Trim();
        Assert.Equal(0, pool.PooledBytes);
        Assert.True(first.IsDisposed);
    }

    [OpenClFact]
    public void Repeated_kernel_calls_with_one_shape_allocate_once()
    {
        using var backend = new OpenClBackend(new OpenClOptions());
        var h = new double[6];
        var v = new double[6];
        var re = new double[6];
        void Generation() => backend.HazenWilliamsBatch(10.667, 2, 3, [100.0, 50.0], [120.0, 130.0], [0.0, 1.0],
            [0.1, 0.2, 0.3, 0.1, 0.2, 0.3], [0.01, 0.02, 0.03, -0.01, -0.02, -0.03], h, v, re);
        Generation();
        int afterFirst = backend.Buffers.Allocations;
        Assert.True(afterFirst > 0);
        for (int i = 0; i < 5; i++) Generation();
        Assert.Equal(afterFirst, backend.Buffers.Allocations);
        Assert.Equal(1, backend.Context.CachedProgramCount);
    }
}
