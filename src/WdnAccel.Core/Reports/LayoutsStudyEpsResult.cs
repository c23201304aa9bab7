namespace WdnAccel.Core.Reports;

/// <summary>
/// Everything a 24-hour layouts study run computed: per layout the design and its comparison with the snapshot design,
/// and the design-flow and head-loss analyses over every pipe of the three 24-hour designs at the peak hour: a linear
/// fit of peak flow against diameter (the paper's "linear trend" of design inflow) and a 2nd-degree fit of peak head
/// loss against diameter (the paper's R² = 0.9638).
/// </summary>
public sealed record LayoutsStudyEpsResult(
    LayoutsStudyEpsOptions Options,
    long PeakTime,
    IReadOnlyList<LayoutsStudyEpsLayout> Layouts,
    LayoutsStudyFit? FlowFit,
    LayoutsStudyFit? HeadLossFit)
{
    public IEnumerable<LayoutsStudyEpsPipeRow> Pipes => Layouts.SelectMany(l => l.Pipes);
}
