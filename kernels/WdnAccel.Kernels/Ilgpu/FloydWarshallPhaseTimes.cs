namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// The blocked kernels' device time summed over a run's blocks of k, phase by phase: the pivot tile (one group), the
/// pivot's row and column tiles, and the rest of the matrix. Taken from profiling markers the device records between
/// launches (CUDA events on a GPU), so the launches stay queued and the sums add up to the kernels' time.
/// </summary>
public readonly record struct FloydWarshallPhaseTimes(TimeSpan Pivot, TimeSpan Cross, TimeSpan Rest);
