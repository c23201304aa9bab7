namespace WdnAccel.Core.Model;

/// <summary>Pipe friction formula, EPANET 2.2's three: Hazen–Williams, Darcy–Weisbach or Chezy–Manning.</summary>
public enum HeadLossModel
{
    HazenWilliams,
    DarcyWeisbach,
    /// <summary>Manning's formula h = r·Q|Q| with the roughness as Manning's n (EPANET's C-M).</summary>
    ChezyManning,
}

/// <summary>How files and reports name a <see cref="HeadLossModel"/>.</summary>
public static class HeadLossModelNames
{
    /// <summary>The [OPTIONS] HEADLOSS keyword of an EPANET input file: H-W, D-W or C-M.</summary>
    public static string InpKeyword(this HeadLossModel model) => model switch
    {
        HeadLossModel.DarcyWeisbach => "D-W",
        HeadLossModel.ChezyManning => "C-M",
        _ => "H-W",
    };

    /// <summary>The formula's name in words.</summary>
    public static string DisplayName(this HeadLossModel model) => model switch
    {
        HeadLossModel.DarcyWeisbach => "Darcy–Weisbach",
        HeadLossModel.ChezyManning => "Chezy–Manning",
        _ => "Hazen–Williams",
    };
}
