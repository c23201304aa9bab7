using WdnAccel.Core.Hydraulics;

namespace WdnAccel.Core.Reports;

/// <summary>Analysis 2 (seed 001, Reynolds regime): one pipe of an optimized design at its solved flow.</summary>
public sealed record Seed001StudyRegimeRow(string Layout, string Algorithm, string Pipe, double Diameter, double Flow, double Velocity, double Reynolds, FlowRegime Regime);
