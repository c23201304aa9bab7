namespace WdnAccel.Core.Model;

/// <summary>
/// What a control does to a link: sets its status (OPEN or CLOSED), or its setting in SI (a pump's relative speed; a
/// valve's pressure in m, flow in m³/s or loss coefficient), exactly one of the two.
/// </summary>
public sealed record LinkAction(string LinkId, LinkStatus? Status, double? Setting);
