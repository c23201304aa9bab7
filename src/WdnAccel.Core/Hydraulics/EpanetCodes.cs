namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// The EPANET 2.2 toolkit's symbolic constants this binding uses, with their values from the toolkit manual
/// (Rossman et al., 2020, "EPANET 2.2 Programmer's Toolkit"; include/epanet2_enums.h) and its error codes.
/// </summary>
public static class EpanetCodes
{
    // EN_NodeProperty
    public const int Head = 10;      // EN_HEAD
    public const int Pressure = 11;  // EN_PRESSURE

    // EN_LinkProperty
    public const int Diameter = 0;   // EN_DIAMETER
    public const int Roughness = 2;  // EN_ROUGHNESS
    public const int InitStatus = 4; // EN_INITSTATUS

    // EN_LinkStatusType
    public const int Closed = 0;     // EN_CLOSED
    public const int Open = 1;       // EN_OPEN

    /// <summary>EN_INITFLOW (EN_InitHydOption): re-initialize link flows, save nothing, so every design starts as a fresh run.</summary>
    public const int InitFlow = 10;

    /// <summary>EN_runH warning 1: the system is hydraulically unbalanced (did not converge within the trials).</summary>
    public const int Unbalanced = 1;

    /// <summary>EN_runH error 110: cannot solve the network hydraulic equations (a singular system).</summary>
    public const int CannotSolveHydraulics = 110;
}
