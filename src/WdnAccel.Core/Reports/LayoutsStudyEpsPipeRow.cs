namespace WdnAccel.Core.Reports;

/// <summary>
/// One pipe of a layout's 24-hour design at the peak hour: its length, the snapshot design's size and the 24-hour
/// design's size (m), the peak-hour flow (m³/s, absolute), velocity (m/s) and friction head loss (m, between its end heads).
/// </summary>
public sealed record LayoutsStudyEpsPipeRow(
    string Layout,
    string Pipe,
    double Length,
    double SnapshotDiameter,
    double Diameter,
    double PeakFlow,
    double PeakVelocity,
    double PeakHeadLoss);
