namespace WdnAccel.Core.Lp;

/// <summary>How a row was written: kept so writers reproduce the input's form.</summary>
public enum LpRowSense
{
    LessEqual,
    GreaterEqual,
    Equal,
    Range,
}
