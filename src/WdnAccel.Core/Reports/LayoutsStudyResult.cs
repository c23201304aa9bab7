namespace WdnAccel.Core.Reports;

/// <summary>Everything a the three 11-node layouts study study run computed (see docs/layouts-study.md).</summary>
public sealed record LayoutsStudyResult(
    LayoutsStudyOptions Options,
    string HeadLossLayout,
    string HeadLossPipe,
    IReadOnlyList<LayoutsStudyHeadLossRow> HeadLoss,
    LayoutsStudyFit HeadLossFit,
    IReadOnlyList<LayoutsStudyRegimeRow> Regimes,
    string PressureLayout,
    string PressureNode,
    string PressurePipe,
    IReadOnlyList<LayoutsStudyPressureRow> Pressure,
    IReadOnlyList<LayoutsStudyPressureFit> PressureFits,
    IReadOnlyList<LayoutsStudyCostRow> Costs);
