using System.Text.Json;
using WdnAccel.Cli;

namespace WdnAccel.Cli.Tests.Verbs;

public class LpVerbTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Program.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string Temp(string name, string content)
    {
        string dir = Path.Combine(Path.GetTempPath(), "wdnaccel-lp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    internal static string RepoFile(string relative) => Path.Combine(RepoPaths.Root, relative);

    private const string Thirds = """
        {"variables": [{"name": "x", "type": "continuous", "lb": 0}, {"name": "y", "type": "continuous", "lb": 0}],
         "objective": {"sense": "maximize", "coefficients": {"x": 1, "y": 1}},
         "constraints": [{"name": "a", "coefficients": {"x": "1/3", "y": 1}, "sense": "<=", "rhs": 1},
                         {"name": "b", "coefficients": {"x": 1, "y": 0.3333333333333333333}, "sense": "<=", "rhs": 1}]}
        """;

    [Fact]
    public void JsonAnswerIsExactAndCertified()
    {
        var (code, output, _) = Run("lp", Temp("m.json", Thirds.Replace("0.3333333333333333333", "\"1/3\"")), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.Equal("3/2", root.GetProperty("objective_exact").GetString());
        Assert.Equal("3/4", root.GetProperty("solution_exact").GetProperty("y").GetString());
        Assert.Equal("3/4", root.GetProperty("duals_exact").GetProperty("b").GetString());
        Assert.True(root.GetProperty("certified").GetBoolean());
    }

    [Fact]
    public void DecimalCoefficientIsNotOneThird()
    {
        // 0.3333333333333333333 is read exactly, so the optimum is not 3/2: the verifier sees the decimal's value.
        var (code, output, _) = Run("lp", Temp("m.json", Thirds), "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var exact = doc.RootElement.GetProperty("objective_exact").GetString();
        Assert.NotEqual("3/2", exact);
        Assert.StartsWith("1.5", doc.RootElement.GetProperty("objective_value").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void HumanOutputShowsStatusObjectiveSolutionAndCertificate()
    {
        var (code, output, _) = Run("lp", RepoFile("data/lp/supply-allocation-request.json"));
        Assert.Equal(0, code);
        Assert.Contains("status: optimal", output);
        Assert.Contains("objective: 989 (exact 989)", output);
        Assert.Contains("certified: true", output);
        Assert.Contains("sp_0_0 = 30", output);
        Assert.DoesNotContain("sp_0_1 =", output); // zero values are not listed
    }

    [Fact]
    public void InfeasibleExitsThreeWithFarkasCertificate()
    {
        const string lp = "Minimize\n obj: x + y\nSubject To\n cap: x + y <= 1\n need: x + y >= 2\nEnd\n";
        var (code, output, _) = Run("lp", Temp("inf.lp", lp), "--json");
        Assert.Equal(3, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("infeasible", doc.RootElement.GetProperty("status").GetString());
        Assert.True(doc.RootElement.GetProperty("certified").GetBoolean());
        Assert.Equal("farkas", doc.RootElement.GetProperty("certificate").GetProperty("type").GetString());
    }

    [Fact]
    public void UnboundedExitsThreeWithRay()
    {
        const string mps = "NAME u\nOBJSENSE\n    MAX\nROWS\n N obj\n L r\nCOLUMNS\n x obj 1 r 1\n y obj 1 r -1\nRHS\n RHS r 1\nENDATA\n";
        var (code, output, _) = Run("lp", Temp("unb.mps", mps));
        Assert.Equal(3, code);
        Assert.Contains("status: unbounded", output);
        Assert.Contains("unbounded ray", output);
        Assert.Contains("certified: true", output);
    }

    [Fact]
    public void NoExactGivesFloatingAnswerOnly()
    {
        var (code, output, _) = Run("lp", RepoFile("data/lp/supply-allocation-request.json"), "--json", "--no-exact");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(989, doc.RootElement.GetProperty("objective_value").GetDouble(), 6);
        Assert.False(doc.RootElement.GetProperty("certified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("objective_exact").ValueKind);
    }

    [Fact]
    public void OutFileAndWriteModelRoundTrip()
    {
        string dir = Path.GetDirectoryName(Temp("x.txt", ""))!;
        string result = Path.Combine(dir, "r.json"), mps = Path.Combine(dir, "m.mps");
        var (code, output, _) = Run("lp", RepoFile("data/lp/supply-allocation-request.json"), "--json", "--out", result, "--write-model", mps);
        Assert.Equal(0, code);
        // --out writes the answer besides the normal output: with --json the same document on stdout.
        Assert.Equal(File.ReadAllText(result), output);
        Assert.Contains("\"objective_exact\": \"989\"", File.ReadAllText(result));
        // Without --json the file named .json gets JSON and stdout the text report.
        var (_, text, _) = Run("lp", RepoFile("data/lp/supply-allocation-request.json"), "--out", result);
        Assert.Contains("exact 989", text);
        Assert.StartsWith("{", File.ReadAllText(result));
        var (code2, output2, _) = Run("lp", mps);
        Assert.Equal(0, code2);
        Assert.Contains("exact 989", output2);
    }

    [Fact]
    public void A_milp_cut_off_by_max_nodes_is_labelled_node_limit_with_a_warning_in_its_json()
    {
        string dir = Path.GetDirectoryName(Temp("x.txt", ""))!;
        string model = Path.Combine(dir, "seasons.lp");
        Assert.Equal(0, Run("allocate", RepoFile("data/scenarios/supply-seasons.json"), "--write-model", model).Code);
        var (full, fullOut, _) = Run("lp", model, "--json");
        Assert.Equal(0, full);
        using var optimal = JsonDocument.Parse(fullOut);
        Assert.True(optimal.RootElement.GetProperty("branch_and_bound_nodes").GetInt32() > 1, "the model must need more than its root");

        var (code, output, err) = Run("lp", model, "--json", "--max-nodes", "1");
        Assert.Equal(1, code);
        Assert.Contains("node limit 1", err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("node_limit", doc.RootElement.GetProperty("status").GetString());
        Assert.False(doc.RootElement.GetProperty("certified").GetBoolean());
        Assert.Contains(doc.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "node_limit");
        // The best answer found is kept, and it cannot beat the proven optimum.
        Assert.True(doc.RootElement.GetProperty("objective_value").GetDouble() >= optimal.RootElement.GetProperty("objective_value").GetDouble() - 1e-6);

        var (bad, _, badErr) = Run("lp", model, "--max-nodes", "0");
        Assert.Equal(2, bad);
        Assert.Contains("--max-nodes", badErr);

        var (timed, timedOut, _) = Run("lp", model, "--json", "--time-limit", "1e-9");
        Assert.Equal(1, timed);
        using var stopped = JsonDocument.Parse(timedOut);
        Assert.Equal("time_limit", stopped.RootElement.GetProperty("status").GetString());
        Assert.Contains(stopped.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "time_limit");
        foreach (string wrong in new[] { "0", "-1", "NaN" })
        {
            var (code2, _, err2) = Run("lp", model, "--time-limit", wrong);
            Assert.Equal(2, code2);
            Assert.Contains("--time-limit", err2);
        }
    }

    [Fact]
    public void A_write_model_path_in_a_missing_folder_is_refused_before_the_work()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"wdnaccel-missing-{Guid.NewGuid():N}", "m.mps");
        var (code, output, err) = Run("lp", RepoFile("data/lp/supply-allocation-request.json"), "--write-model", missing);
        Assert.Equal(2, code);
        Assert.Contains("--write-model", err);
        Assert.Contains("does not exist", err);
        Assert.DoesNotContain("989", output); // refused before solving
    }

    [Theory]
    [InlineData("bad.json", "{\"variables\": [{\"name\": \"x\", \"lb\": \"oops\"}], \"objective\": {}}", "variables[x].lb")]
    [InlineData("bad.mps", "NAME t\nROWS\n N obj\n", "ENDATA")]
    [InlineData("bad.lp", "Minimize\n obj: x\nSubject To\n c: x >= one\nEnd\n", "line 4")]
    [InlineData("int.json", "{\"variables\": [{\"name\": \"n\", \"type\": \"integer\", \"ub\": [1]}], \"objective\": {}}", "variables[n].ub")]
    [InlineData("model.xyz", "whatever", "unknown LP format")]
    public void BadInputExitsTwoWithLocatedMessage(string name, string content, string expected)
    {
        var (code, _, err) = Run("lp", Temp(name, content));
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Contains(name, err);
    }

    [Theory]
    [InlineData("data/lp/wyndor.lp", 0, "36")]        // Hillier & Lieberman's textbook optimum
    [InlineData("data/lp/beale.mps", 0, "-5/4")]      // Beale's cycling example
    [InlineData("data/lp/thirds.json", 0, "3/2")]     // x = y = 3/4 by symmetry
    [InlineData("data/lp/infeasible.json", 3, null)]  // x + y ≤ 1 and x + y ≥ 2.5
    public void BundledExamplesSolveToTheirKnownOptima(string file, int exit, string? objective)
    {
        var (code, output, _) = Run("lp", RepoFile(file), "--json");
        Assert.Equal(exit, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("certified").GetBoolean());
        if (objective is not null) Assert.Equal(objective, doc.RootElement.GetProperty("objective_exact").GetString());
    }

    /// <summary>
    /// A model without variables is not written in any format: exit 2 naming the output file, nothing written. With rows
    /// and no variables the LP writer had failed with an internal error (it needs a variable to write an empty row).
    /// </summary>
    [Theory]
    [InlineData("out.lp", "[]")]
    [InlineData("out.lp", "[{\"name\": \"c\", \"coefficients\": {}, \"sense\": \">=\", \"rhs\": -1}]")]
    [InlineData("out.mps", "[{\"name\": \"c\", \"coefficients\": {}, \"sense\": \">=\", \"rhs\": -1}]")]
    [InlineData("out.json", "[]")]
    public void A_model_without_variables_is_not_written(string output, string constraints)
    {
        string model = Temp("empty.json", $"{{\"variables\": [], \"objective\": {{}}, \"constraints\": {constraints}}}");
        string target = Path.Combine(Path.GetDirectoryName(model)!, output);
        var (code, _, err) = Run("lp", model, "--write-model", target);
        Assert.Equal(2, code);
        Assert.Contains($"{target}: the model has no variables, so there is no model to write", err);
        Assert.DoesNotContain("internal error", err);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_name_the_output_format_cannot_hold_is_refused_naming_the_output()
    {
        string model = Temp("end.json", "{\"variables\": [{\"name\": \"end\", \"ub\": 3}], \"objective\": {\"sense\": \"maximize\", \"coefficients\": {\"end\": 1}}}");
        string target = Path.Combine(Path.GetDirectoryName(model)!, "out.lp");
        var (code, _, err) = Run("lp", model, "--write-model", target);
        Assert.Equal(2, code);
        Assert.Contains($"{target}: the CPLEX LP format cannot hold the variable name 'end'", err);
        Assert.False(File.Exists(target));
        // The same model as MPS holds the name and reads back to the same optimum.
        string mps = Path.ChangeExtension(target, ".mps");
        Assert.Equal(0, Run("lp", model, "--write-model", mps).Code);
        Assert.Contains("objective: 3 (exact 3)", Run("lp", mps).Out);
    }

    /// <summary>
    /// 2x − 2y = 1 over free integers: the relaxation is unbounded, the model has no integer point. It had been answered
    /// "unbounded" (exit 3, uncertified) after a search cut short; the gcd of the row now proves it infeasible.
    /// </summary>
    [Fact]
    public void An_integer_row_whose_gcd_does_not_divide_its_right_hand_side_is_infeasible()
    {
        const string lp = "Minimize\n obj: x\nSubject To\n c1: 2 x - 2 y = 1\nBounds\n x free\n y free\nGeneral\n x\n y\nEnd\n";
        string model = Temp("odd.lp", lp);
        var (code, output, _) = Run("lp", model, "--json");
        Assert.Equal(3, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("infeasible", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("certified").GetBoolean());
        var certificate = root.GetProperty("certificate");
        Assert.Equal("divisibility", certificate.GetProperty("type").GetString());
        Assert.Equal("c1", certificate.GetProperty("row").GetString());
        Assert.Equal("2", certificate.GetProperty("gcd").GetString());
        var (_, text, _) = Run("lp", model);
        Assert.Contains("status: infeasible", text);
        Assert.Contains("row c1 is integer or fixed, so its activity is its fixed part plus a multiple of 2", text);
    }

    /// <summary>
    /// A search stopped at a limit before it found an integer point or proved there is none (x = 2y = 2z + 1 needs many
    /// nodes to be proven infeasible) says so: status node_limit or time_limit, exit 1, a warning, no solution and no
    /// objective. It had been labelled iteration_limit, with no warning and "the answer is the best found".
    /// </summary>
    [Fact]
    public void A_search_stopped_before_any_integer_point_reports_its_limit_and_no_answer()
    {
        const string lp = "Minimize\n obj: x\nSubject To\n c1: x - 2 y = 0\n c2: x - 2 z = 1\nBounds\n x <= 100\n y <= 100\n z <= 100\nGeneral\n x\n y\n z\nEnd\n";
        string model = Temp("parity.lp", lp);
        Assert.Equal(3, Run("lp", model).Code); // the whole search proves it infeasible
        foreach (var (option, value, status) in new[] { ("--max-nodes", "3", "node_limit"), ("--time-limit", "1e-9", "time_limit") })
        {
            var (code, output, err) = Run("lp", model, "--json", option, value);
            Assert.Equal(1, code);
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            Assert.Equal(status, root.GetProperty("status").GetString());
            Assert.False(root.GetProperty("certified").GetBoolean());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("objective_value").ValueKind);
            Assert.Equal(JsonValueKind.Null, root.GetProperty("solution_exact").ValueKind);
            Assert.False(root.TryGetProperty("solution", out _));
            Assert.Contains("no integer point was found", root.GetProperty("certificate_failure").GetString());
            Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == status);
            Assert.Contains("no integer point was found", err);
            var (_, text, _) = Run("lp", model, option, value);
            Assert.Contains($"status: {status}", text);
            Assert.Contains("no integer point found before the search stopped", text);
            Assert.DoesNotContain("NaN", text);
            Assert.DoesNotContain("best solution found", text);
        }
    }

    /// <summary>Behind an unbounded relaxation the search for an integer point is kept short; cut short, the answer is
    /// node_limit (exit 1), not "unbounded" (exit 3), and the warning does not send the user to --max-nodes.</summary>
    [Fact]
    public void An_unbounded_relaxation_whose_integer_point_search_is_cut_short_is_a_node_limit()
    {
        const string lp = "Minimize\n obj: x\nSubject To\n c1: x - 2 y = 0\n c2: x - 2 z = 1\nBounds\n x free\n y free\n z free\nGeneral\n x\n y\n z\nEnd\n";
        var (code, output, err) = Run("lp", Temp("free-parity.lp", lp), "--json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("node_limit", doc.RootElement.GetProperty("status").GetString());
        Assert.Contains("the LP relaxation is unbounded", err);
        Assert.DoesNotContain("raise --max-nodes", err);
    }

    [Fact]
    public void MissingFileExitsTwo()
    {
        var (code, _, err) = Run("lp", "/nonexistent/model.json");
        Assert.Equal(2, code);
        Assert.Contains("model.json", err);
    }
}
