namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// One lane's inputs, outputs and scratch as seen by <see cref="GgaLaneSolver"/>: host arrays for the scalar oracle,
/// strided device views (<c>value[element * K + lane]</c>) in the ILGPU kernel. Element counts: pipes for
/// Diameter/Roughness/Resistance/MinorCoefficient, junctions for Demand/Rhs, fixed-head nodes for FixedHead, nodes
/// for Head, links for Flow/Closed/P/Y, factor size for Factor, junctions for Work (the factorization's dense row,
/// all zero between uses) and Grounding (per elimination position: the conductance to fixed heads, then the
/// factorization's excess, <see cref="GgaLaneSolver.CholeskySolve"/>).
/// </summary>
public interface IGgaLane
{
    double Diameter(int pipe);
    double Roughness(int pipe);
    double Demand(int junction);
    double FixedHead(int index);
    /// <summary><see cref="HydraulicBatch.LinkState"/> bits of the link.</summary>
    int LinkState(int link);
    double PumpSpeed(int pump);
    /// <summary><see cref="HydraulicBatch.WarmStart"/>: start from the lane's flows and closed flags.</summary>
    bool WarmStart { get; }

    double Head(int node);
    void SetHead(int node, double value);
    double Flow(int link);
    void SetFlow(int link, double value);
    /// <summary>The demand the junction delivers under pressure-driven demand (PDA networks only).</summary>
    double DemandFlow(int junction);
    void SetDemandFlow(int junction, double value);
    /// <summary>The outflow of the junction's emitter (networks with emitters only).</summary>
    double EmitterFlow(int junction);
    void SetEmitterFlow(int junction, double value);
    /// <summary>While solving: bit 1 closed for the whole solve (input or "no pipe"), bit 2 closed by a status check; 0/1 when done.</summary>
    int Closed(int link);
    void SetClosed(int link, int value);
    /// <summary>Records valve <paramref name="valve"/>'s state at the end of the solve (<see cref="HydraulicBatch.ValveStatus"/>).</summary>
    void SetValveStatus(int valve, int value);

    double Resistance(int pipe);
    void SetResistance(int pipe, double value);
    double MinorCoefficient(int pipe);
    void SetMinorCoefficient(int pipe, double value);
    double P(int link);
    void SetP(int link, double value);
    double Y(int link);
    void SetY(int link, double value);
    double Factor(int entry);
    void SetFactor(int entry, double value);
    double Rhs(int position);
    void SetRhs(int position, double value);
    double Work(int position);
    void SetWork(int position, double value);
    double Grounding(int position);
    void SetGrounding(int position, double value);

    /// <summary>Records the lane's outcome.</summary>
    void Finish(LaneStatus status, int iterations, double relativeError);
}
