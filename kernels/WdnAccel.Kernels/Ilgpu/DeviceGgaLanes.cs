using ILGPU;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// Device views of every per-lane array of a hydraulic batch, structure-of-arrays with the lane fastest
/// (<c>value[element * Count + lane]</c>), so neighbouring GPU threads touch neighbouring addresses (coalesced).
/// </summary>
public struct DeviceGgaLanes
{
    /// <summary>Lanes K (the stride) and the lanes to solve [0, Active).</summary>
    public int Count, Active;
    /// <summary>1 when lanes start from their flows and closed flags (<c>HydraulicBatch.WarmStart</c>).</summary>
    public int WarmStart;
    /// <summary>1 when <see cref="Resistance"/> already holds every pipe's resistance (<see cref="Core.Hydraulics.ILoopLane.ResistancesGiven"/>).</summary>
    public int ResistancesGiven;
    public ArrayView<double> Diameter, Roughness, Demand, FixedHead, PumpSpeed;
    public ArrayView<byte> LinkState;
    public ArrayView<double> Head, Flow;
    /// <summary>Emitter outflows per junction (<c>HydraulicBatch.EmitterFlow</c>); empty without emitters.</summary>
    public ArrayView<double> EmitterFlow;
    /// <summary>Delivered demands per junction under PDA (<c>HydraulicBatch.DemandFlow</c>); empty otherwise.</summary>
    public ArrayView<double> DemandFlow;
    public ArrayView<byte> Closed, Status;
    /// <summary>Each valve's state at the end (<c>HydraulicBatch.ValveStatus</c>); empty without valves.</summary>
    public ArrayView<byte> ValveStatus;
    public ArrayView<int> Iterations;
    public ArrayView<double> RelativeError;
    public ArrayView<double> Resistance, MinorCoefficient, P, Y, Factor, Rhs, Work, Grounding;
    /// <summary>The loop-flow form's scratch (<see cref="Core.Hydraulics.ILoopLane"/>); empty when the session steps over the junctions only.</summary>
    public ArrayView<double> LoopQ, ForestFlow, LoopFactor, LoopFlow, LoopPivot;
    /// <summary>
    /// Forest flows shared by lanes with the same demands: per link <see cref="SharedForest"/>, valid while
    /// <c>DemandsDiffer[0]</c> is 0 (<see cref="HydraulicKernels.CompareDemands"/> and
    /// <see cref="HydraulicKernels.SharedForest"/> set both on the device) and read only where
    /// <see cref="ForestShareable"/> is 1 (the lanes to solve are among those compared).
    /// </summary>
    public int ForestShareable;
    public ArrayView<int> DemandsDiffer;
    public ArrayView<double> SharedForest;
}
