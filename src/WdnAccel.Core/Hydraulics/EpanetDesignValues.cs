using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics;

/// <summary>
/// A design catalog in the EPANET toolkit's units, so a genome (one catalog option per decision pipe, as
/// `simulate --random-designs` draws them) becomes EN_setlinkvalue calls: EN_DIAMETER per decision pipe, EN_ROUGHNESS
/// where the catalog sets roughness per size, and EN_INITSTATUS closed for the "no pipe" option (diameter 0, which
/// EN_DIAMETER refuses) and back to the pipe's own initial status when a later design lays it.
/// </summary>
public sealed class EpanetDesignValues
{
    /// <summary>[option] EN_DIAMETER value (in or mm); NaN for the "no pipe" option.</summary>
    public double[] Diameter { get; }

    /// <summary>[option] EN_ROUGHNESS value, or null when the catalog keeps every pipe's own roughness; NaN entries keep it too.</summary>
    public double[]? Roughness { get; }

    /// <summary>Whether some option is "no pipe", so statuses must be set per design.</summary>
    public bool HasNoPipeOption { get; }

    public EpanetDesignValues(IReadOnlyList<CatalogEntry> catalog, FlowUnits units, HeadLossModel headLoss)
    {
        Diameter = catalog.Select(e => e.IsLaid ? EpanetUnits.DiameterFromMeters(e.Diameter, units) : double.NaN).ToArray();
        HasNoPipeOption = catalog.Any(e => !e.IsLaid);
        Roughness = catalog.Any(e => e.Roughness is not null)
            ? catalog.Select(e => e.Roughness is { } r ? EpanetUnits.RoughnessFromSi(r, headLoss, units) : double.NaN).ToArray()
            : null;
    }

    /// <summary>
    /// One link value to set: EN_setlinkvalue(<see cref="Link"/>, <see cref="Property"/>, <see cref="Value"/>), the link
    /// given as its position among the decision pipes.
    /// </summary>
    public readonly record struct Setting(int Link, int Property, double Value);

    /// <summary>
    /// The EN_setlinkvalue calls that put <paramref name="genome"/> into a project, in order; <paramref name="initialStatus"/>
    /// is each decision pipe's own EN_INITSTATUS, restored when a laid option follows a "no pipe" one.
    /// </summary>
    public int Settings(ReadOnlySpan<int> genome, ReadOnlySpan<double> initialStatus, Span<Setting> settings)
    {
        int n = 0;
        for (int j = 0; j < genome.Length; j++)
        {
            int option = genome[j];
            double d = Diameter[option];
            if (double.IsNaN(d))
            {
                settings[n++] = new(j, EpanetCodes.InitStatus, EpanetCodes.Closed);
                continue;
            }
            if (HasNoPipeOption) settings[n++] = new(j, EpanetCodes.InitStatus, initialStatus[j]);
            settings[n++] = new(j, EpanetCodes.Diameter, d);
            if (Roughness is not null && !double.IsNaN(Roughness[option])) settings[n++] = new(j, EpanetCodes.Roughness, Roughness[option]);
        }
        return n;
    }

    /// <summary>Most settings one genome of <paramref name="pipes"/> decision pipes needs.</summary>
    public static int MaxSettings(int pipes) => 3 * pipes;
}
