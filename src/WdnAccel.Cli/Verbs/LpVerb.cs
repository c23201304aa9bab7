using System.Globalization;
using System.Text;
using CommandLine;
using WdnAccel.Core.Io;
using WdnAccel.Core.Lp;

namespace WdnAccel.Cli.Verbs;

/// <summary>
/// `wdnaccel lp MODEL`: solve an LP (a JSON request in the supply allocation guide's form, free MPS or CPLEX LP), certify it exactly and print
/// status, objective (decimal and exact fraction), the nonzero solution and whether it is certified.
/// Exit 0 optimal, 3 infeasible or unbounded (with the certificate), 1 when the iteration limit is reached.
/// </summary>
[Example("Solve and certify an MPS model exactly", "wdnaccel lp data/lp/beale.mps")]
[Example("The supply allocation guide's JSON request, answered offline", "wdnaccel lp data/lp/supply-allocation-request.json --json")]
[Verb("lp", HelpText = "Solve an LP (a JSON request in the supply allocation guide's form, free MPS or CPLEX LP) and certify the answer in exact arithmetic.")]
public sealed class LpVerb : ExactSolveOptions, ICommand
{
    [Value(0, MetaName = "MODEL", Required = true, HelpText = "Model file: .json (a request in the supply allocation guide's form), .mps (free MPS) or .lp (CPLEX LP).")]
    public string Model { get; set; } = "";

    [Option("format", HelpText = "Input format when the extension does not say: json, mps or lp.")]
    public string? Format { get; set; }

    [Option("write-model", HelpText = "Also write the parsed model to this file (format from its extension: .json, .mps, .lp).")]
    public string? WriteModel { get; set; }

    /// <summary>--out and the side files, checked (and compared with the inputs) by <see cref="Program"/> before the work.</summary>
    public override IEnumerable<(string Path, string Field)> OutputFiles => base.OutputFiles.Concat(WriteModel is null ? [] : [(WriteModel, "--write-model")]);

    public ExitCode Execute(CommandContext context)
    {
        var options = SolveOptions();
        var model = LpModelFiles.Read(Model, Format);
        if (WriteModel is not null)
            context.WriteSideFile(WriteModel, LpModelFiles.WriteFor(model, WriteModel), "--write-model");
        LpResult result;
        try
        {
            result = LpSolver.Solve(model, options);
        }
        catch (NotSupportedException e)
        {
            throw new InvalidInputException(e.Message, Model);
        }
        WarnUnproven(context, result, NoExact, MaxNodes);
        Emit(context, Json, Out, () => context.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("model", Model);
            LpJsonWriter.WriteResultProperties(w, result);
            w.WriteString("version", ProductVersion.Text);
            w.WriteEndObject();
        }) + Environment.NewLine, () => Human(result) + SettingsLine(NoExact));
        return ExitCodeOf(result);
    }

    /// <summary>Warns, before the answer is written so its JSON carries it, when an answer is not proven: uncertified or cut off by the node limit.</summary>
    internal static void WarnUnproven(CommandContext context, LpResult result, bool noExact, int maxNodes)
    {
        // Below --max-nodes a node limit was the search's own (the search for an integer point behind an unbounded
        // relaxation is kept short): raising the option would not change it.
        if (result.StoppedEarly)
            context.Warn($"branch and bound stopped: {result.CertificateFailure}" +
                (result.Status == LpStatus.NodeLimit && result.Nodes < maxNodes ? "" : "; raise --max-nodes or --time-limit to search on"), result.StatusName);
        else if (!noExact && result.Status == LpStatus.Optimal && !result.Certified)
            context.Warn($"the answer could not be certified: {result.CertificateFailure}", "not_certified");
    }

    /// <summary>The settings behind a text answer, as its last line.</summary>
    internal static string SettingsLine(bool noExact) =>
        $"settings: exact certification {(noExact ? "off (--no-exact)" : "on")}; wdnaccel {ProductVersion.Text}{Environment.NewLine}";

    internal static ExitCode ExitCodeOf(LpResult result) => result.Status switch
    {
        LpStatus.Optimal => ExitCode.Success,
        LpStatus.Infeasible or LpStatus.Unbounded => ExitCode.InfeasibleOrUnbounded,
        _ => ExitCode.InternalError,
    };

    /// <summary>
    /// The answer on stdout (JSON with --json, else text) and, with --out, also in that file, as every verb's --out
    /// writes it besides the normal output: JSON where the name ends in .json or --json is given, else the text.
    /// </summary>
    internal static void Emit(CommandContext context, bool json, string? outFile, Func<string> jsonText, Func<string> humanText)
    {
        // Each form is built at most once, though the file and stdout may both want it.
        var document = new Lazy<string>(jsonText);
        var text = new Lazy<string>(humanText);
        if (outFile is not null)
        {
            bool fileJson = json || outFile.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            context.WriteSideFile(outFile, fileJson ? document.Value : text.Value, "--out");
            if (CommandContext.IsStdout(outFile)) return; // --out /dev/stdout: once, not twice
        }
        context.Out.Write(json ? document.Value : text.Value);
    }

    internal static string Describe(Rational value)
    {
        string dec = value.ToDouble().ToString("G10", CultureInfo.InvariantCulture);
        return value.IsInteger || value.ToExactDecimal() == dec ? dec : $"{dec} (exact {value})";
    }

    private static string Human(LpResult r)
    {
        var sb = new StringBuilder();
        var m = r.Model;
        sb.AppendLine($"status: {r.StatusName}");
        if (r.ObjectiveExact is { } obj) sb.AppendLine($"objective: {obj.ToDouble().ToString("G15", CultureInfo.InvariantCulture)} (exact {obj})");
        else if (r.HasPoint && double.IsFinite(r.ObjectiveValue)) sb.AppendLine($"objective: {r.ObjectiveValue.ToString("G15", CultureInfo.InvariantCulture)}");
        sb.AppendLine($"certified: {(r.Certified ? "true" : "false")}{(r.CertificateFailure is { } f ? $" ({f})" : "")}");
        if (r.StoppedEarly && !r.HasPoint) sb.AppendLine("no integer point found before the search stopped");
        if (r.HasPoint)
        {
            sb.AppendLine(r.Status == LpStatus.Optimal ? "solution (nonzero values):"
                : r.StoppedEarly ? "best solution found (nonzero values; not proven optimal):" : "feasible point (nonzero values):");
            for (int j = 0; j < m.Variables.Count; j++)
            {
                if (r.SolutionExact is { } xs) { if (!xs[j].IsZero) sb.AppendLine($"  {m.Variables[j].Name} = {Describe(xs[j])}"); }
                else if (r.Solution[j] != 0) sb.AppendLine($"  {m.Variables[j].Name} = {r.Solution[j].ToString("G15", CultureInfo.InvariantCulture)}");
            }
        }
        if (r.FarkasMultipliers is { } y)
        {
            sb.AppendLine("infeasibility certificate (Farkas row multipliers):");
            for (int i = 0; i < y.Length; i++) if (!y[i].IsZero) sb.AppendLine($"  {m.Constraints[i].Name}: {y[i]}");
        }
        if (r.Divisibility is { } div)
            sb.AppendLine($"infeasibility certificate (divisibility): every variable of row {m.Constraints[div.Row].Name} is integer or fixed, so its activity is its fixed part plus a multiple of {div.Gcd}, and none lies within its bounds");
        if (r.Ray is { } ray)
        {
            sb.AppendLine("unbounded ray (improving direction):");
            for (int j = 0; j < ray.Length; j++) if (!ray[j].IsZero) sb.AppendLine($"  {m.Variables[j].Name}: {ray[j]}");
        }
        sb.AppendLine($"iterations: {r.Iterations} floating, {r.ExactPivots} exact pivots");
        return sb.ToString();
    }
}
