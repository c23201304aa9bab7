namespace WdnAccel.Core.Model;

/// <summary>What a curve's points mean, which fixes their units (SI inside).</summary>
public enum CurveKind
{
    /// <summary>x: flow m³/s, y: head m.</summary>
    PumpHead,
    /// <summary>x: flow m³/s, y: efficiency %.</summary>
    Efficiency,
    /// <summary>x: level m, y: volume m³.</summary>
    Volume,
    /// <summary>x: flow m³/s, y: head loss m.</summary>
    HeadLoss,
}
