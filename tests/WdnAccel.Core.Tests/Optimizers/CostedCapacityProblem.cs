using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary><see cref="CapacityProblem"/>'s scoring, plus the cheap cost that DE's swap neighbourhood uses to filter rows.</summary>
public sealed class CostedCapacityProblem : CountingProblem, ICostedProblem
{
    public override int Dimensions => CapacityProblem.Lengths.Length;
    public override int Options(int dimension) => CapacityProblem.UnitCost.Length;

    public double Cost(ReadOnlySpan<int> genome) => CapacityProblem.Measure(genome).Cost;

    protected override Evaluation Score(ReadOnlySpan<int> genome)
    {
        var (cost, loss) = CapacityProblem.Measure(genome);
        double excess = Math.Max(0, loss - CapacityProblem.LossBudget);
        return new Evaluation(cost + CapacityProblem.Penalty * excess, cost, excess == 0);
    }
}
