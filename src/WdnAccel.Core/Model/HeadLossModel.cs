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

    /// <summary>
    /// The head-loss setting a report states: "ω = 10.6668" for Hazen–Williams (the one formula with a coefficient of
    /// its own), else the formula's name, where an ω would be read as if it played a part.
    /// </summary>
    public static string Setting(this HydraulicOptions options) =>
        options.HeadLoss == HeadLossModel.HazenWilliams
            ? "ω = " + options.Omega.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)
            : options.HeadLoss.DisplayName() + " head loss";

    /// <summary>The formula's name in words.</summary>
    public static string DisplayName(this HeadLossModel model) => model switch
    {
        HeadLossModel.DarcyWeisbach => "Darcy–Weisbach",
        HeadLossModel.ChezyManning => "Chezy–Manning",
        _ => "Hazen–Williams",
    };
}
