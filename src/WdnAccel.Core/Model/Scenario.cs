namespace WdnAccel.Core.Model;

/// <summary>
/// One scenario: a network and the optional problem blocks that later verbs solve (docs/scenario-format.md).
/// Immutable; every quantity in SI units.
/// </summary>
public sealed record Scenario
{
    public const string FormatName = "wdnaccel-scenario";
    public const int FormatVersion = 1;

    public string Name { get; init; } = "";
    public Network Network { get; init; } = new();
    public DesignSpec? Design { get; init; }
    public SupplySpec? Supply { get; init; }
    public GraphAllocationSpec? GraphAllocation { get; init; }
    public SolverSettings? Solver { get; init; }
}
