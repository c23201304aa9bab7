namespace WdnAccel.Core.Model;

/// <summary>How a rule clause joins the ones before it.</summary>
public enum RuleLogic
{
    If,
    And,
    Or,
}
