namespace WdnAccel.Core.Model;

/// <summary>Initial status of a link. <see cref="CheckValve"/> applies to pipes only (flow from Node1 to Node2).</summary>
public enum LinkStatus
{
    Open,
    Closed,
    CheckValve,
}
