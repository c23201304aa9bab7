namespace WdnAccel.Cli;

/// <summary>
/// One example of a verb for its `--help`: what it does and the command line, runnable from the repository root
/// (a test parses every one and checks that the files it names exist).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ExampleAttribute(string description, string command) : Attribute
{
    public string Description { get; } = description;
    public string Command { get; } = command;
}
