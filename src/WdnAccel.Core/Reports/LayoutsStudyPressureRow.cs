namespace WdnAccel.Core.Reports;

/// <summary>
/// Analysis 3 (the three 11-node layouts study, pressure vs velocity): the selected node's pressure and the velocity in the pipe that
/// feeds it, for one diameter of that pipe and one multiplier of every demand (so of the total inflow).
/// </summary>
public sealed record LayoutsStudyPressureRow(double Diameter, double Multiplier, double Inflow, double Velocity, double Pressure, bool Converged);
