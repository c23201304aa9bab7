using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Kernels.Ilgpu;

/// <summary>
/// A host lane (<see cref="HostGgaLane"/>) that also counts the bytes each access would move in the GPU kernel's
/// per-lane arrays (<see cref="DeviceGgaLanes"/>: 8 per double, 1 per byte flag, 13 for the outcome), so that
/// <see cref="LaneTraffic"/> can count a solve's memory traffic by running the kernel's own generic solver on the host.
/// Network and loop tables are not counted: every lane reads the same ones, and caches serve them; nor are forest flows
/// shared by every lane (<paramref name="sharedForest"/>, as a session computes them for lanes with the same demands),
/// nor, with <paramref name="scratchInShared"/>, the loop-form scratch that <see cref="HydraulicKernels.GgaLoopsShared"/>
/// keeps in shared memory (<see cref="SharedScratchLane"/>).
/// </summary>
public readonly struct CountingLane(HostGgaLane inner, LaneTraffic.Tally tally, double[]? sharedForest = null, bool scratchInShared = false) : ILoopLane
{
    private double Read(double value) { tally.Read += sizeof(double); return value; }
    private int ReadFlag(int value) { tally.Read += sizeof(byte); return value; }
    private void Wrote(int bytes = sizeof(double)) => tally.Written += bytes;
    private double ReadScratch(double value) => scratchInShared ? value : Read(value);
    private void WroteScratch() { if (!scratchInShared) Wrote(); }

    public double Diameter(int pipe) => Read(inner.Diameter(pipe));
    public double Roughness(int pipe) => Read(inner.Roughness(pipe));
    public double Demand(int junction) => Read(inner.Demand(junction));
    public double FixedHead(int index) => Read(inner.FixedHead(index));
    public int LinkState(int link) => ReadFlag(inner.LinkState(link));
    public double PumpSpeed(int pump) => Read(inner.PumpSpeed(pump));
    public bool WarmStart => inner.WarmStart;

    public double Head(int node) => Read(inner.Head(node));
    public void SetHead(int node, double value) { Wrote(); inner.SetHead(node, value); }
    public double Flow(int link) => Read(inner.Flow(link));
    public void SetFlow(int link, double value) { Wrote(); inner.SetFlow(link, value); }
    public double DemandFlow(int junction) => Read(inner.DemandFlow(junction));
    public void SetDemandFlow(int junction, double value) { Wrote(); inner.SetDemandFlow(junction, value); }
    public double EmitterFlow(int junction) => Read(inner.EmitterFlow(junction));
    public void SetEmitterFlow(int junction, double value) { Wrote(); inner.SetEmitterFlow(junction, value); }
    public int Closed(int link) => ReadFlag(inner.Closed(link));
    public void SetClosed(int link, int value) { Wrote(sizeof(byte)); inner.SetClosed(link, value); }
    public void SetValveStatus(int valve, int value) { Wrote(sizeof(byte)); inner.SetValveStatus(valve, value); }

    public double Resistance(int pipe) => Read(inner.Resistance(pipe));
    public void SetResistance(int pipe, double value) { Wrote(); inner.SetResistance(pipe, value); }
    public double MinorCoefficient(int pipe) => Read(inner.MinorCoefficient(pipe));
    public void SetMinorCoefficient(int pipe, double value) { Wrote(); inner.SetMinorCoefficient(pipe, value); }
    public double P(int link) => Read(inner.P(link));
    public void SetP(int link, double value) { Wrote(); inner.SetP(link, value); }
    public double Y(int link) => Read(inner.Y(link));
    public void SetY(int link, double value) { Wrote(); inner.SetY(link, value); }
    public double Factor(int entry) => Read(inner.Factor(entry));
    public void SetFactor(int entry, double value) { Wrote(); inner.SetFactor(entry, value); }
    public double Rhs(int position) => Read(inner.Rhs(position));
    public void SetRhs(int position, double value) { Wrote(); inner.SetRhs(position, value); }
    public double Work(int position) => Read(inner.Work(position));
    public void SetWork(int position, double value) { Wrote(); inner.SetWork(position, value); }
    public double Grounding(int position) => Read(inner.Grounding(position));
    public void SetGrounding(int position, double value) { Wrote(); inner.SetGrounding(position, value); }

    public double LoopQ(int link) => ReadScratch(inner.LoopQ(link));
    public void SetLoopQ(int link, double value) { WroteScratch(); inner.SetLoopQ(link, value); }
    public bool SharedForestFlows => sharedForest is not null;
    public bool ResistancesGiven => inner.ResistancesGiven;
    public double ForestFlow(int link) => sharedForest is not null ? sharedForest[link] : Read(inner.ForestFlow(link));
    public void SetForestFlow(int link, double value) { Wrote(); inner.SetForestFlow(link, value); }
    public double Gradient(int link) => ReadScratch(inner.Gradient(link));
    public void SetGradient(int link, double value) { WroteScratch(); inner.SetGradient(link, value); }
    public double LinearLoss(int link) => ReadScratch(inner.LinearLoss(link));
    public void SetLinearLoss(int link, double value) { WroteScratch(); inner.SetLinearLoss(link, value); }
    public double LoopFactor(int entry) => ReadScratch(inner.LoopFactor(entry));
    public void SetLoopFactor(int entry, double value) { WroteScratch(); inner.SetLoopFactor(entry, value); }
    public double LoopFlow(int loop) => ReadScratch(inner.LoopFlow(loop));
    public void SetLoopFlow(int loop, double value) { WroteScratch(); inner.SetLoopFlow(loop, value); }
    public double LoopPivot(int loop) => ReadScratch(inner.LoopPivot(loop));
    public void SetLoopPivot(int loop, double value) { WroteScratch(); inner.SetLoopPivot(loop, value); }

    /// <summary>Status (1 byte), trials (4) and relative error (8).</summary>
    public void Finish(LaneStatus status, int iterations, double relativeError)
    {
        Wrote(sizeof(byte) + sizeof(int) + sizeof(double));
        inner.Finish(status, iterations, relativeError);
    }
}
