namespace WdnAccel.Core.Hydraulics;

/// <summary>Reynolds-number flow regime, with the layouts study's limits: laminar below 2000, transitional below 4000.</summary>
public enum FlowRegime
{
    Laminar,
    Transitional,
    Turbulent,
}

/// <summary>The regime as JSON answers and text tables name it.</summary>
public static class FlowRegimeNames
{
    public static string Name(this FlowRegime regime) => regime switch
    {
        FlowRegime.Laminar => "laminar",
        FlowRegime.Transitional => "transitional",
        _ => "turbulent",
    };
}
