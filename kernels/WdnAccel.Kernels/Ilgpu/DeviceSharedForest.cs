using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// <see cref="IForestFlows"/> over lane 0's demands and the session's shared forest table
/// (<see cref="DeviceGgaLanes.SharedForest"/>): what <see cref="HydraulicKernels.SharedForest"/> fills for lanes
/// that share their demands.
/// </summary>
public readonly struct DeviceSharedForest(DeviceGgaLanes lanes) : IForestFlows
{
    private readonly DeviceGgaLanes _v = lanes;

    public double Demand(int junction) => _v.Demand[junction * _v.Count];
    public double ForestFlow(int link) => _v.SharedForest[link];
    public void SetForestFlow(int link, double value) => _v.SharedForest[link] = value;
}
