namespace WdnAccel.Cli;

/// <summary>A verb's options class that can run itself. Any [Verb] class implementing this is found by <see cref="Program"/>.</summary>
public interface ICommand
{
    ExitCode Execute(CommandContext context);
}
