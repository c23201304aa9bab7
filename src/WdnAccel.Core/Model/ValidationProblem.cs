namespace WdnAccel.Core.Model;

/// <summary>One problem found in a scenario: where (file line or field path) and what is wrong.</summary>
public sealed record ValidationProblem(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
