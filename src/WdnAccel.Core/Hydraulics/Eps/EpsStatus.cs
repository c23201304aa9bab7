namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>
/// A link's hydraulic state, ordered as EPANET 2.2's StatType so that "closed" is every value ≤ <see cref="Closed"/>:
/// a pump that cannot deliver its head (<see cref="ClosedHead"/>) and a link closed to a full or empty tank
/// (<see cref="TempClosed"/>) are closed for this period only.
/// </summary>
public enum EpsStatus
{
    ClosedHead,
    TempClosed,
    Closed,
    Open,
    Active,
    /// <summary>An FCV that cannot pass its setting (EPANET XFCV): open, as a plain valve.</summary>
    OpenBelowSetting,
    /// <summary>A PRV/PSV that cannot hold its pressure (EPANET XPRESSURE).</summary>
    OpenCannotHold,
}
