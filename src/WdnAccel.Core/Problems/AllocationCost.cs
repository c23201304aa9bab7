namespace WdnAccel.Core.Problems;

/// <summary>
/// The annual cost of an allocation in the Lishui case's model, term by term (the paper's F1–F6; capital terms
/// F3–F6 are multiplied by the annuity factor into <see cref="Annual"/>), per plant and per route, with the
/// supplies and the checks that make a plan feasible.
/// </summary>
public sealed record AllocationCost
{
    /// <summary>F1 production, F2 lifting energy (per year); F3 network, F4 pumping stations, F5 plants, F6 intake (capital).</summary>
    public required double[] Terms { get; init; }

    /// <summary>Per plant: production, lifting, network, pumping, plant, intake (same order as <see cref="Terms"/>).</summary>
    public required double[,] PerPlant { get; init; }

    /// <summary>Per (plant, unit): F2 and F3 of the route (capital, not annualized), gross flow (10⁴ m³/d).</summary>
    public required double[,] RouteLifting { get; init; }
    public required double[,] RouteNetwork { get; init; }
    public required double[,] Gross { get; init; }

    public required double AnnuityFactor { get; init; }

    /// <summary>F1 + F2 + C·(F3 + F4 + F5 + F6) per year.</summary>
    public double Annual => Enumerable.Range(0, Terms.Length).Sum(t => Annualized(t, Terms[t]));

    /// <summary>Term <paramref name="term"/>'s share of the annual cost: F1 and F2 as they are, the capital terms F3–F6 times C.</summary>
    public double Annualized(int term, double value) => term < 2 ? value : value * AnnuityFactor;

    /// <summary>Delivered to the units and leaving the plants (pipeline loss included), 10⁴ m³/d.</summary>
    public required double SupplyNet { get; init; }
    public required double SupplyGross { get; init; }

    /// <summary>Per plant: gross production and the capacity bound (10⁴ m³/d).</summary>
    public required double[] Production { get; init; }
    public required double[] Capacity { get; init; }

    /// <summary>Per unit: delivered (10⁴ m³/d).</summary>
    public required double[] Served { get; init; }

    /// <summary>Lowest residual chlorine at a served unit (mg/L); +∞ when nothing is served.</summary>
    public required double MinChlorine { get; init; }

    /// <summary>Why the plan is not feasible (capacity exceeded, a unit short of its lower bound, a pair that cannot be served); empty when it is.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>Total shortfall and excess (10⁴ m³/d): the amount by which the plan breaks its bounds, for penalties.</summary>
    public required double Violation { get; init; }

    public bool Feasible => Problems.Count == 0;
}
