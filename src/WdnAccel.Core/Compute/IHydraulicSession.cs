using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Compute;

/// <summary>
/// An explicit, disposable hydraulic session for one (compiled network, lane count): it owns every buffer, workspace
/// and compiled kernel the backend needs to solve batches of that shape, so an optimizer's generations reuse them and
/// nothing is kept behind the caller's back. Two sessions never share buffers; disposing one frees its memory (device
/// memory on a GPU). Batches passed in must have the session's network and lane count.
/// </summary>
public interface IHydraulicSession : IDisposable
{
    CompiledNetwork Network { get; }

    /// <summary>Lanes K of the batches this session solves.</summary>
    int Lanes { get; }

    /// <summary>As <see cref="IComputeBackend.SolveHydraulics"/>: solves lanes [0, ActiveLanes) of <paramref name="batch"/>.
    /// When <see cref="HydraulicBatch.OutputsToHost"/> is false a device session may keep heads, flows and closed flags
    /// on the device for <see cref="EvaluateDesignLimits"/>; statuses and trial counts always come back.</summary>
    void Solve(HydraulicBatch batch);

    /// <summary>As <see cref="IComputeBackend.EvaluateDesignLimits"/>, on the batch this session solved last (on the device where it lives there).</summary>
    void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation);
}
