using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Outcome of the split-pipe LP.
/// <list type="bullet">
/// <item><see cref="Lp"/>: the first, unrestricted LP, certified exactly. Its optimum plus the cost of pipes kept at
/// their discrete choice is <see cref="Bound"/>: a proven lower bound on every discrete design when
/// <see cref="IsLowerBound"/> (branched network without emitters or pressure-driven demand: flows are fixed by the demands).</item>
/// <item><see cref="Cost"/> and <see cref="Split"/>: the answer one can build. Segments shorter than
/// <see cref="MinSegmentLength"/> are forbidden and the LP solved again (<see cref="ShortSegmentsRemoved"/> of them);
/// when that leaves nothing cheaper than the discrete design, the discrete design itself is the answer
/// (<see cref="KeptDiscrete"/>), so the refinement never costs more than the design it refines.</item>
/// </list>
/// </summary>
public sealed record SplitPipeResult(
    LpResult Lp,
    Rational DiscreteCost,
    Rational FixedCost,
    Rational? Bound,
    Rational? Cost,
    IReadOnlyDictionary<string, IReadOnlyList<(double Diameter, double Length)>> Split,
    bool IsLowerBound,
    double MinSegmentLength,
    int ShortSegmentsRemoved,
    bool KeptDiscrete)
{
    /// <summary>Relative gap (discrete − split) / discrete, ≥ 0.</summary>
    public double? Gap => Cost is { } c && !DiscreteCost.IsZero ? ((DiscreteCost - c) / DiscreteCost).ToDouble() : null;
}
