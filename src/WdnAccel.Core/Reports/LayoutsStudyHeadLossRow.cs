namespace WdnAccel.Core.Reports;

/// <summary>Analysis 1 (the three 11-node layouts study, head loss vs diameter): one catalog size carrying the pipe's design flow.</summary>
public sealed record LayoutsStudyHeadLossRow(string Label, double Diameter, double Flow, double Length, double Velocity, double HeadLoss, double Reynolds);
