namespace WdnAccel.Core.Model;

/// <summary>
/// Solver and unit settings of a network (EPANET [OPTIONS]).
/// <see cref="Omega"/> is the Hazen–Williams coefficient ω of h = ω·L·Q^1.852/(C^1.852·D^4.871) in SI;
/// EPANET's 4.727 in ft/cfs is <see cref="EpanetOmega"/> in SI.
/// </summary>
public sealed record HydraulicOptions
{
    /// <summary>EPANET 2.2's 4.727 (ft, cfs) expressed in SI, ≈ 10.667 (see <see cref="Units.EpanetHazenWilliamsOmegaSi"/>).</summary>
    public static double EpanetOmega => Units.EpanetHazenWilliamsOmegaSi;

    public HeadLossModel HeadLoss { get; init; } = HeadLossModel.HazenWilliams;
    public double Omega { get; init; } = EpanetOmega;
    /// <summary>Convergence: Σ|ΔQ| / Σ|Q| ≤ Accuracy (EPANET default 0.001).</summary>
    public double Accuracy { get; init; } = 0.001;
    /// <summary>Maximum GGA trials (EPANET's default: 200).</summary>
    public int MaxTrials { get; init; } = 200;
    /// <summary>Kinematic viscosity relative to water at 20 °C (EPANET "Viscosity").</summary>
    public double RelativeViscosity { get; init; } = 1.0;
    public double SpecificGravity { get; init; } = 1.0;
    /// <summary>Global demand multiplier.</summary>
    public double DemandMultiplier { get; init; } = 1.0;
    /// <summary>Default pattern for junctions without one (EPANET "Pattern"; "1" by default).</summary>
    public string? DefaultPatternId { get; init; } = "1";
    public DemandModel DemandModel { get; init; } = DemandModel.DemandDriven;
    /// <summary>PDA: pressure (m) at or below which no demand is delivered.</summary>
    public double MinimumPressure { get; init; }
    /// <summary>PDA: pressure (m) from which the full demand is delivered (EPANET's default 0.1 psi or m, in file units).</summary>
    public double RequiredPressure { get; init; } = 0.1;
    /// <summary>PDA: exponent of the pressure–demand relation.</summary>
    public double PressureExponent { get; init; } = 0.5;
    /// <summary>Emitter outflow = coefficient × pressure^EmitterExponent.</summary>
    public double EmitterExponent { get; init; } = 0.5;
    /// <summary>Status checks every CheckFrequency trials while trials ≤ MaxCheck (EPANET CHECKFREQ, MAXCHECK).</summary>
    public int CheckFrequency { get; init; } = 2;
    public int MaxCheck { get; init; } = 10;
    /// <summary>Relative error below which PRV/PSV/FCV statuses are checked every trial (EPANET DAMPLIMIT; 0 = only after convergence).</summary>
    public double DampLimit { get; init; }
    /// <summary>EPANET 2.2 HEADERROR (m) and FLOWCHANGE (m³/s) convergence limits; 0 = not used.</summary>
    public double HeadError { get; init; }
    public double FlowChange { get; init; }
    /// <summary>UNBALANCED: −1 stops the run when a period does not converge; n ≥ 0 continues with n more trials.</summary>
    public int ExtraTrials { get; init; } = -1;
    /// <summary>Units the source file used; exports write the same.</summary>
    public FlowUnits FlowUnits { get; init; } = FlowUnits.LPS;
}
