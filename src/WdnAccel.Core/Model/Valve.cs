namespace WdnAccel.Core.Model;

/// <summary>
/// A valve from <see cref="Node1"/> to <see cref="Node2"/> (EPANET [VALVES]). SI: diameter in m;
/// <see cref="Setting"/> is a pressure in m (PRV, PSV, PBV), a flow in m³/s (FCV) or a loss coefficient K (TCV);
/// a GPV has <see cref="CurveId"/> (flow → head loss) instead. <see cref="FixedStatus"/> is an OPEN or CLOSED given in
/// [STATUS], which overrides the setting until a control changes it; null means the valve is active on its setting.
/// </summary>
public sealed record Valve(
    string Id,
    string Node1,
    string Node2,
    double Diameter,
    ValveType Type,
    double Setting,
    double MinorLoss = 0,
    string? CurveId = null,
    LinkStatus? FixedStatus = null,
    IReadOnlyList<Point2>? Vertices = null)
{
    /// <summary>
    /// The setting a run starts with (EPANET inithyd): NaN, EPANET's MISSING, for a valve given OPEN or CLOSED in
    /// [STATUS], until a control gives it one.
    /// </summary>
    public double StartSetting => FixedStatus is null ? Setting : double.NaN;

    /// <summary>A PRV, PSV or FCV with a setting starts a run ACTIVE (EPANET inithyd); any other valve open or closed.</summary>
    public bool StartsActive => FixedStatus is null && Type is ValveType.PRV or ValveType.PSV or ValveType.FCV;
}
