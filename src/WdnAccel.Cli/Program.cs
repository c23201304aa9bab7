using System.Reflection;
using CommandLine;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Io;

namespace WdnAccel.Cli;

/// <summary>
/// Entry point of `wdnaccel`. Every [Verb] class in this assembly that implements <see cref="ICommand"/>
/// is a verb. Errors become exit codes with a one-line message (README: exit codes), never a stack trace.
/// </summary>
public static partial class Program
{
    public static int Main(string[] args)
    {
        bool interactive = !Console.IsErrorRedirected;
        using var interruption = Interruption.Register(Console.Error, interactive);
        return Run(args, Console.Out, Console.Error, interactive);
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool interactive = false)
    {
        var verbs = typeof(Program).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<VerbAttribute>() is not null && typeof(ICommand).IsAssignableFrom(t) && !t.IsAbstract)
            .OrderBy(t => t.GetCustomAttribute<VerbAttribute>()!.Name, StringComparer.Ordinal)
            .ToArray();
        using var parser = new Parser(s =>
        {
            s.HelpWriter = null;
            s.CaseInsensitiveEnumValues = true;
        });
        var parsed = parser.ParseArguments(args, verbs);
        if (parsed is NotParsed<object> notParsed)
        {
            // `wdnaccel help VERB` shows the same page as `wdnaccel VERB --help`.
            if (notParsed.Errors.OfType<HelpVerbRequestedError>().FirstOrDefault() is { Matched: true, Verb: { } verb })
            {
                return Run([verb, "--help"], stdout, stderr, interactive);
            }
            var help = CommandLine.Text.HelpText.AutoBuild(parsed, h =>
            {
                h.Heading = $"wdnaccel {ProductVersion.Text}";
                h.Copyright = "batch optimization of water distribution networks";
                h.AddEnumValuesToHelpText = true;
                return h;
            }, e => e, verbsIndex: parsed.TypeInfo.Current == typeof(NullInstance)); // a verb's page lists its options as --name
            bool askedForHelp = notParsed.Errors.All(e => e.Tag is ErrorType.HelpRequestedError or ErrorType.HelpVerbRequestedError or ErrorType.VersionRequestedError);
            if (notParsed.Errors.Any(e => e.Tag == ErrorType.VersionRequestedError))
            {
                stdout.WriteLine($"wdnaccel {ProductVersion.Text}");
                return (int)ExitCode.Success;
            }
            if (askedForHelp)
            {
                stdout.WriteLine(help);
                stdout.Write(Examples(parsed.TypeInfo.Current));
                return (int)ExitCode.Success;
            }
            // The whole page where it is the answer (no verb, an unknown one, a required argument left out); otherwise
            // the one line that says what was wrong, and where the page is.
            string? problem = ArgumentChecks.Describe(notParsed.Errors, args, verbs);
            if (problem is null || ArgumentChecks.NeedsHelpPage(notParsed.Errors))
            {
                stderr.WriteLine(help);
                if (problem is not null) stderr.WriteLine($"error: {problem}");
            }
            else
            {
                stderr.WriteLine($"error: {problem}");
                stderr.WriteLine($"see: wdnaccel {parsed.TypeInfo.Current.GetCustomAttribute<VerbAttribute>()?.Name ?? args[0]} --help");
            }
            return (int)ExitCode.BadInput;
        }

        var command = (ICommand)((Parsed<object>)parsed).Value;
        var context = new CommandContext(stdout, stderr, interactive);
        try
        {
            ArgumentChecks.Check(command, args);
            // Output files (--out, convert's OUT, batch plan's stream) are checked before the work, so that a long run
            // does not fail at its end.
            if (command is IOutputFiles writes)
            {
                var outputs = writes.OutputFiles.ToList();
                foreach (var (path, field) in outputs) OutputFile.Check(path, field);
                if (command is CommonOptions) CheckOutputsAreNotInputs(outputs, args); // convert words its own (OUT is the input file, or a --merge file)
            }
            if (command is CommonOptions options) options.CheckOutName();
            return (int)command.Execute(context);
        }
        catch (InvalidInputException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return (int)ExitCode.BadInput;
        }
        catch (BackendUnavailableException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return (int)ExitCode.BackendUnavailable;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // A reader that opened a path without checking it first: the project's wording, not .NET's.
            stderr.WriteLine($"error: {PathProblem(e, args)}");
            return (int)ExitCode.BadInput;
        }
        catch (OutOfMemoryException)
        {
            // A request too large for this machine is a usage problem, not a crash: say what to shrink.
            stderr.WriteLine("error: out of memory; reduce --batch, --population or the problem size");
            return (int)ExitCode.BadInput;
        }
        catch (Exception e)
        {
            // A defect of ours: one line for the user, the whole trace on request for the report they file.
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("WDNACCEL_TRACE") == "1") stderr.WriteLine(e);
            else stderr.WriteLine("(please report it with the command; WDNACCEL_TRACE=1 adds the stack trace)");
            return (int)ExitCode.InternalError;
        }
    }

    /// <summary>
    /// An output file that is also an input of the run (`lp model.json --out model.json`, `simulate net.json --out
    /// net.json`, `--design d.json --out d.json`) would be replaced by the answer, losing the input; two outputs naming
    /// one file would leave only the last one written. Both are refused before the work. An existing file named by the
    /// output option and by any other argument is taken as read by the run (only existing files can be inputs).
    /// </summary>
    internal static void CheckOutputsAreNotInputs(IReadOnlyList<(string Path, string Field)> outputs, string[] args)
    {
        // Outputs as the rename will reach them (through linked folders, onto a link's own name); inputs as a reader opens
        // them (through every link), so that `simulate latest.json --out net.json` with latest.json → net.json is caught.
        var files = outputs.Where(o => !OutputFile.IsSpecial(o.Path)).Select(o => (Full: RealPath.Of(o.Path, followLast: false), o.Path, o.Field)).ToList();
        foreach (var same in files.GroupBy(f => f.Full, StringComparer.Ordinal))
        {
            var named = same.ToList();
            if (named.Count > 1)
                throw new InvalidInputException($"{named[0].Field} and {named[1].Field} name the same file; give each output its own file name", named[1].Path, field: named[1].Field);
            if (!File.Exists(same.Key)) continue;
            int mentions = args.Count(arg => NamesPath(arg, same.Key));
            if (mentions > 1)
                throw new InvalidInputException($"is also an input of this run; writing {named[0].Field} there would overwrite it: give another output file name", named[0].Path, field: named[0].Field);
        }
    }

    private static bool NamesPath(string arg, string full)
    {
        string candidate = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 0 and var eq ? arg[(eq + 1)..] : arg;
        if (candidate.Length == 0 || candidate.IndexOfAny(Path.GetInvalidPathChars()) >= 0) return false;
        try { return RealPath.Of(candidate) == full; }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return false; }
    }

    /// <summary>
    /// A missing or unreadable path in the wording the readers use ("PATH: file not found", "PATH: is a folder;
    /// expected a file"), named as the user gave it where one of the arguments resolves to it. .NET's own messages
    /// ("Could not find file '/abs/path'", "Access to the path … is denied." for a folder) carry only the full path.
    /// </summary>
    internal static string PathProblem(Exception e, string[] args)
    {
        string? path = (e as FileNotFoundException)?.FileName ?? (QuotedPath().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : null);
        if (path is null) return e.Message;
        string shown = AsGiven(path, args);
        switch (e)
        {
            case FileNotFoundException:
                return $"{shown}: file not found";
            case DirectoryNotFoundException:
                string? missing = Path.GetDirectoryName(Path.GetFullPath(path));
                while (missing is not null && Path.GetDirectoryName(missing) is { } parent && !Directory.Exists(parent)) missing = parent;
                return missing is null ? $"{shown}: not found" : $"{shown}: the folder {missing} does not exist";
            default:
                return Directory.Exists(path) ? $"{shown}: is a folder; expected a file" : $"{shown}: permission denied";
        }
    }

    /// <summary>The argument (or --option=value's value) that names <paramref name="path"/>, else the path itself.</summary>
    private static string AsGiven(string path, string[] args)
    {
        string full = Path.GetFullPath(path);
        foreach (string arg in args)
        {
            string candidate = arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 0 and var eq ? arg[(eq + 1)..] : arg;
            if (candidate.Length == 0 || candidate.IndexOf('\0') >= 0) continue;
            if (Path.GetFullPath(candidate).TrimEnd('/') == full.TrimEnd('/')) return candidate;
        }
        return path;
    }

    [System.Text.RegularExpressions.GeneratedRegex("'(.*)'")]
    private static partial System.Text.RegularExpressions.Regex QuotedPath();

    /// <summary>The verb's examples for its --help (nothing for the verb list): what each does, then the command.</summary>
    internal static string Examples(Type verb)
    {
        var examples = verb.GetCustomAttributes<ExampleAttribute>().ToArray();
        if (examples.Length == 0) return "";
        var text = new System.Text.StringBuilder("EXAMPLES (from the repository root or an installed tool's folder):\n");
        foreach (var e in examples) text.Append("  ").Append(e.Description).Append(":\n    ").Append(e.Command).Append("\n\n");
        return text.ToString();
    }
}
