namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>How the extended-period engine treats a link (EPANET 2.2 link types).</summary>
public enum EpsLinkType
{
    Pipe,
    CheckValvePipe,
    Pump,
    PRV,
    PSV,
    PBV,
    FCV,
    TCV,
    GPV,
}
