using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Compute;

/// <summary>What every backend's sessions share: the shape check and the one-off solve behind <see cref="IComputeBackend.SolveHydraulics"/>.</summary>
public static class HydraulicSessions
{
    /// <summary>Throws unless <paramref name="batch"/> has the session's network and lane count.</summary>
    public static void RequireShape(IHydraulicSession session, HydraulicBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!ReferenceEquals(batch.Network, session.Network))
            throw new ArgumentException("the batch belongs to another compiled network than this hydraulic session", nameof(batch));
        if (batch.Count != session.Lanes)
            throw new ArgumentException($"the batch has {batch.Count} lanes; this hydraulic session solves {session.Lanes}", nameof(batch));
    }

    /// <summary>A solve in a session of its own, every output back on the host (<see cref="IComputeBackend.SolveHydraulics"/>).</summary>
    public static void SolveOnce(IComputeBackend backend, HydraulicBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        bool outputs = batch.OutputsToHost;
        batch.OutputsToHost = true;
        try
        {
            using var session = backend.OpenHydraulicSession(batch.Network, batch.Count);
            session.Solve(batch);
        }
        finally
        {
            batch.OutputsToHost = outputs;
        }
    }
}
