using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Tests.Optimizers;

/// <summary>
/// Minimize Σ (x_d − t_d)² with catalog sizes that differ per variable; the optimum 0 is at x = t.
/// Genomes whose gene 0 equals <see cref="TrapValue"/> are reported Valid = false with an absurdly good
/// fitness and cost, as a crashed hydraulic solve with garbage numbers would look.
/// </summary>
public sealed class SeparableProblem : CountingProblem
{
    private readonly int[] _options;

    public SeparableProblem(int dimensions)
    {
        _options = new int[dimensions];
        Targets = new int[dimensions];
        for (int d = 0; d < dimensions; d++)
        {
            _options[d] = 4 + (d * 5) % 9;          // 4..12 options
            Targets[d] = (d * 7 + 3) % _options[d];
        }
    }

    public int[] Targets { get; }
    public int? TrapValue { get; init; }

    public override int Dimensions => _options.Length;
    public override int Options(int dimension) => _options[dimension];

    protected override Evaluation Score(ReadOnlySpan<int> genome)
    {
        if (TrapValue is int trap && genome[0] == trap) return new Evaluation(-1e9, -1e9, true, false);
        double s = 0;
        for (int d = 0; d < genome.Length; d++) { double e = genome[d] - Targets[d]; s += e * e; }
        return new Evaluation(s, s, true);
    }
}
