namespace WdnAccel.Core.Optimizers;

/// <summary>
/// A discrete problem with several objectives, all minimized (negate one to maximize it), and one constraint
/// violation: one catalog index per decision variable, index range [0, Options(d)). <see cref="Nsga2"/> calls
/// <see cref="Evaluate"/> once per generation with the whole batch, as the single-objective optimizers do.
/// </summary>
public interface IMultiObjectiveProblem
{
    /// <summary>Number of decision variables D.</summary>
    int Dimensions { get; }

    /// <summary>Catalog size of decision variable <paramref name="dimension"/> (at least 1).</summary>
    int Options(int dimension);

    /// <summary>Number of objectives M (at least 1).</summary>
    int Objectives { get; }

    /// <summary>
    /// Scores <paramref name="count"/> genomes stored row-major in <paramref name="genomes"/> (genome g at [g·D, g·D + D)):
    /// writes objective m of genome g at <paramref name="objectives"/>[g·M + m] and its total constraint violation at
    /// <paramref name="violation"/>[g]: 0 = feasible, &gt; 0 infeasible, +∞ or NaN = could not be scored (ranks last,
    /// never on a front). A feasible genome with a NaN objective counts as unscored too.
    /// </summary>
    void Evaluate(ReadOnlySpan<int> genomes, int count, Span<double> objectives, Span<double> violation);
}
