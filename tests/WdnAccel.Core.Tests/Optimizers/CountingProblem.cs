using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// Test problem base: scores genomes one by one, records every Evaluate call's batch size, rejects genomes outside
/// the catalog, and remembers the 1-based evaluation index at which the first genome with Cost ≤ <see cref="Watch"/> appeared.
/// </summary>
public abstract class CountingProblem : IProblem
{
    public List<int> BatchSizes { get; } = [];
    /// <summary>Every call's results, in call order.</summary>
    public List<Evaluation[]> Calls { get; } = [];
    /// <summary>Every call's genomes (row-major copies), in call order.</summary>
    public List<int[]> Genomes { get; } = [];
    public long Evaluated { get; private set; }
    public double? Watch { get; init; }
    public long? FirstAtOrBelowWatch { get; private set; }

    public abstract int Dimensions { get; }
    public abstract int Options(int dimension);
    protected abstract Evaluation Score(ReadOnlySpan<int> genome);

    public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<Evaluation> results)
    {
        Assert.True(count > 0, "Evaluate called with an empty batch");
        Assert.True(genomes.Length >= count * Dimensions);
        Assert.True(results.Length >= count);
        BatchSizes.Add(count);
        for (int g = 0; g < count; g++)
        {
            var genome = genomes.Slice(g * Dimensions, Dimensions);
            for (int d = 0; d < Dimensions; d++)
                if (genome[d] < 0 || genome[d] >= Options(d))
                    throw new InvalidOperationException($"gene {d} = {genome[d]} outside [0, {Options(d)})");
            results[g] = Score(genome);
            Evaluated++;
            if (Watch is double w && FirstAtOrBelowWatch is null && results[g].Valid && results[g].Feasible && results[g].Cost <= w)
                FirstAtOrBelowWatch = Evaluated;
        }
        Calls.Add(results[..count].ToArray());
        Genomes.Add(genomes[..(count * Dimensions)].ToArray());
    }
}
