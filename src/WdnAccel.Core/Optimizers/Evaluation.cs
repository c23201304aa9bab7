namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The outcome of evaluating one candidate. <see cref="Fitness"/> is the penalized objective the search minimizes;
/// <see cref="Cost"/> is the unpenalized cost reported to users. <see cref="Valid"/> is false when the candidate
/// could not be scored at all (e.g. its hydraulic solve did not converge): such a candidate ranks below every
/// valid one and is never reported as the best design.
/// </summary>
public readonly record struct Evaluation(double Fitness, double Cost, bool Feasible, bool Valid = true)
{
    /// <summary>Placeholder for a candidate that was not (or could not be) scored.</summary>
    public static Evaluation Invalid => new(double.PositiveInfinity, double.PositiveInfinity, false, false);

    /// <summary>True when the search may rank this candidate: valid and with a non-NaN fitness.</summary>
    public bool IsUsable => Valid && !double.IsNaN(Fitness);

    /// <summary>The key every algorithm minimizes: the fitness, or +∞ for unusable candidates.</summary>
    public double SearchKey => IsUsable ? Fitness : double.PositiveInfinity;
}
