using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// A pipe-sizing caricature: choose a size per pipe minimizing Σ L_i·c(size) subject to a head-loss budget
/// Σ L_i·h(size) ≤ H, where larger sizes cost more and lose less (monotone). Infeasible designs are penalized by
/// 100 per unit of excess loss. Small enough (5^8 designs) to brute-force the optimum in the test.
/// </summary>
public sealed class CapacityProblem : CountingProblem
{
    public static readonly double[] UnitCost = [1.0, 1.7, 2.6, 3.9, 5.5];
    public static readonly double[] UnitLoss = [8.0, 4.1, 2.2, 1.2, 0.7];
    public static readonly double[] Lengths = [1.0, 1.3, 0.7, 2.0, 1.1, 0.9, 1.6, 1.2];
    public const double LossBudget = 24.0;
    public const double Penalty = 100.0;

    public override int Dimensions => Lengths.Length;
    public override int Options(int dimension) => UnitCost.Length;

    public static (double Cost, double Loss) Measure(ReadOnlySpan<int> genome)
    {
        double cost = 0, loss = 0;
        for (int i = 0; i < genome.Length; i++)
        {
            cost += Lengths[i] * UnitCost[genome[i]];
            loss += Lengths[i] * UnitLoss[genome[i]];
        }
        return (cost, loss);
    }

    protected override Evaluation Score(ReadOnlySpan<int> genome)
    {
        var (cost, loss) = Measure(genome);
        double excess = Math.Max(0, loss - LossBudget);
        return new Evaluation(cost + Penalty * excess, cost, excess == 0);
    }

    /// <summary>Exhaustive optimum over all 5^8 designs.</summary>
    public static (double Cost, int[] Genome) BruteForce()
    {
        int n = Lengths.Length, k = UnitCost.Length;
        var g = new int[n];
        double best = double.PositiveInfinity;
        int[] arg = [];
        long total = (long)Math.Pow(k, n);
        for (long code = 0; code < total; code++)
        {
            long c = code;
            for (int i = 0; i < n; i++) { g[i] = (int)(c % k); c /= k; }
            var (cost, loss) = Measure(g);
            if (loss <= LossBudget && cost < best) { best = cost; arg = (int[])g.Clone(); }
        }
        return (best, arg);
    }
}
