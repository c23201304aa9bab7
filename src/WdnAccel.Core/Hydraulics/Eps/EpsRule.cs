namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>A compiled rule-based control.</summary>
public sealed record EpsRule(string Id, IReadOnlyList<EpsRulePremise> Premises, IReadOnlyList<EpsRuleAction> Then, IReadOnlyList<EpsRuleAction> Else, double Priority);
