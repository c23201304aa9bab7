using System.Diagnostics;
using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>Hydraulic throughput on random catalog designs (`simulate --random-designs`): solves per second and the feasible share.</summary>
public static class RandomDesignThroughput
{
    /// <summary>Outcome of a random-design run.</summary>
    public sealed record Outcome(long Solves, double Seconds, long Designs, long Feasible, long Failed);

    /// <summary>
    /// Solves <paramref name="designs"/> uniformly random catalog designs × every demand case through
    /// <see cref="PipeSizingProblem"/>, <paramref name="batchDesigns"/> candidates per backend call (the same path
    /// `optimize` takes). Feasible: every case converged and meets the pressure, head and velocity limits;
    /// failed: a design with a singular or non-converged case.
    /// </summary>
    public static Outcome Run(CompiledNetwork net, DesignSpec design, int designs, int seed, int batchDesigns, IComputeBackend backend)
    {
        using var problem = new PipeSizingProblem(net, design, backend);
        var rng = new Xoshiro256StarStar((ulong)seed);
        int d = problem.Dimensions;
        var genomes = new int[batchDesigns * d];
        var options = Enumerable.Range(0, d).Select(problem.Options).ToArray();
        var results = new Evaluation[batchDesigns];
        long feasible = 0, failed = 0;
        var sw = Stopwatch.StartNew();
        for (int done = 0; done < designs; done += batchDesigns)
        {
            int count = Math.Min(batchDesigns, designs - done);
            Draw(rng, options, genomes, count);
            problem.Evaluate(genomes, count, results);
            for (int c = 0; c < count; c++)
            {
                if (!results[c].Valid) failed++;
                else if (results[c].Feasible) feasible++;
            }
        }
        return new Outcome(problem.Solves, sw.Elapsed.TotalSeconds, designs, feasible, failed);
    }

    /// <summary>
    /// The next <paramref name="count"/> random designs into <paramref name="genomes"/>: each decision uniform over its
    /// <paramref name="options"/>. One stream from the seed, so any caller drawing from the same seed gets the same designs.
    /// </summary>
    public static void Draw(Xoshiro256StarStar rng, int[] options, Span<int> genomes, int count)
    {
        int d = options.Length;
        for (int g = 0, i = 0; g < count; g++)
            for (int j = 0; j < d; j++, i++) genomes[i] = rng.NextInt(options[j]);
    }
}
