namespace WdnAccel.Core.Model;

/// <summary>
/// One clause of a rule (EPANET [RULES]): <c>IF/AND/OR object id variable operator value</c>. For a status clause
/// <see cref="Status"/> holds OPEN or CLOSED (<see cref="LinkStatus"/>) and <see cref="Value"/> is unused; for ACTIVE
/// valves <see cref="ActiveStatus"/> is true. Times are in seconds.
/// </summary>
public sealed record RulePremise(
    RuleLogic Logic,
    RuleObject Object,
    string? ElementId,
    RuleVariable Variable,
    RuleOperator Operator,
    double Value,
    LinkStatus? Status = null,
    bool ActiveStatus = false);
