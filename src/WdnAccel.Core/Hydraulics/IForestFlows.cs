namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// What <see cref="LoopLaneSolver.ForestFlows"/> reads and writes: one set of demands and the forest flows they give.
/// A lane (<see cref="ILoopLane"/>) is one; so is the table a GPU session fills once for lanes that share their demands.
/// </summary>
public interface IForestFlows
{
    double Demand(int junction);
    double ForestFlow(int link);
    void SetForestFlow(int link, double value);
}
