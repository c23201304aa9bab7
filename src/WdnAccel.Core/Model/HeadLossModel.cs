namespace WdnAccel.Core.Model;

/// <summary>Pipe friction formula (EPANET 2.2: Hazen–Williams or Darcy–Weisbach).</summary>
public enum HeadLossModel
{
    HazenWilliams,
    DarcyWeisbach,
}
