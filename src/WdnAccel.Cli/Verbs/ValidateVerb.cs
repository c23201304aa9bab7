using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Cli.Verbs;

[Example("List every problem of a network file with its line", "wdnaccel validate data/networks/BLA.inp")]
[Verb("validate", HelpText = "Check a scenario (.inp, .json, .wdn) and list every problem with its location. Exit 0 if valid, 2 if not.")]
public sealed class ValidateVerb : CommonOptions, ICommand
{
    [Value(0, MetaName = "FILE", Required = true, HelpText = "Scenario or network file.")]
    public string File { get; set; } = "";

    [Option("ignore-unsupported", HelpText = CommonOptions.IgnoreUnsupportedHelp)]
    public bool IgnoreUnsupported { get; set; }

    public ExitCode Execute(CommandContext context)
    {
        LoadedScenario loaded;
        IReadOnlyList<ValidationProblem> problems;
        try
        {
            loaded = ScenarioFile.Load(File, IgnoreUnsupported);
            problems = ScenarioValidator.Validate(loaded.Scenario, loaded.SourceLines, File);
        }
        catch (InvalidInputException e) when (e.All.Count > 1)
        {
            // The reader went on past the first bad line: list every one, as for a model problem.
            loaded = new LoadedScenario(new Scenario(), File, [], null);
            problems = e.All.Select(p => new ValidationProblem(Location(p), p.Problem)).ToList();
        }
        foreach (var warning in loaded.Warnings) context.Warn(warning, "input", File); // stderr, and the JSON's "warnings"
        Emit(context, w =>
            {
                w.WriteStartObject();
                w.WriteString("file", File);
                w.WriteBoolean("valid", problems.Count == 0);
                w.WriteStartArray("problems");
                foreach (var p in problems)
                {
                    w.WriteStartObject();
                    w.WriteString("location", p.Location);
                    w.WriteString("message", p.Message);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            },
            o =>
            {
                foreach (var p in problems) o.WriteLine($"error: {p}");
                o.WriteLine(problems.Count == 0 ? $"{File}: valid" : $"{File}: {problems.Count} problem(s)");
            });
        return problems.Count == 0 ? ExitCode.Success : ExitCode.BadInput;
    }

    private static string Location(InvalidInputException e) =>
        string.Join(", ", new[] { e.Line is { } l ? $"line {l}" : null, e.Field is { } f ? $"field '{f}'" : null }.Where(x => x is not null)) is { Length: > 0 } where ? where : "file";
}
