namespace WdnAccel.Core.Hydraulics;

/// <summary>How the GGA treats a link (EPANET link types; a valve's type is <see cref="CompiledNetwork.ValveTypes"/>).</summary>
public enum LinkKind
{
    Pipe,
    /// <summary>A pipe with a check valve: closes when flow or head difference would reverse (EPANET cvstatus).</summary>
    CheckValvePipe,
    /// <summary>A pump with a power-function head curve; closes temporarily when it cannot deliver the head (EPANET pumpstatus).</summary>
    Pump,
    /// <summary>A valve (EPANET [VALVES]): PRV, PSV, PBV, FCV, TCV or GPV.</summary>
    Valve,
}
