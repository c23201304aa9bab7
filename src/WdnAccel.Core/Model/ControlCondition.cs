namespace WdnAccel.Core.Model;

/// <summary>When a simple control (EPANET [CONTROLS]) acts.</summary>
public enum ControlCondition
{
    /// <summary>IF NODE … BELOW value.</summary>
    LowLevel,
    /// <summary>IF NODE … ABOVE value.</summary>
    HighLevel,
    /// <summary>AT TIME t (elapsed time from the start).</summary>
    Timer,
    /// <summary>AT CLOCKTIME t (time of day, every day).</summary>
    TimeOfDay,
}
