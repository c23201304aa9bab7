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
    /// <summary>Units the source file used; exports write the same.</summary>
    public FlowUnits FlowUnits { get; init; } = FlowUnits.LPS;
}
