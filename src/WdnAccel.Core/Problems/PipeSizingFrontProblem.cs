using WdnAccel.Core.Compute;
using WdnAccel.Core.Hydraulics;
using WdnAccel.Core.Model;
using WdnAccel.Core.Optimizers;

namespace WdnAccel.Core.Problems;

/// <summary>
/// Pipe sizing with two objectives for <see cref="Nsga2"/>: minimize cost Σ c(D)·L and maximize the resilience index
/// or the minimum head surplus (stored negated, since every objective is minimized). A generation is one
/// <see cref="PipeSizingProblem.EvaluateSolved"/> call (one backend solve of every design × case); the second
/// objective is read from the heads and flows that solve leaves on the host. Violation is the design limits' total
/// (pressure/head m, velocity m/s), +∞ when a case did not converge.
/// </summary>
public sealed class PipeSizingFrontProblem : IMultiObjectiveProblem, IDisposable
{
    private readonly PipeSizingProblem _sizing;
    private readonly ResilienceIndex _index;
    private Evaluation[] _evaluations = [];
    private double[] _margin = [];

    public PipeSizingFrontProblem(CompiledNetwork network, DesignSpec design, IComputeBackend backend, FrontObjective objective)
    {
        _sizing = new PipeSizingProblem(network, design, backend);
        _index = new ResilienceIndex(network, design);
        Objective = objective;
    }

    public FrontObjective Objective { get; }

    /// <summary>The single-objective problem underneath: cost, decoding, one-design solves and limit checks.</summary>
    public PipeSizingProblem Sizing => _sizing;

    public ResilienceIndex Index => _index;

    public int Dimensions => _sizing.Dimensions;

    public int Options(int dimension) => _sizing.Options(dimension);

    public int Objectives => 2;

    public void Evaluate(ReadOnlySpan<int> genomes, int count, Span<double> objectives, Span<double> violation)
    {
        if (_evaluations.Length < count)
        {
            _evaluations = new Evaluation[count];
            _margin = new double[count];
        }
        var batch = _sizing.EvaluateSolved(genomes, count, _evaluations, violation, _margin);
        int cases = _sizing.Cases;
        for (int g = 0; g < count; g++)
        {
            objectives[2 * g] = _evaluations[g].Cost;
            objectives[2 * g + 1] = -SecondObjective(batch, g * cases);
        }
    }

    /// <summary>The second objective (as maximized: index or metres) of the design whose case 0 is lane <paramref name="firstLane"/>.</summary>
    public double SecondObjective(HydraulicBatch solved, int firstLane) => Objective == FrontObjective.Resilience
        ? _index.Design(solved, firstLane)
        : _index.MinimumSurplus(solved, firstLane);

    public void Dispose() => _sizing.Dispose();
}
