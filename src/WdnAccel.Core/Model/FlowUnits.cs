namespace WdnAccel.Core.Model;

/// <summary>EPANET flow units. The model is SI inside; this only records how the source file wrote flows.</summary>
public enum FlowUnits
{
    CFS, GPM, MGD, IMGD, AFD,
    LPS, LPM, MLD, CMH, CMD, CMS,
}
