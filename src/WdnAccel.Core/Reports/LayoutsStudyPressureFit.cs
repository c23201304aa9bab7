namespace WdnAccel.Core.Reports;

/// <summary>Analysis 3's regression comparison for one diameter: 2nd-degree polynomial vs exponential pressure(velocity).</summary>
public sealed record LayoutsStudyPressureFit(double Diameter, LayoutsStudyFit Polynomial, LayoutsStudyFit Exponential);
