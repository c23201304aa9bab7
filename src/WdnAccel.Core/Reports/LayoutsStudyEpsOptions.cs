using WdnAccel.Core.Problems;

namespace WdnAccel.Core.Reports;

/// <summary>
/// Settings of the three 11-node layouts study on a 24-hour demand profile (docs/layouts-study.md, "24-hour design
/// with pumps"): the optimizer's budget and seed, the hourly multipliers, the pump catalog and the cost model.
/// The defaults are the documented assumptions (<see cref="LayoutsStudyEps"/>).
/// </summary>
public sealed record LayoutsStudyEpsOptions
{
    /// <summary>Evaluations of the 24-hour run per layout, and of the snapshot reference design's run.</summary>
    public long Evaluations { get; init; } = 20_000;

    public ulong Seed { get; init; } = 1;

    /// <summary>For the reports: the backend that ran the hydraulics (name and description) and wdnaccel's version.</summary>
    public string Backend { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary>Optimizer of both runs per layout: the study's Coral Reef algorithm.</summary>
    public string Algorithm { get; init; } = "cro";

    /// <summary>Worker threads of the day-long evaluations (0 = all cores).</summary>
    public int Threads { get; init; }

    /// <summary>24 hourly demand multipliers with mean 1, hour 0 = midnight to 1 am.</summary>
    public IReadOnlyList<double> Multipliers { get; init; } = LayoutsStudyEps.ResidentialMultipliers;

    public IReadOnlyList<DesignPump> Pumps { get; init; } = LayoutsStudyEps.PumpCatalog;

    public DiurnalDesignCost Cost { get; init; } = new();
}
