namespace WdnAccel.Core.Model;

/// <summary>How a water-quality source injects (EPANET [SOURCES]).</summary>
public enum SourceType
{
    /// <summary>Fixes the concentration of external inflow (demand &lt; 0) at the node.</summary>
    Concentration,
    /// <summary>Adds a mass flow (mass per minute).</summary>
    Mass,
    /// <summary>Fixes the concentration leaving the node.</summary>
    Setpoint,
    /// <summary>Adds a concentration to what leaves the node.</summary>
    FlowPaced,
}
