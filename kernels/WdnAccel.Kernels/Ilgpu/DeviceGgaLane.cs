using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// <see cref="IGgaLane"/> for one GPU thread: lane <c>lane</c> of <see cref="DeviceGgaLanes"/>. Indices are 32-bit
/// (a GPU multiplies those in one instruction, 64-bit ones in several); <see cref="IlgpuHydraulicSession"/> refuses
/// batches whose largest array would pass 2³¹ elements. As an <see cref="ILoopLane"/>, g and w share P's and Y's storage.
/// </summary>
public readonly struct DeviceGgaLane(DeviceGgaLanes views, int lane) : ILoopLane
{
    private readonly DeviceGgaLanes _v = views;
    private readonly int _lane = lane;
    private readonly int _k = views.Count;
    private readonly bool _sharedForest = views.ForestShareable != 0 && views.DemandsDiffer[0] == 0;

    private int At(int element) => element * _k + _lane;

    public double Diameter(int pipe) => _v.Diameter[At(pipe)];
    public double Roughness(int pipe) => _v.Roughness[At(pipe)];
    public double Demand(int junction) => _v.Demand[At(junction)];
    public double FixedHead(int index) => _v.FixedHead[At(index)];
    public int LinkState(int link) => _v.LinkState[At(link)];
    public double PumpSpeed(int pump) => _v.PumpSpeed[At(pump)];
    public bool WarmStart => _v.WarmStart != 0;

    public double Head(int node) => _v.Head[At(node)];
    public void SetHead(int node, double value) => _v.Head[At(node)] = value;
    public double Flow(int link) => _v.Flow[At(link)];
    public void SetFlow(int link, double value) => _v.Flow[At(link)] = value;
    public double DemandFlow(int junction) => _v.DemandFlow[At(junction)];
    public void SetDemandFlow(int junction, double value) => _v.DemandFlow[At(junction)] = value;
    public double EmitterFlow(int junction) => _v.EmitterFlow[At(junction)];
    public void SetEmitterFlow(int junction, double value) => _v.EmitterFlow[At(junction)] = value;
    public int Closed(int link) => _v.Closed[At(link)];
    public void SetClosed(int link, int value) => _v.Closed[At(link)] = (byte)value;
    public void SetValveStatus(int valve, int value) => _v.ValveStatus[At(valve)] = (byte)value;

    public double Resistance(int pipe) => _v.Resistance[At(pipe)];
    public void SetResistance(int pipe, double value) => _v.Resistance[At(pipe)] = value;
    public double MinorCoefficient(int pipe) => _v.MinorCoefficient[At(pipe)];
    public void SetMinorCoefficient(int pipe, double value) => _v.MinorCoefficient[At(pipe)] = value;
    public double P(int link) => _v.P[At(link)];
    public void SetP(int link, double value) => _v.P[At(link)] = value;
    public double Y(int link) => _v.Y[At(link)];
    public void SetY(int link, double value) => _v.Y[At(link)] = value;
    public double Factor(int entry) => _v.Factor[At(entry)];
    public void SetFactor(int entry, double value) => _v.Factor[At(entry)] = value;
    public double Rhs(int position) => _v.Rhs[At(position)];
    public void SetRhs(int position, double value) => _v.Rhs[At(position)] = value;
    public double Work(int position) => _v.Work[At(position)];
    public void SetWork(int position, double value) => _v.Work[At(position)] = value;
    public double Grounding(int position) => _v.Grounding[At(position)];
    public void SetGrounding(int position, double value) => _v.Grounding[At(position)] = value;

    public double LoopQ(int link) => _v.LoopQ[At(link)];
    public void SetLoopQ(int link, double value) => _v.LoopQ[At(link)] = value;
    public bool SharedForestFlows => _sharedForest;
    public bool ResistancesGiven => _v.ResistancesGiven != 0;
    public double ForestFlow(int link) => _sharedForest ? _v.SharedForest[link] : _v.ForestFlow[At(link)];
    public void SetForestFlow(int link, double value) => _v.ForestFlow[At(link)] = value;
    public double Gradient(int link) => _v.P[At(link)];
    public void SetGradient(int link, double value) => _v.P[At(link)] = value;
    public double LinearLoss(int link) => _v.Y[At(link)];
    public void SetLinearLoss(int link, double value) => _v.Y[At(link)] = value;
    public double LoopFactor(int entry) => _v.LoopFactor[At(entry)];
    public void SetLoopFactor(int entry, double value) => _v.LoopFactor[At(entry)] = value;
    public double LoopFlow(int loop) => _v.LoopFlow[At(loop)];
    public void SetLoopFlow(int loop, double value) => _v.LoopFlow[At(loop)] = value;
    public double LoopPivot(int loop) => _v.LoopPivot[At(loop)];
    public void SetLoopPivot(int loop, double value) => _v.LoopPivot[At(loop)] = value;

    public void Finish(LaneStatus status, int iterations, double relativeError)
    {
        _v.Status[_lane] = (byte)status;
        _v.Iterations[_lane] = iterations;
        _v.RelativeError[_lane] = relativeError;
    }
}
