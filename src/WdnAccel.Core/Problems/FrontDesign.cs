namespace WdnAccel.Core.Problems;

/// <summary>
/// One design of a pipe-sizing front, re-solved for the report: its cost, its second objective (resilience index or
/// minimum head surplus in m, as maximized), its smallest margin over every pressure/head limit (m) and its diameters
/// (m) per decision pipe id.
/// </summary>
public sealed record FrontDesign(double Cost, double Value, double MinPressureMargin, IReadOnlyDictionary<string, double> Design);
