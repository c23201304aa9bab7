namespace WdnAccel.Core.Problems;

/// <summary>
/// The annual cost of a design run through a repeating day: capital annualized with the capital recovery factor
/// CRF(i, n) = i(1+i)ⁿ / ((1+i)ⁿ − 1) (the uniform-series annuity of any engineering-economics text, e.g. Grant,
/// Ireson &amp; Leavenworth), pipes over <see cref="PipeLife"/> and pumps over <see cref="PumpLife"/> years, plus the
/// pumps' energy cost of one simulated day × <see cref="DaysPerYear"/>. The energy price is per kWh in the design's
/// cost unit; <see cref="PumpEfficiency"/> (%) is EPANET's global efficiency of pumps without an efficiency curve.
/// </summary>
public sealed record DiurnalDesignCost
{
    /// <summary>Interest (discount) rate per year, as a fraction.</summary>
    public double InterestRate { get; init; } = 0.07;
    /// <summary>Economic life of pipes (years).</summary>
    public double PipeLife { get; init; } = 50;
    /// <summary>Economic life of pumps (years).</summary>
    public double PumpLife { get; init; } = 15;
    /// <summary>Energy price per kWh (cost units).</summary>
    public double EnergyPrice { get; init; } = 0.13;
    /// <summary>Wire-to-water pump efficiency (%), EPANET's [ENERGY] GLOBAL EFFIC.</summary>
    public double PumpEfficiency { get; init; } = 75;
    public double DaysPerYear { get; init; } = 365;

    /// <summary>CRF(i, n): the constant yearly payment that repays a capital of 1 over n years at rate i (1/n at i = 0).</summary>
    public static double CapitalRecoveryFactor(double rate, double years)
    {
        if (!(years > 0)) throw new ArgumentOutOfRangeException(nameof(years), years, "life must be positive");
        if (!(rate >= 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "interest rate must be >= 0");
        if (rate == 0) return 1.0 / years;
        double g = Math.Pow(1 + rate, years);
        return rate * g / (g - 1);
    }

    public double PipeFactor => CapitalRecoveryFactor(InterestRate, PipeLife);
    public double PumpFactor => CapitalRecoveryFactor(InterestRate, PumpLife);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        _ = PipeFactor;
        _ = PumpFactor;
        if (!(EnergyPrice >= 0) || !double.IsFinite(EnergyPrice)) throw new ArgumentException($"energy price must be a number >= 0, got {EnergyPrice}");
        if (!(PumpEfficiency > 0 && PumpEfficiency <= 100)) throw new ArgumentException($"pump efficiency must be in (0, 100] %, got {PumpEfficiency}");
        if (!(DaysPerYear > 0)) throw new ArgumentException($"days per year must be positive, got {DaysPerYear}");
    }
}
