namespace WdnAccel.Core.Model;

/// <summary>
/// What a control does to a link: sets its status (OPEN or CLOSED), or its setting in SI (a pump's relative speed; a
/// valve's pressure in m, flow in m³/s or loss coefficient), exactly one of the two.
/// </summary>
public sealed record LinkAction(string LinkId, LinkStatus? Status, double? Setting)
{
    /// <summary>Whether the action leaves the link open (EPANET input3.c controldata: OPEN, or a setting other than 0).</summary>
    public bool Opens => Status is { } s ? s != LinkStatus.Closed : Setting != 0;

    /// <summary>The speed setting it gives a pump: OPEN 1, CLOSED 0, else its number.</summary>
    public double PumpSetting => Status is { } s ? (s == LinkStatus.Closed ? 0 : 1) : Setting ?? 0;
}
