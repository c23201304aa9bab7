using System.Diagnostics;
using System.Reflection;
using CommandLine;
using WdnAccel.Cli.Tests.Support;

namespace WdnAccel.Cli.Tests;

public class HelpAndCompletionTests
{
    private static readonly Type[] Verbs = typeof(Program).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<VerbAttribute>() is not null && typeof(ICommand).IsAssignableFrom(t)).ToArray();

    public static TheoryData<string> VerbNames() => [.. Verbs.Select(t => t.GetCustomAttribute<VerbAttribute>()!.Name)];

    [Theory]
    [MemberData(nameof(VerbNames))]
    public void Every_verbs_help_shows_examples_that_parse_and_name_bundled_files_that_exist(string verb)
    {
        var help = CliRunner.Run(verb, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("EXAMPLES", help.Out);
        // Options are listed as they are typed (the verb index's layout showed them without their dashes).
        Assert.Contains("\n  --help ", help.Out);
        var type0 = Verbs.Single(t => t.GetCustomAttribute<VerbAttribute>()!.Name == verb);
        foreach (var option in type0.GetProperties().Select(p => p.GetCustomAttribute<OptionAttribute>()).OfType<OptionAttribute>().Where(o => !o.Hidden))
            Assert.Matches($@"\n  (-\w, )?--{System.Text.RegularExpressions.Regex.Escape(option.LongName)}[ =]", help.Out);
        Assert.Equal(help.Out, CliRunner.Run("help", verb).Out); // `help VERB` is the same page

        var type = Verbs.Single(t => t.GetCustomAttribute<VerbAttribute>()!.Name == verb);
        foreach (var example in type.GetCustomAttributes<ExampleAttribute>())
        {
            Assert.Contains(example.Command, help.Out);
            var args = Arguments(example.Command);
            Assert.Equal(verb, args[0]);
            using var parser = new Parser(s => { s.HelpWriter = null; s.CaseInsensitiveEnumValues = true; });
            var parsed = parser.ParseArguments(args, Verbs);
            if (parsed is NotParsed<object> failed)
                Assert.Fail($"`{example.Command}` does not parse: {string.Join("; ", failed.Errors.Select(e => e.Tag))}");
            foreach (var file in args.Where(a => a.StartsWith("data/", StringComparison.Ordinal)))
                Assert.True(File.Exists(Path.Combine(CliRunner.Root, file)) || Directory.Exists(Path.Combine(CliRunner.Root, file)), $"`{example.Command}` names {file}, which is not bundled");
        }
    }

    /// <summary>The words after `wdnaccel`, up to a shell redirection or the end of a process substitution.</summary>
    private static string[] Arguments(string command)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => !w.EndsWith("wdnaccel", StringComparison.Ordinal)).Skip(1);
        return words.TakeWhile(w => !w.StartsWith('>')).Select(w => w.TrimEnd(')')).ToArray();
    }

    [Fact]
    public void The_bash_completion_script_completes_verbs_options_and_option_values()
    {
        var r = CliRunner.Run("completion", "bash");
        Assert.Equal(0, r.ExitCode);
        string script = Path.Combine(CliRunner.TempDir(), "wdnaccel.bash");
        File.WriteAllText(script, r.Out);
        string Complete(string words, int index) => Bash($"source '{script}'; COMP_WORDS=({words}); COMP_CWORD={index}; _wdnaccel; echo \"${{COMPREPLY[@]}}\"");

        Assert.Equal("optimize", Complete("wdnaccel opt", 1));
        Assert.Equal("--evaluations", Complete("wdnaccel optimize --ev", 2));
        Assert.Equal("ga gacoasa", Complete("wdnaccel bench --algorithms g", 3));
        Assert.Equal("simd", Complete("wdnaccel simulate x.inp --backend si", 4));
        Assert.Equal("layouts", Complete("wdnaccel study la", 2));
        Assert.Equal("sm_90", Complete("wdnaccel devices --ptx p --arch sm_9", 5));
        // Every option of every verb is offered after `--`.
        foreach (var verb in Verbs)
        {
            string name = verb.GetCustomAttribute<VerbAttribute>()!.Name;
            var offered = Complete($"wdnaccel {name} --", 2).Split(' ');
            foreach (var option in verb.GetProperties().Select(p => p.GetCustomAttribute<OptionAttribute>()?.LongName).OfType<string>())
                Assert.Contains("--" + option, offered);
        }
        Assert.Equal(2, CliRunner.Run("completion", "tcsh").ExitCode);
    }

    private static string Bash(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        string output = bash.StandardOutput.ReadToEnd();
        string error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, error);
        return output.Trim();
    }
}
