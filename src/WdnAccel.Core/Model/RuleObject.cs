namespace WdnAccel.Core.Model;

/// <summary>The object a rule clause tests (EPANET [RULES]).</summary>
public enum RuleObject
{
    Node,
    Link,
    System,
}
