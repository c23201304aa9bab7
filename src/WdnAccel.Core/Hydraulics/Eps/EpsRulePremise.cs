using WdnAccel.Core.Model;

namespace WdnAccel.Core.Hydraulics.Eps;

/// <summary>A compiled rule clause: <see cref="Index"/> is the node or link index (−1 for SYSTEM); values and <see cref="Tolerance"/> SI.</summary>
public sealed record EpsRulePremise(RuleLogic Logic, RuleObject Object, int Index, RuleVariable Variable, RuleOperator Operator, double Value, LinkStatus? Status, bool ActiveStatus, double Tolerance);
