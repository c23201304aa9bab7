namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// <see cref="IGgaLane"/> for lane <c>lane</c> of a host <see cref="HydraulicBatch"/>: inputs and outputs in the batch
/// (stride K), scratch in <see cref="HostGgaScratch"/> (one lane's worth, reused lane after lane). As an
/// <see cref="ILoopLane"/> it needs a scratch made with the loop basis; g and w share P's and Y's storage.
/// </summary>
public readonly struct HostGgaLane(HydraulicBatch batch, int lane, HostGgaScratch scratch) : ILoopLane
{
    private readonly HydraulicBatch _batch = batch;
    private readonly int _lane = lane;
    private readonly int _k = batch.Count;
    private readonly HostGgaScratch _scratch = scratch;

    public double Diameter(int pipe) => _batch.Diameter[pipe * _k + _lane];
    public double Roughness(int pipe) => _batch.Roughness[pipe * _k + _lane];
    public double Demand(int junction) => _batch.Demand[junction * _k + _lane];
    public double FixedHead(int index) => _batch.FixedHead[index * _k + _lane];
    public int LinkState(int link) => _batch.LinkState[link * _k + _lane];
    public double PumpSpeed(int pump) => _batch.PumpSpeed[pump * _k + _lane];
    public bool WarmStart => _batch.WarmStart;

    public double Head(int node) => _batch.Head[node * _k + _lane];
    public void SetHead(int node, double value) => _batch.Head[node * _k + _lane] = value;
    public double Flow(int link) => _batch.Flow[link * _k + _lane];
    public void SetFlow(int link, double value) => _batch.Flow[link * _k + _lane] = value;
    public double DemandFlow(int junction) => _batch.DemandFlow[junction * _k + _lane];
    public void SetDemandFlow(int junction, double value) => _batch.DemandFlow[junction * _k + _lane] = value;
    public double EmitterFlow(int junction) => _batch.EmitterFlow[junction * _k + _lane];
    public void SetEmitterFlow(int junction, double value) => _batch.EmitterFlow[junction * _k + _lane] = value;
    public int Closed(int link) => _batch.Closed[link * _k + _lane];
    public void SetClosed(int link, int value) => _batch.Closed[link * _k + _lane] = (byte)value;
    public void SetValveStatus(int valve, int value) => _batch.ValveStatus[valve * _k + _lane] = (byte)value;

    public double Resistance(int pipe) => _scratch.Resistance[pipe];
    public void SetResistance(int pipe, double value) => _scratch.Resistance[pipe] = value;
    public double MinorCoefficient(int pipe) => _scratch.MinorCoefficient[pipe];
    public void SetMinorCoefficient(int pipe, double value) => _scratch.MinorCoefficient[pipe] = value;
    public double P(int link) => _scratch.P[link];
    public void SetP(int link, double value) => _scratch.P[link] = value;
    public double Y(int link) => _scratch.Y[link];
    public void SetY(int link, double value) => _scratch.Y[link] = value;
    public double Factor(int entry) => _scratch.Factor[entry];
    public void SetFactor(int entry, double value) => _scratch.Factor[entry] = value;
    public double Rhs(int position) => _scratch.Rhs[position];
    public void SetRhs(int position, double value) => _scratch.Rhs[position] = value;
    public double Work(int position) => _scratch.Work[position];
    public void SetWork(int position, double value) => _scratch.Work[position] = value;
    public double Grounding(int position) => _scratch.Grounding[position];
    public void SetGrounding(int position, double value) => _scratch.Grounding[position] = value;

    public bool SharedForestFlows => false;
    public bool ResistancesGiven => false;
    public double LoopQ(int link) => _scratch.LoopQ[link];
    public void SetLoopQ(int link, double value) => _scratch.LoopQ[link] = value;
    public double ForestFlow(int link) => _scratch.ForestFlow[link];
    public void SetForestFlow(int link, double value) => _scratch.ForestFlow[link] = value;
    public double Gradient(int link) => _scratch.P[link];
    public void SetGradient(int link, double value) => _scratch.P[link] = value;
    public double LinearLoss(int link) => _scratch.Y[link];
    public void SetLinearLoss(int link, double value) => _scratch.Y[link] = value;
    public double LoopFactor(int entry) => _scratch.LoopFactor[entry];
    public void SetLoopFactor(int entry, double value) => _scratch.LoopFactor[entry] = value;
    public double LoopFlow(int loop) => _scratch.LoopFlow[loop];
    public void SetLoopFlow(int loop, double value) => _scratch.LoopFlow[loop] = value;
    public double LoopPivot(int loop) => _scratch.LoopPivot[loop];
    public void SetLoopPivot(int loop, double value) => _scratch.LoopPivot[loop] = value;

    public void Finish(LaneStatus status, int iterations, double relativeError)
    {
        _batch.Status[_lane] = status;
        _batch.Iterations[_lane] = iterations;
        _batch.RelativeError[_lane] = relativeError;
    }
}
