using ILGPU;
using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// <see cref="ILoopLane"/> for one thread of <see cref="HydraulicKernels.GgaLoopsShared"/>: the per-trial loop-form
/// scratch in the group's shared memory (<see cref="DeviceSharedScratch"/>), everything else, inputs, outputs and the
/// junction GGA's arrays for lanes that fall back to it, in device memory through <see cref="DeviceGgaLane"/>.
/// </summary>
public readonly struct SharedScratchLane(DeviceGgaLanes views, int lane, ArrayView<double> shared, DeviceSharedScratch layout, int thread, int groupSize) : ILoopLane
{
    private readonly DeviceGgaLane _device = new(views, lane);
    private readonly ArrayView<double> _shared = shared;
    private readonly DeviceSharedScratch _layout = layout;
    private readonly int _thread = thread, _group = groupSize;

    private int At(int slot) => slot * _group + _thread;

    public double Diameter(int pipe) => _device.Diameter(pipe);
    public double Roughness(int pipe) => _device.Roughness(pipe);
    public double Demand(int junction) => _device.Demand(junction);
    public double FixedHead(int index) => _device.FixedHead(index);
    public int LinkState(int link) => _device.LinkState(link);
    public double PumpSpeed(int pump) => _device.PumpSpeed(pump);
    public bool WarmStart => _device.WarmStart;

    public double Head(int node) => _device.Head(node);
    public void SetHead(int node, double value) => _device.SetHead(node, value);
    public double Flow(int link) => _device.Flow(link);
    public void SetFlow(int link, double value) => _device.SetFlow(link, value);
    public double DemandFlow(int junction) => _device.DemandFlow(junction);
    public void SetDemandFlow(int junction, double value) => _device.SetDemandFlow(junction, value);
    public double EmitterFlow(int junction) => _device.EmitterFlow(junction);
    public void SetEmitterFlow(int junction, double value) => _device.SetEmitterFlow(junction, value);
    public int Closed(int link) => _device.Closed(link);
    public void SetClosed(int link, int value) => _device.SetClosed(link, value);
    public void SetValveStatus(int valve, int value) => _device.SetValveStatus(valve, value);

    public double Resistance(int pipe) => _device.Resistance(pipe);
    public void SetResistance(int pipe, double value) => _device.SetResistance(pipe, value);
    public double MinorCoefficient(int pipe) => _device.MinorCoefficient(pipe);
    public void SetMinorCoefficient(int pipe, double value) => _device.SetMinorCoefficient(pipe, value);
    public double P(int link) => _device.P(link);
    public void SetP(int link, double value) => _device.SetP(link, value);
    public double Y(int link) => _device.Y(link);
    public void SetY(int link, double value) => _device.SetY(link, value);
    public double Factor(int entry) => _device.Factor(entry);
    public void SetFactor(int entry, double value) => _device.SetFactor(entry, value);
    public double Rhs(int position) => _device.Rhs(position);
    public void SetRhs(int position, double value) => _device.SetRhs(position, value);
    public double Work(int position) => _device.Work(position);
    public void SetWork(int position, double value) => _device.SetWork(position, value);
    public double Grounding(int position) => _device.Grounding(position);
    public void SetGrounding(int position, double value) => _device.SetGrounding(position, value);

    public bool SharedForestFlows => _device.SharedForestFlows;
    public bool ResistancesGiven => _device.ResistancesGiven;
    public double ForestFlow(int link) => _device.ForestFlow(link);
    public void SetForestFlow(int link, double value) => _device.SetForestFlow(link, value);

    public double LoopQ(int link) => _shared[At(_layout.LoopQ + link)];
    public void SetLoopQ(int link, double value) => _shared[At(_layout.LoopQ + link)] = value;
    public double Gradient(int link) => _shared[At(_layout.Gradient + link)];
    public void SetGradient(int link, double value) => _shared[At(_layout.Gradient + link)] = value;
    public double LinearLoss(int link) => _shared[At(_layout.LinearLoss + link)];
    public void SetLinearLoss(int link, double value) => _shared[At(_layout.LinearLoss + link)] = value;
    public double LoopFactor(int entry) => _shared[At(_layout.LoopFactor + entry)];
    public void SetLoopFactor(int entry, double value) => _shared[At(_layout.LoopFactor + entry)] = value;
    public double LoopFlow(int loop) => _shared[At(_layout.LoopFlow + loop)];
    public void SetLoopFlow(int loop, double value) => _shared[At(_layout.LoopFlow + loop)] = value;
    public double LoopPivot(int loop) => _shared[At(_layout.LoopPivot + loop)];
    public void SetLoopPivot(int loop, double value) => _shared[At(_layout.LoopPivot + loop)] = value;

    public void Finish(LaneStatus status, int iterations, double relativeError) => _device.Finish(status, iterations, relativeError);
}
