namespace WdnAccel.Core.Reports;

/// <summary>Everything a seed 001 study run computed (see docs/seed001-study.md).</summary>
public sealed record Seed001StudyResult(
    Seed001StudyOptions Options,
    string HeadLossLayout,
    string HeadLossPipe,
    IReadOnlyList<Seed001StudyHeadLossRow> HeadLoss,
    Seed001StudyFit HeadLossFit,
    IReadOnlyList<Seed001StudyRegimeRow> Regimes,
    string PressureLayout,
    string PressureNode,
    string PressurePipe,
    IReadOnlyList<Seed001StudyPressureRow> Pressure,
    IReadOnlyList<Seed001StudyPressureFit> PressureFits,
    IReadOnlyList<Seed001StudyCostRow> Costs);
