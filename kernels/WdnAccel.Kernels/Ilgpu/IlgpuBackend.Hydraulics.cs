using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes) => OpenHydraulicSession(network, lanes, LoopFlows);

    /// <summary>A session whose kernel takes its Newton steps in <paramref name="form"/> rather than in this backend's own (the device check runs both).</summary>
    public IlgpuHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes, LoopFlowMode form) => new(Accelerator, network, lanes, form);

    /// <inheritdoc />
    public string HydraulicMethod(CompiledNetwork network) => HydraulicMethod(network, LoopFlows);

    /// <summary>Whether this backend's sessions on <paramref name="network"/> take the Newton steps in loop-flow form (the device check then runs the junction form beside it).</summary>
    public bool StepsInLoopForm(CompiledNetwork network) => LoopBasis.WherePaying(network, LoopFlows) is not null;

    /// <summary>How a GPU session in <paramref name="form"/> takes the Newton steps on <paramref name="network"/>, for reports.</summary>
    public static string HydraulicMethod(CompiledNetwork network, LoopFlowMode form) =>
        LoopBasis.WherePaying(network, form) is { } loops ? $"GGA steps in loop-flow form ({loops.LoopCount} loops), one lane per thread"
        : "GGA over the junctions, one lane per thread";

    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => HydraulicSessions.SolveOnce(this, batch);

    /// <summary>On a batch whose outputs are on the host (after <see cref="SolveHydraulics"/>): the host SIMD limits kernel. Sessions run it on the device.</summary>
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation) =>
        DesignLimitsKernel.Evaluate(batch, limits, caseOfLane, margin, violation);
}
