namespace WdnAccel.Core.Model;

/// <summary>EPANET 2.2 valve types ([VALVES] Type column).</summary>
public enum ValveType
{
    /// <summary>Pressure reducing valve: holds the downstream pressure at the setting (m).</summary>
    PRV,
    /// <summary>Pressure sustaining valve: holds the upstream pressure at the setting (m).</summary>
    PSV,
    /// <summary>Pressure breaker valve: forces a head loss equal to the setting (m).</summary>
    PBV,
    /// <summary>Flow control valve: limits the flow to the setting (m³/s).</summary>
    FCV,
    /// <summary>Throttle control valve: a minor loss with the setting as its coefficient K.</summary>
    TCV,
    /// <summary>General purpose valve: head loss from a flow → head-loss curve.</summary>
    GPV,
}
