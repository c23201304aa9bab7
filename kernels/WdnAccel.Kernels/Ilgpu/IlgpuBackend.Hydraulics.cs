using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Kernels.Simd;

namespace WdnAccel.Kernels.Ilgpu;

public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    public IHydraulicSession OpenHydraulicSession(CompiledNetwork network, int lanes) => new IlgpuHydraulicSession(Accelerator, network, lanes, LoopFlows);

    /// <inheritdoc />
    public string HydraulicMethod(CompiledNetwork network) =>
        LoopBasis.WherePaying(network, LoopFlows) is { } loops ? $"GGA steps in loop-flow form ({loops.LoopCount} loops), one lane per thread"
        : "GGA over the junctions, one lane per thread";

    /// <inheritdoc />
    public void SolveHydraulics(HydraulicBatch batch) => HydraulicSessions.SolveOnce(this, batch);

    /// <summary>On a batch whose outputs are on the host (after <see cref="SolveHydraulics"/>): the host SIMD limits kernel. Sessions run it on the device.</summary>
    public void EvaluateDesignLimits(HydraulicBatch batch, DesignFeasibility limits, ReadOnlySpan<int> caseOfLane, Span<double> margin, Span<double> violation) =>
        DesignLimitsKernel.Evaluate(batch, limits, caseOfLane, margin, violation);
}
