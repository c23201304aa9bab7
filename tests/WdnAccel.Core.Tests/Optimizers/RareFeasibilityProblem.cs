using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// Ten variables with ten options; cost Σ x_d, feasible only when Σ x_d ≥ 70 (about 1 % of random designs),
/// infeasible designs penalized by 10 per unit of shortfall. Fitness is unique enough to identify the pool's best.
/// </summary>
public sealed class RareFeasibilityProblem : CountingProblem
{
    public override int Dimensions => 10;
    public override int Options(int dimension) => 10;

    protected override Evaluation Score(ReadOnlySpan<int> genome)
    {
        double sum = 0, weighted = 0;
        for (int d = 0; d < genome.Length; d++) { sum += genome[d]; weighted += genome[d] * (1 + 0.001 * d); }
        double shortfall = Math.Max(0, 70 - sum);
        return new Evaluation(weighted + 10 * shortfall, weighted, shortfall == 0);
    }
}
