using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// The result of one front run: NSGA-II's result, its front re-solved (ascending cost), the front's hypervolume
/// (cost × second objective) and the reference point it is measured from, and the hydraulic solves spent.
/// </summary>
public sealed record FrontOutcome(
    Nsga2Result Result,
    FrontObjective Objective,
    IReadOnlyList<FrontDesign> Points,
    double Hypervolume,
    double ReferenceCost,
    double ReferenceValue,
    long Solves);
