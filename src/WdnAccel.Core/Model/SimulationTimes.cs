namespace WdnAccel.Core.Model;

/// <summary>
/// Time settings of an extended-period simulation (EPANET [TIMES]), in seconds. A zero <see cref="Duration"/> is a
/// single snapshot. <see cref="StartClockTime"/> is the time of day at which the run starts (seconds after midnight).
/// </summary>
public sealed record SimulationTimes
{
    public double Duration { get; init; }
    public double HydraulicStep { get; init; } = 3600;
    /// <summary>Water-quality step; EPANET's default is a tenth of the hydraulic step (0 = that default).</summary>
    public double QualityStep { get; init; }
    public double PatternStep { get; init; } = 3600;
    public double PatternStart { get; init; }
    public double ReportStep { get; init; } = 3600;
    public double ReportStart { get; init; }
    public double StartClockTime { get; init; }
    /// <summary>Step at which rule-based controls are evaluated; EPANET's default is a tenth of the hydraulic step (0 = that default).</summary>
    public double RuleStep { get; init; }

    /// <summary>
    /// The hydraulic step EPANET 2.2 uses: never above the pattern or report step (input1.c adjustdata), so a 1-hour
    /// step with a 40-minute report step is 40 minutes, and the default quality and rule steps are a tenth of that.
    /// </summary>
    public double EffectiveHydraulicStep => Math.Min(HydraulicStep, Math.Min(PatternStep, ReportStep));

    /// <summary>EPANET's report start: one past the duration is reset to 0 (adjustdata).</summary>
    public double EffectiveReportStart => ReportStart > Duration ? 0 : ReportStart;

    /// <summary>The quality step EPANET uses: the given one, else Hstep/10, never above the hydraulic step.</summary>
    public double EffectiveQualityStep => Math.Min(QualityStep > 0 ? QualityStep : Math.Floor(EffectiveHydraulicStep / 10), EffectiveHydraulicStep);

    /// <summary>The rule step EPANET uses: the given one, else Hstep/10, never above the hydraulic step.</summary>
    public double EffectiveRuleStep => Math.Min(RuleStep > 0 ? RuleStep : Math.Floor(EffectiveHydraulicStep / 10), EffectiveHydraulicStep);
}
