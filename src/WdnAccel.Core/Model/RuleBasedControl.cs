namespace WdnAccel.Core.Model;

/// <summary>
/// A rule-based control (EPANET [RULES]): when its premises hold, the THEN actions apply, otherwise the ELSE actions;
/// among rules acting on the same link, the higher <see cref="Priority"/> wins.
/// </summary>
public sealed record RuleBasedControl(
    string Id,
    IReadOnlyList<RulePremise> Premises,
    IReadOnlyList<LinkAction> Then,
    IReadOnlyList<LinkAction> Else,
    double Priority = 0);
