using System.Globalization;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;

namespace WdnAccel.Cli;

/// <summary>Options of the verbs that solve an LP or MILP exactly (`lp`, `allocate`): certification and the branch-and-bound limits.</summary>
public abstract class ExactSolveOptions : CommonOptions
{
    [Option("no-exact", HelpText = "Skip exact certification (floating answer only).")]
    public bool NoExact { get; set; }

    [Option("max-nodes", Default = 100_000, HelpText = "Branch-and-bound node limit for models with integer variables; past it the answer is the best found (if any), with status node_limit.")]
    public int MaxNodes { get; set; } = 100_000;

    [Option("time-limit", HelpText = "Seconds a branch and bound may run; past it the answer is the best found (if any), with status time_limit (default: no limit).")]
    public double? TimeLimit { get; set; }

    /// <summary>
    /// --out gets JSON with --json or a .json name, else the text report (<see cref="LpVerb.Emit"/>): a name that says
    /// another format (`--out model.lp` or `.mps` beside the model, `.csv`, `.wdn`, `.svg`) is refused before the solve,
    /// as is a non-.json name with --json.
    /// </summary>
    public override void CheckOutName()
    {
        if (Out is null) return;
        if (Json) OutputFile.CheckExtension(Out, "--out", "JSON (--json)", ".json");
        else OutputFile.CheckExtension(Out, "--out", "the text report (JSON for a .json name)", ".json", ".txt", ".text", ".log", ".md");
    }

    /// <summary>The solver settings these options ask for; an input error naming the option when a limit makes no sense.</summary>
    protected LpSolveOptions SolveOptions()
    {
        if (TimeLimit is { } limit && !(limit > 0 && limit <= 1e7))
            throw new InvalidInputException($"--time-limit must be a positive number of seconds, got {limit.ToString(CultureInfo.InvariantCulture)}", field: "--time-limit");
        if (MaxNodes < 1) throw new InvalidInputException($"--max-nodes must be at least 1, got {MaxNodes}", field: "--max-nodes");
        return new LpSolveOptions
        {
            Exact = !NoExact,
            MaxNodes = MaxNodes,
            TimeLimit = TimeLimit is { } s ? TimeSpan.FromSeconds(s) : null,
        };
    }
}
