using WdnAccel.Core.Io;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Optimizers;

/// <summary>
/// The optimizers by their CLI names: ga, de, cro, gacoasa, shade. One table: the names listed in errors, help texts,
/// completions and the scenario format's <c>solver.algorithm</c> are the names <see cref="Create"/> takes.
/// </summary>
public static class OptimizerCatalog
{
    private static readonly (string Name, string[] Aliases, Func<IOptimizer> Create)[] Table =
    [
        ("ga", [], () => new GeneticAlgorithm()),
        ("de", [], () => new DifferentialEvolution()),
        ("cro", [], () => new CoralReefOptimization()),
        ("gacoasa", ["ga-coa-sa"], () => new GaCoaSa()),
        ("shade", [], () => new Shade()),
    ];

    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>
    /// <see cref="Names"/> as help texts list them ("ga, de, cro, gacoasa, shade"): a constant, because option and verb
    /// help texts are attribute arguments. A test holds it equal to <see cref="Names"/>.
    /// </summary>
    public const string NameList = "ga, de, cro, gacoasa, shade";

    /// <summary>The multi-objective optimizer (NSGA-II) that `front` runs and `optimize --algorithm` also takes.</summary>
    public const string FrontAlgorithm = "nsga2";

    /// <summary>The CLI name <paramref name="name"/> stands for (case-insensitive, aliases included), or null when it names no optimizer.</summary>
    public static string? Canonical(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        foreach (var (n, aliases, _) in Table)
            if (n == key || aliases.Contains(key)) return n;
        return null;
    }

    /// <summary>
    /// "unknown algorithm 'X'; expected one of A, B, … (did you mean B?)": one wording for every list of algorithm names
    /// (<paramref name="accepted"/>, <see cref="Names"/> when not given) that a command or file refuses a name from.
    /// </summary>
    public static string UnknownAlgorithm(string name, IReadOnlyList<string>? accepted = null)
    {
        accepted ??= Names;
        return $"unknown algorithm '{name}'; expected one of {string.Join(", ", accepted)}{NearestName.Hint(name.Trim(), accepted)}";
    }

    /// <summary>
    /// Why <paramref name="name"/> is none of the least-cost optimizers (<see cref="Names"/>), or null when it is one:
    /// <see cref="FrontAlgorithm"/>, which only `optimize` and `front` take, with <paramref name="frontReason"/> (what
    /// the caller cannot do with a front); any other name in <see cref="UnknownAlgorithm"/>'s words.
    /// </summary>
    public static string? NotLeastCost(string name, string frontReason) =>
        Canonical(name) is not null ? null
        : string.Equals(name.Trim(), FrontAlgorithm, StringComparison.OrdinalIgnoreCase) ? $"{FrontAlgorithm} {frontReason}; expected one of {NameList}"
        : UnknownAlgorithm(name);

    /// <summary>
    /// A new optimizer for <paramref name="name"/> (case-insensitive); <see cref="ArgumentException"/> with
    /// <see cref="UnknownAlgorithm"/>'s words otherwise (no parameter-name tail: callers show the message as it is).
    /// </summary>
    public static IOptimizer Create(string name) =>
        Canonical(name) is { } known ? Table.First(t => t.Name == known).Create()
        : throw new ArgumentException(UnknownAlgorithm(name));

    /// <summary>
    /// Why <paramref name="algorithm"/> refuses the parameter <paramref name="name"/> = <paramref name="value"/> (an
    /// unknown name, or a value outside its range), in the words its run would refuse it with; null when it takes it.
    /// Lets a command check a parameter before the run and name where it came from (an option, a scenario's field).
    /// </summary>
    public static string? ParameterProblem(string algorithm, string name, double value)
    {
        var optimizer = Create(algorithm);
        return ResolvedParameters.Problem(optimizer.Name, optimizer.Parameters, name, value);
    }

    /// <summary>
    /// Refuses the first of a scenario's solver.parameters for <paramref name="algorithm"/> that it would refuse
    /// (<see cref="ParameterProblem"/>), naming <paramref name="file"/> and <c>solver.parameters.NAME</c>; parameters an
    /// option gives instead (<paramref name="replaced"/>) are not the scenario's to answer for.
    /// </summary>
    public static void CheckScenarioParameters(SolverSettings? solver, string algorithm, string file, Func<string, bool> replaced)
    {
        if (solver is null) return;
        foreach (var (name, value) in solver.ParametersFor(algorithm))
        {
            if (!replaced(name) && ParameterProblem(algorithm, name, value) is { } problem)
                throw new InvalidInputException(problem, file, field: $"solver.parameters.{name}");
        }
    }
}
