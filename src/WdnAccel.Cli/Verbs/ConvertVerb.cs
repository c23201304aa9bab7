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

    [Option("ignore-unsupported", HelpText = CommonOptions.IgnoreUnsupportedHelp)]
    public bool IgnoreUnsupported { get; set; }

    [Option("merge", HelpText = "Attach the blocks (design, supply, graph_allocation, solver) of these scenario files, e.g. a design block kept in its own JSON.")]
    public IEnumerable<string> Merge { get; set; } = [];

    [Option("compress", HelpText = "For a .wdn output: LZ4-compress the scenario map (MessagePack-CSharp's Lz4BlockArray).")]
    public bool Compress { get; set; }

    /// <summary>OUT, checked before the input is read.</summary>
    public IEnumerable<(string Path, string Field)> OutputFiles => [(Output, "OUT")];

    public ExitCode Execute(CommandContext context)
    {
        // Writing over the input would lose what the target format does not keep (an .inp's comments) and the original.
        if (SameFile(Input, Output))
            throw new InvalidInputException("OUT is the input file; converting in place would overwrite it: give another output file name", Output, field: "OUT");
        foreach (var merged in Merge)
        {
            if (SameFile(merged, Output)) throw new InvalidInputException("OUT is one of the --merge files; give another output file name", Output, field: "OUT");
        }
        if (Compress && !string.Equals(Path.GetExtension(Output), ".wdn", StringComparison.OrdinalIgnoreCase))
            throw new InvalidInputException($"--compress applies to a .wdn output; OUT '{Output}' is {(Path.GetExtension(Output) is { Length: > 0 } e ? e : "not .wdn")}", field: "--compress");
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

    /// <summary>Whether two paths name the same file: the same full path, after following symbolic links.</summary>
    private static bool SameFile(string a, string b)
    {
        static string Resolve(string path)
        {
            string full = Path.GetFullPath(path);
            try
            {
                return File.Exists(full) && new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName) : full;
            }
            catch (IOException)
            {
                return full;
            }
        }
        return string.Equals(Resolve(a), Resolve(b), StringComparison.Ordinal);
    }
}
