namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Where one <see cref="FloydWarshallSession"/> run spent its time on the device side: copying the initialized
/// matrices in, the kernels (the host waits for the device before and after), copying the results out. The host's
/// own work (initializing the matrices, the negative-cycle scan) is the rest of a call. <see cref="Phases"/> splits the
/// blocked kernels' time where the session was asked to time them.
/// </summary>
public readonly record struct FloydWarshallStageTimes(TimeSpan Upload, TimeSpan Kernels, TimeSpan Download, FloydWarshallPhaseTimes? Phases = null)
{
    public TimeSpan Device => Upload + Kernels + Download;
}
