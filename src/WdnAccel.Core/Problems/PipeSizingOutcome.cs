using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// The result of one pipe-sizing optimization: the optimizer's result, the best design decoded to diameters,
/// its re-solved hydraulics (lane = demand case), the margins that make it feasible or not, and the
/// split-pipe LP refinement of a feasible best design when it was asked for.
/// </summary>
public sealed record PipeSizingOutcome(
    OptimizerResult Result,
    IReadOnlyDictionary<string, double> Design,
    HydraulicBatch? BestSolved,
    double MinPressureMargin,
    double Violation,
    long Solves,
    SplitPipeResult? Refinement = null);
