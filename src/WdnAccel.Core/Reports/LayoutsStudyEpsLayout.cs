using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Reports;

/// <summary>
/// One layout of the 24-hour study: one optimizer run over the pipe sizes per pump choice (<see cref="Choices"/>), the
/// cheapest feasible of them (<see cref="Chosen"/>; the first choice when none is feasible) with its diameters and its
/// day assessed with steps recorded (<see cref="Best"/>; null when no valid design was found), and the snapshot
/// reference: the existing study's optimum at the mean demand (<see cref="SnapshotDesign"/>, pipe capital
/// <see cref="SnapshotCapital"/>) run through the same day without a pump (<see cref="SnapshotDay"/>).
/// <see cref="PressureLimit"/> is the design's minimum pressure (m).
/// </summary>
public sealed record LayoutsStudyEpsLayout(
    string Layout,
    double PressureLimit,
    IReadOnlyList<LayoutsStudyEpsChoice> Choices,
    LayoutsStudyEpsChoice Chosen,
    IReadOnlyDictionary<string, double> Design,
    DiurnalDesignEvaluation? Best,
    bool SnapshotFeasible,
    double SnapshotCapital,
    IReadOnlyDictionary<string, double> SnapshotDesign,
    DiurnalDesignEvaluation? SnapshotDay,
    IReadOnlyList<LayoutsStudyEpsPipeRow> Pipes)
{
    public OptimizerResult Result => Chosen.Result;

    public bool Feasible => Chosen.Result.FoundFeasible && Best is { Feasible: true };

    /// <summary>Evaluations over every pump choice's run.</summary>
    public long Evaluations => Choices.Sum(c => c.Result.Evaluations);

    public double Seconds => Choices.Sum(c => c.Result.WallTime.TotalSeconds);

    /// <summary>Report times at which the snapshot design leaves some junction below <see cref="PressureLimit"/>.</summary>
    public int SnapshotShortTimes => SnapshotDay?.MinPressureByTime.Count(p => p < PressureLimit) ?? 0;
}
