namespace WdnAccel.Core.Reports;

/// <summary>
/// Analysis 3 (seed 001, pressure vs velocity): the selected node's pressure and the velocity in the pipe that
/// feeds it, for one diameter of that pipe and one multiplier of every demand (so of the total inflow).
/// </summary>
public sealed record Seed001StudyPressureRow(double Diameter, double Multiplier, double Inflow, double Velocity, double Pressure, bool Converged);
