using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Reports;

/// <summary>Analysis 2 (the three 11-node layouts study, Reynolds regime): one pipe of an optimized design at its solved flow.</summary>
public sealed record LayoutsStudyRegimeRow(string Layout, string Algorithm, string Pipe, double Diameter, double Flow, double Velocity, double Reynolds, FlowRegime Regime);
