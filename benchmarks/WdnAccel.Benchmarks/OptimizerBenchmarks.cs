using BenchmarkDotNet.Attributes;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Benchmarks;

/// <summary>
/// Optimizer overhead (selection, variation, replacement, bookkeeping) per evaluated candidate, with a fitness so
/// cheap (Σ|x_d − t_d|, O(D)) that the time is the optimizer's own. <see cref="FitnessOnly"/> is that fitness alone
/// over the same number of random genomes, to subtract. Each invocation spends exactly 10,000 evaluations, so the
/// reported time per operation is per evaluation. D = 34 is Hanoi's decision-pipe count, 454 Balerma's.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class OptimizerBenchmarks
{
    private const int Budget = 10_000;

    [Params("ga", "de", "cro", "gacoasa")]
    public string Algorithm { get; set; } = "ga";

    [Params(34, 454)]
    public int Dimensions { get; set; }

    private CheapProblem _problem = null!;
    private IOptimizer _optimizer = null!;
    private int[] _genomes = [];
    private Evaluation[] _results = [];

    [GlobalSetup]
    public void Setup()
    {
        _problem = new CheapProblem(Dimensions);
        _optimizer = OptimizerCatalog.Create(Algorithm);
        var rng = new Xoshiro256StarStar(7);
        _genomes = new int[Budget * Dimensions];
        for (int i = 0; i < _genomes.Length; i++) _genomes[i] = rng.NextInt(CheapProblem.OptionCount);
        _results = new Evaluation[Budget];
    }

    [Benchmark(OperationsPerInvoke = Budget)]
    public double Optimize() =>
        _optimizer.Run(_problem, new OptimizerSettings { Seed = 1, MaxEvaluations = Budget }).Best.Fitness;

    [Benchmark(OperationsPerInvoke = Budget, Baseline = true)]
    public double FitnessOnly()
    {
        _problem.Evaluate(_genomes, Budget, _results);
        return _results[^1].Fitness;
    }

    /// <summary>Σ|x_d − t_d| with 14 options per variable (the two-loop catalog size).</summary>
    private sealed class CheapProblem(int dimensions) : IProblem
    {
        public const int OptionCount = 14;

        public int Dimensions => dimensions;

        public int Options(int dimension) => OptionCount;

        public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
        {
            for (int g = 0; g < count; g++)
            {
                var genome = genomes.Slice(g * dimensions, dimensions);
                int s = 0;
                for (int d = 0; d < genome.Length; d++) s += Math.Abs(genome[d] - (d % OptionCount));
                results[g] = new Evaluation(s, s, true);
            }
        }
    }
}
