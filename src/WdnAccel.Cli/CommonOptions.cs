using WdnAccel.Core.Io;
using System.Text.Json;
using CommandLine;

namespace WdnAccel.Cli;

/// <summary>Options every verb takes.</summary>
public abstract class CommonOptions : IOutputFiles
{
    [Option("json", HelpText = "Machine-readable JSON on stdout instead of human text (hydraulic quantities in SI units; other units as the answer names them).")]
    public bool Json { get; set; }

    [Option("out", HelpText = "Write the result to this file besides the normal output: JSON (lp and allocate: the text report unless the name ends in .json or --json is given; paths: also .wdn/.msgpack); a folder for study and batch, the .wdnb stream for batch plan.")]
    public string? Out { get; set; }

    /// <summary>Help of the readers' --ignore-unsupported: EPANET 2.3's [LEAKAGE] is the one section still refused.</summary>
    internal const string IgnoreUnsupportedHelp = "Drop .inp sections WdnAccel does not model (EPANET 2.3's [LEAKAGE]) with a warning instead of failing.";

    /// <summary>True when <see cref="Out"/> names a file (checked before the work by <see cref="Program"/>); `study` and `batch` take a folder.</summary>
    public virtual bool OutIsFile => true;

    /// <summary>--out when it names a file (<see cref="OutIsFile"/>): <see cref="Program"/> checks it before the work.</summary>
    public virtual IEnumerable<(string Path, string Field)> OutputFiles => Out is not null && OutIsFile ? [(Out, "--out")] : [];

    /// <summary>
    /// Checked by <see cref="Program"/> with the output files, before the work: --out's extension must say what is
    /// written there (JSON here; verbs that write something else say so), so that `--out result.csv` does not get JSON.
    /// </summary>
    public virtual void CheckOutName()
    {
        if (Out is not null && OutIsFile) OutputFile.CheckExtension(Out, "--out", "JSON", ".json");
    }

    /// <summary>
    /// Writes a verb's result: the JSON document to <see cref="Out"/> when given and to stdout with <see cref="Json"/>;
    /// the human text to stdout otherwise. One place, so every verb honours --json and --out the same way.
    /// </summary>
    protected void Emit(CommandContext context, Action<Utf8JsonWriter> json, Action<TextWriter> text)
    {
        // Streamed, not built as one string: a city-sized network's answer is hundreds of megabytes of text.
        if (Out is not null && Json && OutputFile.IsSpecial(Out))
        {
            string document = context.Json(json); // a device cannot be read back: build once, write twice
            OutputFile.WriteAllText(Out, document);
            context.Wrote(Out);
            if (!CommandContext.IsStdout(Out)) context.Out.WriteLine(document); // --out /dev/stdout --json: once, not twice
        }
        else if (Out is not null)
        {
            OutputFile.Write(Out, stream => JsonOutput.WriteTo(stream, json, context.Warnings));
            context.Wrote(Out);
            if (Json) context.CopyToOut(Out);
        }
        else if (Json)
        {
            context.WriteJson(json);
        }
        if (!Json) text(context.Out);
    }
}
