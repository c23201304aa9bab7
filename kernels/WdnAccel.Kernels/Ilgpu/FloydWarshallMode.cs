namespace WdnAccel.Kernels.Ilgpu;

/// <summary>Which single-graph kernels a <see cref="FloydWarshallSession"/> launches; all give the same bits.</summary>
public enum FloydWarshallMode
{
    /// <summary>Per-step below <see cref="FloydWarshallSession.BlockedFromNodes"/> nodes, blocked from there on.</summary>
    Auto,

    /// <summary>One launch per k, one thread per pair.</summary>
    PerStep,

    /// <summary>Three launches per block of <see cref="FloydWarshallKernels.Tile"/> k, tiles in shared memory.</summary>
    Blocked,
}
