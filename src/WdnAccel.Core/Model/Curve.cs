namespace WdnAccel.Core.Model;

/// <summary>A data curve (EPANET [CURVES]); points in SI units according to <see cref="Kind"/>.</summary>
public sealed record Curve(string Id, CurveKind Kind, IReadOnlyList<Point2> Points);
