using System.Globalization;
using WdnAccel.Core.Io;
using WdnAccel.Core.Io.Scenarios;
using WdnAccel.Core.Model;

namespace WdnAccel.Core.Batch;

/// <summary>
/// A solver-variant study as a `.wdnb` stream: every scenario × algorithm × replicate × demand multiplier becomes one
/// scenario, named <c>NAME|ALGORITHM|demand=M|seed=R</c> (the job id; summaries group replicates by the name without
/// its seed segment), with the algorithm and budget in its solver block and the multiplier applied to the network's
/// demand multiplier. Written whole via temporary file + rename.
/// </summary>
public static class BatchPlan
{
    public const string SeedSegment = "seed=";

    public sealed record Options(IReadOnlyList<string> Scenarios, IReadOnlyList<string> Algorithms, int Replicates,
        IReadOnlyList<double> DemandMultipliers, long? Evaluations, bool Compress = false);

    /// <returns>Scenarios written.</returns>
    public static int Write(Options options, string path)
    {
        int count = 0;
        var variants = Variants(options); // loads and checks the scenarios before the output is touched
        AtomicFile.Write(path, temp =>
        {
            using var writer = ScenarioBatchWriter.Create(temp, options.Compress);
            foreach (var variant in variants)
            {
                writer.Write(variant);
                count++;
            }
        });
        return count;
    }

    /// <summary>
    /// The study's scenarios in order (scenario, algorithm, demand multiplier, replicate), built one at a time from the
    /// base scenarios, which are loaded and checked when this is called.
    /// </summary>
    public static IEnumerable<Scenario> Variants(Options options)
    {
        if (options.Scenarios.Count == 0) throw new InvalidInputException("name at least one scenario", field: "--scenarios");
        if (options.Replicates < 1) throw new InvalidInputException($"--replicates must be >= 1, got {options.Replicates}", field: "--replicates");
        foreach (double m in options.DemandMultipliers)
            if (!(m > 0) || !double.IsFinite(m)) throw new InvalidInputException($"demand multipliers must be positive numbers, got {m}", field: "--demand-multipliers");
        if (options.Evaluations is <= 0) throw new InvalidInputException($"--evaluations must be positive, got {options.Evaluations}", field: "--evaluations");
        var bases = options.Scenarios.Select(f => (File: f, Scenario: ScenarioFile.Load(f).Scenario)).ToList();
        return Expand(bases, options);
    }

    private static IEnumerable<Scenario> Expand(List<(string File, Scenario Scenario)> bases, Options options)
    {
        foreach (var (file, scenario) in bases)
        {
            var algorithms = options.Algorithms.Count > 0 ? options.Algorithms : [scenario.Solver?.Algorithm ?? "de"];
            foreach (string algorithm in algorithms)
            {
                foreach (double m in options.DemandMultipliers.DefaultIfEmpty(1.0))
                {
                    for (int r = 1; r <= options.Replicates; r++) yield return Variant(file, scenario, algorithm, m, r, options.Evaluations);
                }
            }
        }
    }

    /// <summary>
    /// One variant of <paramref name="scenario"/> (loaded from <paramref name="file"/>): its name is the job id
    /// <c>NAME|ALGORITHM|demand=M|seed=R</c>, the solver block runs <paramref name="algorithm"/> (keeping the
    /// scenario's parameters only when it is the scenario's own algorithm), and demands are scaled by
    /// <paramref name="demandMultiplier"/>.
    /// </summary>
    public static Scenario Variant(string file, Scenario scenario, string algorithm, double demandMultiplier, int replicate, long? evaluations)
    {
        string name = string.IsNullOrEmpty(scenario.Name) ? Path.GetFileNameWithoutExtension(file) : scenario.Name;
        return scenario with
        {
            Name = string.Join("|", name, algorithm, $"demand={demandMultiplier.ToString("R", CultureInfo.InvariantCulture)}", $"{SeedSegment}{replicate}"),
            Network = scenario.Network with { Options = scenario.Network.Options with { DemandMultiplier = scenario.Network.Options.DemandMultiplier * demandMultiplier } },
            Solver = new SolverSettings
            {
                Algorithm = algorithm,
                Evaluations = evaluations ?? scenario.Solver?.Evaluations,
                Parameters = scenario.Solver?.ParametersFor(algorithm) ?? new Dictionary<string, double>(),
            },
        };
    }
}
