using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Optimizers;
using WdnAccel.Core.Reports;
using WdnAccel.Tests.Shared;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// The optimizer names are one table (<see cref="OptimizerCatalog"/>): the help texts' constant list, the scenario
/// format's solver.algorithm and the refusals all come from it, and refusals carry no .NET residue.
/// </summary>
public sealed class OptimizerCatalogListsTests
{
    [Fact]
    public void The_help_text_list_is_the_catalog()
    {
        Assert.Equal(OptimizerCatalog.NameList, string.Join(", ", OptimizerCatalog.Names));
        Assert.DoesNotContain(OptimizerCatalog.FrontAlgorithm, OptimizerCatalog.Names);
    }

    [Fact]
    public void An_unknown_algorithm_is_refused_without_a_parameter_name_tail()
    {
        var e = Assert.Throws<ArgumentException>(() => OptimizerCatalog.Create("foo"));
        Assert.Equal("unknown algorithm 'foo'; expected one of ga, de, cro, gacoasa, shade (did you mean cro?)", e.Message);
        Assert.DoesNotContain("(Parameter", e.Message);
    }

    [Theory]
    [InlineData("ga", "population", 50.5)]
    [InlineData("ga", "tournament", 2.5)]
    [InlineData("ga", "single_point", 0.5)]
    [InlineData("shade", "memory", 5.25)]
    [InlineData("gacoasa", "generations", 10.1)]
    public void Counts_and_switches_refuse_fractions_that_would_run_rounded(string algorithm, string name, double value)
    {
        Assert.Equal($"{algorithm}: parameter '{name}' = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be a whole number",
            OptimizerCatalog.ParameterProblem(algorithm, name, value));
        Assert.Null(OptimizerCatalog.ParameterProblem(algorithm, name, Math.Ceiling(value)));
        // A rate takes any value in its range.
        Assert.Null(OptimizerCatalog.ParameterProblem("ga", "mutation_rate", 0.5));
    }

    [Fact]
    public void Every_parameter_read_as_a_count_is_declared_whole()
    {
        // The optimizers read counts and switches through ResolvedParameters.Int: every name they read that way must
        // be declared Whole, or a fraction would pass the check and run rounded down.
        string root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/WdnAccel.Core/Optimizers"));
        foreach (string file in Directory.GetFiles(root, "*.cs"))
        {
            string source = File.ReadAllText(file);
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(source, @"\bInt\(""([a-z_0-9]+)""\)"))
            {
                string name = m.Groups[1].Value;
                foreach (string algorithm in OptimizerCatalog.Names)
                {
                    var spec = OptimizerCatalog.Create(algorithm).Parameters.FirstOrDefault(p => p.Name == name);
                    if (spec is not null && source.Contains($"new(\"{name}\"", StringComparison.Ordinal)) Assert.True(spec.Whole, $"{algorithm}.{name} in {Path.GetFileName(file)}");
                }
            }
        }
    }

    [Fact]
    public void A_parameter_is_checked_in_the_words_of_the_run()
    {
        Assert.Null(OptimizerCatalog.ParameterProblem("de", "population", 50));
        Assert.Equal("de: parameter 'population' = 3 is outside [4, 1000000]", OptimizerCatalog.ParameterProblem("DE", "population", 3));
        Assert.StartsWith("shade: unknown parameter 'p_mx'; known: ", OptimizerCatalog.ParameterProblem("shade", "p_mx", 0.1));
        Assert.EndsWith("(did you mean p_max?)", OptimizerCatalog.ParameterProblem("shade", "p_mx", 0.1));
        // The run refuses the same value with the same words.
        var e = Assert.Throws<ArgumentException>(() => OptimizerCatalog.Create("de").Run(new SeparableProblem(4),
            new OptimizerSettings { MaxEvaluations = 100, PopulationSize = 3 }));
        Assert.Contains(OptimizerCatalog.ParameterProblem("de", "population", 3)!, e.Message);
    }

    [Theory]
    [InlineData("\"algorithm\": \"foo\"", "field 'solver.algorithm': unknown algorithm 'foo'; expected one of ga, de, cro, gacoasa, shade (did you mean cro?)")]
    [InlineData("\"algorithm\": \"nsga2\"", "field 'solver.algorithm': unknown algorithm 'nsga2'; expected one of ga, de, cro, gacoasa, shade")]
    [InlineData("\"evaluations\": 0", "field 'solver.evaluations': expected an integer ≥ 1, got 0")]
    public void A_scenario_solver_block_is_checked_where_it_is_read(string field, string expected)
    {
        string json = $$"""{ "format": "wdnaccel-scenario", "version": 1, "solver": { {{field}} } }""";
        var e = Assert.Throws<InvalidInputException>(() => ScenarioCodec.ReadJson(json, "s.json"));
        Assert.StartsWith("s.json", e.Message);
        Assert.EndsWith(expected, e.Message);
    }

    [Theory]
    [InlineData("GA-COA-SA")]
    [InlineData("Shade")]
    [InlineData("de")]
    public void Every_catalog_name_and_alias_is_a_valid_solver_algorithm(string name)
    {
        string json = $$"""{ "format": "wdnaccel-scenario", "version": 1, "solver": { "algorithm": "{{name}}", "evaluations": 1 } }""";
        Assert.Equal(name, ScenarioCodec.ReadJson(json, "s.json").Solver!.Algorithm);
    }

    [Fact]
    public void The_format_document_lists_every_catalog_name_for_solver_algorithm()
    {
        string doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "scenario-format.md"));
        string row = doc.Split('\n').Single(l => l.StartsWith("| `algorithm` |", StringComparison.Ordinal));
        Assert.All(OptimizerCatalog.Names, n => Assert.Contains($"`{n}`", row));
    }

    [Theory]
    [InlineData(1.111, "+1.11")]
    [InlineData(-1.666, "-1.67")]
    [InlineData(-0.001, "+0.00")]
    [InlineData(-0.0, "+0.00")]
    [InlineData(0.004, "+0.00")]
    [InlineData(double.NaN, "NaN")]
    public void A_signed_number_has_one_sign(double value, string expected)
    {
        Assert.Equal(expected, SignedNumber.Format(value));
    }
}
