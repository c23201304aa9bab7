namespace WdnAccel.Core.Model;

/// <summary>Node attribute codes of the Lishui case (Table 3): 1 demand, 2 supply (water plant), 3 intermediate, 4 pumping station.</summary>
public enum GraphNodeKind
{
    Demand = 1,
    Supply = 2,
    Intermediate = 3,
    PumpStation = 4,
}
