namespace WdnAccel.Core.Hydraulics;

/// <summary>Reynolds-number flow regime, with the layouts study's limits: laminar below 2000, transitional below 4000.</summary>
public enum FlowRegime
{
    Laminar,
    Transitional,
    Turbulent,
}
