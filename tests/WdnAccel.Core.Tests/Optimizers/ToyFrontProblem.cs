using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// A small two-objective test problem whose front is brute-forced: four genes in 0..5, cost Σ w_d·x_d (w = 1, 2, 3,
/// 4) against shortfall Σ (5 − x_d)², both minimized; feasible when Σ x_d ≥ 4 (violation 4 − Σ x_d). The dearest
/// design (all 5, the front's zero-shortfall end) cannot be scored (NaN violation): a trap that must never be
/// returned. Counts calls and batch sizes.
/// </summary>
public sealed class ToyFrontProblem : IMultiObjectiveProblem
{
    private static readonly int[] Weights = [1, 2, 3, 4];
    public const int Genes = 4, Sizes = 6;

    public List<int> BatchSizes { get; } = [];

    public int Dimensions => Genes;
    public int Options(int dimension) => Sizes;
    public int Objectives => 2;

    public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<double> objectives, Span<double> violation)
    {
        Assert.True(count > 0);
        BatchSizes.Add(count);
        for (int g = 0; g < count; g++)
        {
            var (f1, f2, v) = Score(genomes.Slice(g * Genes, Genes));
            objectives[2 * g] = f1;
            objectives[2 * g + 1] = f2;
            violation[g] = v;
        }
    }

    public static (double Cost, double Shortfall, double Violation) Score(ReadOnlySpan<int> x)
    {
        double f1 = 0, f2 = 0;
        int sum = 0;
        bool trap = true;
        for (int d = 0; d < Genes; d++)
        {
            Assert.InRange(x[d], 0, Sizes - 1);
            f1 += Weights[d] * x[d];
            f2 += (5 - x[d]) * (5 - x[d]);
            sum += x[d];
            trap &= x[d] == Sizes - 1;
        }
        return (f1, f2, trap ? double.NaN : Math.Max(0, 4 - sum));
    }

    /// <summary>The feasible, scorable objective vectors no other such vector dominates (all 6^4 designs).</summary>
    public static HashSet<(double, double)> TrueFront()
    {
        var all = new List<(double, double)>();
        var x = new int[Genes];
        for (int i = 0; i < 1296; i++)
        {
            for (int d = 0, r = i; d < Genes; d++, r /= Sizes) x[d] = r % Sizes;
            var (f1, f2, v) = Score(x);
            if (v == 0) all.Add((f1, f2));
        }
        return all.Where(p => !all.Any(q => ParetoFront.Dominates([q.Item1, q.Item2], [p.Item1, p.Item2]))).ToHashSet();
    }
}
