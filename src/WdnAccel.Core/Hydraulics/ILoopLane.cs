namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// A lane's extra scratch for <see cref="LoopLaneSolver"/>, beside <see cref="IGgaLane"/>'s: per link the loop form's
/// current and forest flows, the head-loss gradient g and the linearized loss w (implementations keep g and w in
/// the junction GGA's P and Y storage: a lane that falls back to it recomputes both); per loop the dense factor of the
/// loop system (packed lower triangle, L(L+1)/2 entries), the loop flows and the inverse pivots 1/L(c,c).
/// The lane's own flows (<see cref="IGgaLane.Flow"/>) are written only when the loop form succeeds, so a warm start
/// that falls back begins from the flows it was given.
/// </summary>
public interface ILoopLane : IGgaLane, IForestFlows
{
    /// <summary>
    /// True where <see cref="IForestFlows.ForestFlow"/> reads flows computed once for every lane of the batch (its lanes share their
    /// demands: <see cref="SharedForestFlows"/>), so the solver neither computes nor writes the lane's own.
    /// </summary>
    bool SharedForestFlows { get; }

    /// <summary>
    /// True where the lane's pipe resistances are already in <see cref="IGgaLane.Resistance"/>, written by whoever set
    /// its diameters (the device's random-design draw looks them up per catalog option), so the solver reads them
    /// instead of taking two powers per pipe. They must be <see cref="LinkFormulas.PipeResistance{TMath}"/>
    /// of the lane's diameters and roughness, as the solver would compute them.
    /// </summary>
    bool ResistancesGiven { get; }

    double LoopQ(int link);
    void SetLoopQ(int link, double value);
    double Gradient(int link);
    void SetGradient(int link, double value);
    double LinearLoss(int link);
    void SetLinearLoss(int link, double value);
    double LoopFactor(int entry);
    void SetLoopFactor(int entry, double value);
    double LoopFlow(int loop);
    void SetLoopFlow(int loop, double value);
    double LoopPivot(int loop);
    void SetLoopPivot(int loop, double value);
}
