namespace WdnAccel.Core.Model;

/// <summary>
/// A pipe. SI: length and diameter in m. <see cref="Roughness"/> is the Hazen–Williams C
/// (dimensionless) or the Darcy–Weisbach absolute roughness in m, per the network's head-loss model.
/// <see cref="MinorLoss"/> is the dimensionless K of h = K·v²/2g.
/// </summary>
public sealed record Pipe(
    string Id,
    string Node1,
    string Node2,
    double Length,
    double Diameter,
    double Roughness,
    double MinorLoss = 0,
    LinkStatus Status = LinkStatus.Open,
    IReadOnlyList<Point2>? Vertices = null);
