using WdnAccel.Cli.Tests.Support;
using WdnAccel.Cli.Verbs;

namespace WdnAccel.Cli.Tests;

/// <summary>
/// The CLI contract where a user walkthrough found it broken: options left without a value, wrong paths in .NET's
/// words, unknown names exiting 4, files written without a "wrote" line, JSON positions with .NET's suffix, and an
/// error list that left out a name the verb takes.
/// </summary>
public sealed class CliContractTests
{
    private static readonly string Tln = CliRunner.Data("scenarios", "TLN.wdn");
    private static readonly string Graph = CliRunner.Data("graphs", "small-directed.json");

    // ---- 1. An option that takes a value, given none ----

    [Theory]
    [InlineData("--out needs a file name", "paths", "GRAPH", "--out")]
    [InlineData("--out needs a file name", "paths", "GRAPH", "--out", "--json")]
    [InlineData("--out needs a file name", "optimize", "TLN", "--evaluations", "500", "--out")]
    [InlineData("--out needs a file name", "optimize", "TLN", "--evaluations", "500", "--out", "--json")]
    [InlineData("--out needs a file name", "optimize", "TLN", "--evaluations", "500", "--out=")]
    [InlineData("--out needs a file name", "optimize", "TLN", "--evaluations", "500", "--out", "")]
    [InlineData("--out needs a file name", "batch", "plan", "--scenarios", "TLN", "--out")]
    [InlineData("--out needs a folder name", "study", "layouts", "--evaluations", "10", "--out")]
    [InlineData("--backend needs a value", "simulate", "TLN", "--backend", "--json")]
    [InlineData("--plot needs a value", "optimize", "TLN", "--evaluations", "500", "--plot")]
    [InlineData("--seed needs a value", "simulate", "TLN", "--random-designs", "5", "--seed")]
    public void An_option_given_without_its_value_exits_2_naming_the_option(string expected, params string[] args)
    {
        args = args.Select(a => a switch { "TLN" => Tln, "GRAPH" => Graph, _ => a }).ToArray();
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Error}");
        Assert.Contains($"error: {expected}", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
    }

    [Fact]
    public void The_next_option_is_not_taken_as_a_value_but_a_negative_number_is()
    {
        // `--backend --out x` ran with backend "out" before; `--min-pressure -5` must still parse.
        var swallowed = CliRunner.Run("simulate", Tln, "--backend", "--out", Path.Combine(CliRunner.TempDir(), "x.json"));
        Assert.Equal(2, swallowed.ExitCode);
        Assert.Contains("--backend needs a value", swallowed.Error);
        var negative = CliRunner.Run("simulate", Tln, "--random-designs", "5", "--backend", "scalar", "--min-pressure", "-5", "--seed=3");
        Assert.Equal(0, negative.ExitCode);
        Assert.Null(ArgumentChecks.MissingValue(["batch", "plan", "--demand-multipliers", "-0.5,1", "--out", "s.wdnb"], typeof(BatchVerb)));
    }

    // ---- 2. Missing and wrong paths in the project's words ----

    [Fact]
    public void Batch_plan_into_a_missing_folder_is_refused_before_the_work_like_other_outputs()
    {
        var r = CliRunner.Run("batch", "plan", "--scenarios", Tln, "--algorithms", "de", "--out", "/nonexistent-folder/s.wdnb");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--out': the folder /nonexistent-folder does not exist", r.Error);
        Assert.DoesNotContain(".tmp-", r.Error);
        Assert.DoesNotContain("Could not find", r.Error);
    }

    [Fact]
    public void Convert_into_a_missing_folder_is_refused_before_the_input_is_read()
    {
        // The input does not exist either: the output is checked first, as for --out elsewhere.
        var r = CliRunner.Run("convert", CliRunner.Data("networks", "NYT.inp"), "/nonexistent-folder/n.json");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("/nonexistent-folder/n.json, field 'OUT': the folder /nonexistent-folder does not exist", r.Error);
        Assert.DoesNotContain(".tmp-", r.Error);
    }

    [Fact]
    public void A_missing_input_says_file_not_found_with_the_path_as_given()
    {
        string missing = Path.Combine(CliRunner.TempDir(), "nope.json");
        var r = CliRunner.Run("paths", missing);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"error: {missing}: file not found", r.Error);
        Assert.DoesNotContain("Could not find", r.Error);
    }

    [Theory]
    [InlineData("paths")]
    [InlineData("optimize")]
    public void A_folder_given_as_the_input_file_says_it_is_a_folder(string verb)
    {
        string folder = CliRunner.TempDir();
        var r = CliRunner.Run(verb, folder);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"error: {folder}: is a folder; expected a file", r.Error);
        Assert.DoesNotContain("Access to the path", r.Error);
        Assert.DoesNotContain("file not found", r.Error);
    }

    [Fact]
    public void Dotnet_path_errors_are_reworded_naming_the_argument_as_given()
    {
        string dir = CliRunner.TempDir();
        string file = Path.Combine(dir, "g.json");
        string[] args = ["paths", Path.GetRelativePath(Environment.CurrentDirectory, file)];
        Assert.Equal($"{args[1]}: file not found", Program.PathProblem(new FileNotFoundException($"Could not find file '{file}'.", file), args));
        Assert.Equal($"{dir}: is a folder; expected a file", Program.PathProblem(new UnauthorizedAccessException($"Access to the path '{dir}' is denied."), ["paths", dir]));
        Assert.Equal($"{dir}/a/b/c.json: the folder {dir}/a does not exist",
            Program.PathProblem(new DirectoryNotFoundException($"Could not find a part of the path '{dir}/a/b/c.json'."), ["x"]));
    }

    // ---- 3. A name that is no backend is a usage error (2), not an unavailable backend (4) ----

    [Theory]
    [InlineData("foo", "")]
    [InlineData("simdd", " (did you mean simd?)")]
    [InlineData("cdua", " (did you mean cuda?)")]
    public void An_unknown_backend_exits_2_naming_the_field_and_the_valid_names(string name, string hint)
    {
        var r = CliRunner.Run("simulate", Tln, "--random-designs", "5", "--backend", name);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"field '--backend': unknown backend '{name}'; expected one of auto, scalar, simd, cuda, opencl, ilgpu-cpu{hint}\n", r.Error.Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("WDNACCEL_GPU_SCRATCH", "l2")]
    [InlineData("WDNACCEL_DEVICE", "first")]
    public void A_bad_backend_environment_variable_exits_2_naming_it(string variable, string value)
    {
        // A real process: the variable is read from the environment, which tests running in parallel share.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "simulate", Tln, "--random-designs", "5",
            "--backend", variable == "WDNACCEL_DEVICE" ? "cuda" : "ilgpu-cpu"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment[variable] = value;
        using var process = System.Diagnostics.Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 2, $"exit {process.ExitCode}: {error}");
        Assert.Contains($"{variable}='{value}'", error);
    }

    // ---- 4. Every file written is named on stderr ----

    [Theory]
    [InlineData("optimize", "--evaluations", "500", "--backend", "scalar")]
    [InlineData("simulate", "--backend", "scalar")]
    [InlineData("validate")]
    [InlineData("front", "--evaluations", "200", "--backend", "scalar")]
    public void A_verb_writing_out_names_the_file_on_stderr(string verb, params string[] options)
    {
        string path = Path.Combine(CliRunner.TempDir(), "r.json");
        var r = CliRunner.Run([verb, Tln, .. options, "--out", path]);
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}: {r.Error}");
        Assert.True(File.Exists(path));
        Assert.Contains($"wrote {path}\n", r.Error.Replace("\r\n", "\n"));
        Assert.DoesNotContain("wrote", r.Out);
    }

    [Fact]
    public void Batch_and_convert_name_every_file_they_write_on_stderr()
    {
        string dir = CliRunner.TempDir(), stream = Path.Combine(dir, "s.wdnb"), results = Path.Combine(dir, "run"), inp = Path.Combine(dir, "t.inp");
        var plan = CliRunner.Run("batch", "plan", "--scenarios", Tln, "--algorithms", "de", "--evaluations", "200", "--out", stream);
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains($"wrote {stream}", plan.Error);
        var run = CliRunner.Run("batch", stream, "--job", "optimize", "--backend", "scalar", "--out", results);
        Assert.True(run.ExitCode == 0, run.Error);
        foreach (string file in new[] { "results.msgpack", "summary.csv", "summary.json" })
            Assert.Contains($"wrote {Path.Combine(results, file)}", run.Error);
        var convert = CliRunner.Run("convert", Tln, inp);
        Assert.Equal(0, convert.ExitCode);
        Assert.Contains($"wrote {inp}", convert.Error);
    }

    [Fact]
    public void Out_to_stdout_is_not_named_as_a_file_written()
    {
        if (!OperatingSystem.IsLinux()) return;
        var r = CliRunner.Run("validate", Tln, "--out", "/dev/stdout");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("wrote", r.Error);
    }

    /// <summary>`--out /dev/stdout --json` asks for the answer on stdout once; it came twice (the file and --json).</summary>
    [Fact]
    public async Task Out_to_stdout_with_json_writes_the_answer_once()
    {
        if (!OperatingSystem.IsLinux()) return;
        string output = await RunWithRealStdout("validate", Tln, "--json", "--out", "/dev/stdout");
        using var doc = System.Text.Json.JsonDocument.Parse(output); // one document: a second would not parse
        Assert.True(doc.RootElement.TryGetProperty("warnings", out _));
    }

    /// <summary>
    /// paths chose --out's format by extension only, so /dev/stdout and a name without an extension were refused
    /// ("cannot tell the output format") where every other verb writes JSON; both now get the JSON answer.
    /// </summary>
    [Fact]
    public async Task Paths_out_to_stdout_or_a_name_without_extension_writes_json()
    {
        string graph = CliRunner.Data("graphs", "small-directed.json");
        string file = Path.Combine(CliRunner.TempDir(), "answer");
        var plain = CliRunner.Run("paths", graph, "--out", file);
        Assert.True(plain.ExitCode == 0, plain.Error);
        using (var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)))
            Assert.Equal(6, doc.RootElement.GetProperty("dist").GetArrayLength());
        if (!OperatingSystem.IsLinux()) return;
        string output = await RunWithRealStdout("paths", graph, "--backend", "scalar", "--json", "--out", "/dev/stdout");
        using var answer = System.Text.Json.JsonDocument.Parse(output); // once: a second document would not parse
        Assert.Equal(6, answer.RootElement.GetProperty("n").GetInt32());
    }

    /// <summary>wdnaccel in its own process, so that /dev/stdout is a real stdout; asserts exit 0 and returns stdout.</summary>
    private static async Task<string> RunWithRealStdout(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. args])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {error}");
        return await output;
    }

    // ---- 5. JSON syntax errors: a clean 1-based line and byte, not .NET's suffix ----

    [Theory]
    [InlineData("scenario.json", "{\"format\": \"wdnaccel-scenario\",\n  \"name\": [1, 2", "validate", "line 2, byte ")]
    [InlineData("design.json", "{\"1\": 0.5,\n \"2\": tru }", "simulate", "line 2, byte ")]
    [InlineData("model.json", "{\"objective\": [1,\n 2", "lp", "line 2, byte ")]
    public void A_json_syntax_error_names_line_and_byte_without_the_dotnet_suffix(string name, string text, string verb, string position)
    {
        string file = Path.Combine(CliRunner.TempDir(), name);
        File.WriteAllText(file, text);
        var r = verb == "simulate" ? CliRunner.Run("simulate", Tln, "--backend", "scalar", "--design", file) : CliRunner.Run(verb, file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"{file}, {position}", r.Error);
        Assert.DoesNotContain("LineNumber", r.Error);
        Assert.DoesNotContain("BytePositionInLine", r.Error);
    }

    // ---- 6. optimize --algorithm: the names listed are the names taken ----

    [Fact]
    public void An_unknown_algorithm_lists_every_name_optimize_takes_nsga2_included()
    {
        var r = CliRunner.Run("optimize", Tln, "--algorithm", "dee");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("field '--algorithm': unknown algorithm 'dee'; expected one of ga, de, cro, gacoasa, shade, nsga2 (did you mean de?)", r.Error);
        Assert.DoesNotContain("note:", r.Error); // refused before a backend is opened
    }

    /// <summary>A value that looks like an option but names none gets a hint; plan's --out is a file even when
    /// the parser failed on another option.</summary>
    [Fact]
    public void Missing_value_messages_hint_at_dash_values_and_know_plans_out_file()
    {
        var r = CliRunner.Run("paths", CliRunner.Data("graphs", "small-directed.json"), "--from", "-A");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--from needs a value; a value starting with '-' is written --from=-A", r.Error);
        r = CliRunner.Run("batch", "plan", "--scenarios", "x", "--replicates", "abc", "--out");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out needs a file name", r.Error);
    }

    [Fact]
    public void Every_algorithm_listed_is_accepted_by_optimize()
    {
        foreach (string algorithm in OptimizeVerb.Algorithms)
        {
            // The front algorithm takes no --no-refine (it has no least-cost design to refine).
            string[] refine = algorithm == OptimizeVerb.FrontAlgorithm ? [] : ["--no-refine"];
            var r = CliRunner.Run(["optimize", Tln, "--algorithm", algorithm, "--evaluations", "300", "--population", "10", "--backend", "scalar", .. refine, "--json"]);
            Assert.True(r.ExitCode is 0 or 3, $"{algorithm}: exit {r.ExitCode}: {r.Error}");
        }
    }
}
