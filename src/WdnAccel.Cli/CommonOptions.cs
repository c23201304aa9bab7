using CommandLine;

namespace WdnAccel.Cli;

/// <summary>Options every verb takes (DESIGN.md section 8).</summary>
public abstract class CommonOptions
{
    [Option("json", HelpText = "Machine-readable JSON on stdout (SI units) instead of human text.")]
    public bool Json { get; set; }

    [Option("out", HelpText = "Write the result to this file (format from its extension) instead of stdout.")]
    public string? Out { get; set; }
}
