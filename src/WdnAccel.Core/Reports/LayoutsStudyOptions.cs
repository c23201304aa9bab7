namespace WdnAccel.Core.Reports;

/// <summary>Settings of a run of the three 11-node layouts study: the optimizers' budget and seed, the sweeps of analyses 1
/// and 3, and, for the reports, the backend, hydraulic settings and version that produced the numbers.</summary>
public sealed record LayoutsStudyOptions
{
    /// <summary>Evaluations per optimizer run (each of cro and de on each layout).</summary>
    public long Evaluations { get; init; } = 20_000;

    public ulong Seed { get; init; } = 1;

    /// <summary>Optimizers compared: the layouts study's Coral Reef algorithm and differential evolution.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = ["cro", "de"];

    /// <summary>Demand multipliers of analysis 3 (the total inflow varies with them).</summary>
    public IReadOnlyList<double> Multipliers { get; init; } = [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

    /// <summary>The backend's name and description, as the reports state it.</summary>
    public string Backend { get; init; } = "";

    /// <summary>The layouts' Hazen–Williams ω, GGA accuracy and trial limit (the same in the three bundled layouts).</summary>
    public double Omega { get; init; }

    public double Accuracy { get; init; }

    public int MaxTrials { get; init; }

    /// <summary>wdnaccel's version.</summary>
    public string Version { get; init; } = "";
}
