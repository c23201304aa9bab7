namespace WdnAccel.Core.Lp;

/// <summary>Objective direction.</summary>
public enum LpSense
{
    Minimize,
    Maximize,
}
