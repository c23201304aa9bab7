namespace WdnAccel.Core.Reports;

/// <summary>Analysis 1 (seed 001, head loss vs diameter): one catalog size carrying the pipe's design flow.</summary>
public sealed record Seed001StudyHeadLossRow(string Label, double Diameter, double Flow, double Length, double Velocity, double HeadLoss, double Reynolds);
