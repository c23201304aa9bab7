namespace WdnAccel.Core.Model;

/// <summary>
/// A simple control (EPANET [CONTROLS]): <c>LINK id status/setting IF NODE id ABOVE/BELOW value</c>,
/// <c>… AT TIME t</c> or <c>… AT CLOCKTIME t</c>. <see cref="Value"/> is a tank's level (m above its bottom) or a
/// junction's pressure (m); <see cref="Time"/> is in seconds (elapsed, or after midnight for clock time).
/// </summary>
public sealed record SimpleControl(LinkAction Action, ControlCondition Condition, string? NodeId = null, double Value = 0, double Time = 0);
