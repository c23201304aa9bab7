namespace WdnAccel.Core.Model;

/// <summary>The quantity a rule clause tests (EPANET [RULES]); values are SI (m, m³/s, s).</summary>
public enum RuleVariable
{
    Demand,
    Head,
    Grade,
    Level,
    Pressure,
    Flow,
    Status,
    Setting,
    Power,
    Time,
    ClockTime,
    FillTime,
    DrainTime,
}
