using WdnAccel.Core.Hydraulics.Eps;

namespace WdnAccel.Core.Reports;

/// <summary>
/// The <c>type</c> a JSON report gives each node and link: one vocabulary whichever engine answered (the snapshot
/// solver or the extended-period engine), so a script that filters on it reads both. EPANET's element kinds, valves
/// by EPANET's own abbreviations (PRV, PSV, PBV, FCV, TCV, GPV).
/// </summary>
public static class ElementTypeName
{
    public const string Junction = "junction";
    public const string Reservoir = "reservoir";
    public const string Tank = "tank";
    public const string Pipe = "pipe";
    public const string CheckValvePipe = "cv_pipe";
    public const string Pump = "pump";

    /// <summary>Node <paramref name="index"/> of a network ordered junctions, then reservoirs, then tanks.</summary>
    public static string Node(int index, int junctions, int reservoirs) =>
        index < junctions ? Junction : index < junctions + reservoirs ? Reservoir : Tank;

    public static string Link(EpsLinkType type) => type switch
    {
        EpsLinkType.Pipe => Pipe,
        EpsLinkType.CheckValvePipe => CheckValvePipe,
        EpsLinkType.Pump => Pump,
        _ => type.ToString(),
    };
}
