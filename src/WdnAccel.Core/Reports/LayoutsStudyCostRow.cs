using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Reports;

/// <summary>
/// Analysis 4 (the three 11-node layouts study, least cost per layout): one optimizer run on one layout with its split-pipe LP refinement.
/// <see cref="IsLowerBound"/> is true only for the branched layout, where the LP optimum bounds every discrete design.
/// </summary>
public sealed record LayoutsStudyCostRow(
    string Layout,
    string Algorithm,
    bool Feasible,
    double DiscreteCost,
    double MinPressure,
    string MinPressureNode,
    double? SplitPipeCost,
    bool LpCertified,
    bool IsLowerBound,
    long Evaluations,
    double Seconds,
    IReadOnlyList<HistoryPoint> History,
    IReadOnlyDictionary<string, double> Design,
    PipeSizingOutcome Outcome);
