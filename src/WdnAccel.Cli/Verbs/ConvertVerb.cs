using CommandLine;
using WdnAccel.Core.Io;

namespace WdnAccel.Cli.Verbs;

[Example("An EPANET network to a compact binary scenario", "wdnaccel convert data/networks/HAN.inp hanoi.wdn")]
[Example("A scenario back to EPANET .inp", "wdnaccel convert data/scenarios/TLN.wdn two-loop.inp")]
[Verb("convert", HelpText = "Convert a scenario between .inp, .json and .wdn (any direction). What the target format cannot hold is reported.")]
public sealed class ConvertVerb : ICommand, IOutputFiles
{
    [Value(0, MetaName = "IN", Required = true, HelpText = "Input file (.inp, .json, .wdn).")]
    public string Input { get; set; } = "";

    [Value(1, MetaName = "OUT", Required = true, HelpText = "Output file (.inp, .json, .wdn).")]
    public string Output { get; set; } = "";

    [Option("ignore-unsupported", HelpText = "Drop .inp sections WdnAccel does not model with a warning instead of failing.")]
    public bool IgnoreUnsupported { get; set; }

    [Option("merge", HelpText = "Attach the blocks (design, supply, graph_allocation, solver) of these scenario files, e.g. a design block kept in its own JSON.")]
    public IEnumerable<string> Merge { get; set; } = [];

    [Option("compress", HelpText = "For a .wdn output: LZ4-compress the scenario map (MessagePack-CSharp's Lz4BlockArray).")]
    public bool Compress { get; set; }

    /// <summary>OUT, checked before the input is read.</summary>
    public IEnumerable<(string Path, string Field)> OutputFiles => [(Output, "OUT")];

    public ExitCode Execute(CommandContext context)
    {
        var loaded = ScenarioFile.Load(Input, IgnoreUnsupported);
        foreach (var warning in loaded.Warnings) context.Warn(warning, "input", Input);
        var scenario = loaded.Scenario;
        foreach (var overlay in Merge) scenario = ScenarioFile.Merge(scenario, ScenarioFile.Load(overlay).Scenario);
        var problems = Core.Model.ScenarioValidator.Validate(scenario);
        if (Merge.Any() && problems.Count > 0)
        {
            foreach (var p in problems) context.Error.WriteLine($"error: {p}");
            return ExitCode.BadInput;
        }
        foreach (var warning in ScenarioFile.Save(scenario, Output, Compress)) context.Warn(warning, "not_exported", Output);
        context.Wrote(Output);
        return ExitCode.Success;
    }
}
