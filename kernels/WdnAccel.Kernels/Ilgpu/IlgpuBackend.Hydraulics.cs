using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes) => OpenHydraulicSession(network, lanes, LoopFlows);

    /// <summary>A session whose kernel takes its Newton steps in <paramref name="form"/> rather than in this backend's own (the device check runs both).</summary>
    public IlgpuHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes, LoopFlowMode form) => OpenHydraulicSession(network, lanes, form, Scratch);

    /// <summary>A session in <paramref name="form"/> with the loop-flow kernel's scratch in <paramref name="scratch"/> (the device check times both).</summary>
    public IlgpuHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes, LoopFlowMode form, GgaScratchMemory scratch) => new(Accelerator, network, lanes, form, scratch);

    /// <inheritdoc />
    public string HydraulicMethod(CompiledNetwork network)
    {
        var loops = LoopBasis.WherePaying(network, LoopFlows);
        return HydraulicMethod(loops, IlgpuHydraulicSession.SharedScratchLanes(Accelerator, network, loops, Scratch));
    }

    /// <summary>
    /// Whether the loop-flow kernel with its scratch in the other memory (<see cref="DeviceCheck.OtherScratch"/>) is
    /// another kernel than this backend's on <paramref name="network"/>: false over the junctions, and where a warp's
    /// scratch does not fit in shared memory (both placements then run the device-memory kernel).
    /// </summary>
    public bool OtherScratchDiffers(CompiledNetwork network)
    {
        var loops = LoopBasis.WherePaying(network, LoopFlows);
        return loops is not null
            && IlgpuHydraulicSession.SharedScratchLanes(Accelerator, network, loops, Scratch) > 0
               != IlgpuHydraulicSession.SharedScratchLanes(Accelerator, network, loops, DeviceCheck.OtherScratch(this)) > 0;
    }

    /// <summary>Whether this backend's sessions on <paramref name="network"/> take the Newton steps in loop-flow form (the device check then runs the junction form beside it).</summary>
    public bool StepsInLoopForm(CompiledNetwork network) => LoopBasis.WherePaying(network, LoopFlows) is not null;

    /// <summary>How a GPU session with <paramref name="loops"/> (null: over the junctions) steps, for reports; <paramref name="sharedLanesPerGroup"/> as <see cref="IlgpuHydraulicSession.SharedScratchLanesPerGroup"/>.</summary>
    public static string HydraulicMethod(LoopBasis? loops, int sharedLanesPerGroup) =>
        loops is null ? "GGA over the junctions, one lane per thread"
        : $"GGA steps in loop-flow form ({loops.LoopCount} loops), one lane per thread" +
          (sharedLanesPerGroup > 0 ? $", per-trial scratch in shared memory ({sharedLanesPerGroup} lanes per group)" : "");

    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => HydraulicSessions.SolveOnce(this, batch);

    /// <summary>On a batch whose outputs are on the host (after <see cref="SolveHydraulics"/>): the host SIMD limits kernel. Sessions run it on the device.</summary>
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation) =>
        DesignLimitsKernel.Evaluate(batch, limits, caseOfLane, margin, violation);
}
