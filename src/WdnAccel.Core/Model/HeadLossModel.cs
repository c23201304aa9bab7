namespace WdnAccel.Core.Model;

/// <summary>Pipe friction formula (DESIGN.md section 5).</summary>
public enum HeadLossModel
{
    HazenWilliams,
    DarcyWeisbach,
}
