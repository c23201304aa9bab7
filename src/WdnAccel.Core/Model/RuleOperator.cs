namespace WdnAccel.Core.Model;

/// <summary>A rule clause's comparison (EPANET [RULES]: =, &lt;&gt;, &lt;, &gt;, &lt;=, &gt;=, IS, NOT, BELOW, ABOVE).</summary>
public enum RuleOperator
{
    Equal,
    NotEqual,
    Less,
    Greater,
    LessOrEqual,
    GreaterOrEqual,
}
