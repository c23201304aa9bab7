namespace WdnAccel.Core.Reports;

/// <summary>Settings of a the three 11-node layouts study study run: the optimizers' budget and seed, and the sweeps of analyses 1 and 3.</summary>
public sealed record LayoutsStudyOptions
{
    /// <summary>Evaluations per optimizer run (each of cro and de on each layout).</summary>
    public long Evaluations { get; init; } = 20_000;

    public ulong Seed { get; init; } = 1;

    /// <summary>Optimizers compared: the layouts study's Coral Reef algorithm and differential evolution.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = ["cro", "de"];

    /// <summary>Demand multipliers of analysis 3 (the total inflow varies with them).</summary>
    public IReadOnlyList<double> Multipliers { get; init; } = [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0];
}
