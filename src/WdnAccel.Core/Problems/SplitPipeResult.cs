using WdnAccel.Core.Lp;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Outcome of the split-pipe LP: the certified LP, the discrete design's cost (exact), the cost of decision pipes
/// kept at their discrete choice because they carry no flow, the split lengths per pipe, and whether the LP optimum
/// is a proven lower bound on every discrete design (branched network: flows are fixed by the demands).
/// </summary>
public sealed record SplitPipeResult(
    LpResult Lp,
    Rational DiscreteCost,
    Rational FixedCost,
    IReadOnlyDictionary<string, IReadOnlyList<(double Diameter, double Length)>> Split,
    bool IsLowerBound)
{
    /// <summary>Split-pipe cost (exact): LP objective + pipes kept fixed; null unless the LP is optimal.</summary>
    public Rational? Cost => Lp.Status == LpStatus.Optimal && Lp.ObjectiveExact is { } obj ? obj + FixedCost : null;

    /// <summary>Relative gap (discrete − split) / discrete.</summary>
    public double? Gap => Cost is { } c && !DiscreteCost.IsZero ? ((DiscreteCost - c) / DiscreteCost).ToDouble() : null;
}
